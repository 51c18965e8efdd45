// The report's vocabulary, defined once: row ids with their titles and guide sections, status
// and verdict words, the end user's headlines (title and reason as separate fields), progress
// probe names and the schema id. Diagnosis, report JSON, progress, the page (through the
// bindings' `vocabulary()`), the typings' test and the lab all read this table; nobody else
// spells these words.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "netready/text.h"

namespace netready {

inline constexpr const char* kReportSchema = "netready.report/1";

enum class Status { Pass, Warn, Fail, Skipped };
enum class Verdict { Ready, Degraded, Blocked };

// One row per requirement of the guide, in report order.
enum class RowId {
  Https,
  XmppWss,
  TurnUdp,
  TurnTcp,
  TurnTls,
  Media,
  Bandwidth,
  ProxyWebSocket,
  ProxyTurn
};
inline constexpr std::size_t kRowCount = 9;

// What the end user reads first. Each belongs to one verdict.
enum class HeadlineId {
  Ready,
  ReadyUntested,
  Degraded,
  CredentialsRefused,
  TcpOnly,
  PoorQuality,
  LimitedAudio,
  NoVideo,
  LimitedVideo,
  Incomplete,
  Blocked,
  NoCalls,
  NoCallsPartial,
  NoMedia,
};
inline constexpr std::size_t kHeadlineCount = 14;

// The probes named in progress events ("probe" key), in the order the page lists them.
enum class ProbeKind { Https, XmppWss, Ice, Media, Names };
inline constexpr std::size_t kProbeKindCount = 5;

// The tables hold ids only; the words are the catalog's (core/messages/vocabulary.json), under
// ids derived from them: "status.<id>.label", "status.<id>.capacity", "verdict.<id>.sub",
// "row.<id>.title", "row.<id>.section", "headline.<id>.title", "headline.<id>.reason",
// "probe.<id>.name", "probe.<id>.step", "media-kind.<id>.label", "origin-mode.<id>.label".
struct StatusWords {
  const char* id;  // "pass": JSON value
};

// The kinds of media the bandwidth table and the call's streams name (report key "kind").
enum class MediaKind { Audio, Video, Screen };
inline constexpr std::size_t kMediaKindCount = 3;

// Where the page that runs the check is served from, relative to the service: on one of the
// profile's HTTPS origins (the bookmarklet on the Rainbow web app) it reads the service's answers
// in full; on another origin (a support site) only where the service allows it (CORS), else an
// answer proves reachability only.
enum class OriginMode { Service, Other };
inline constexpr std::size_t kOriginModeCount = 2;

struct OriginModeWords {
  const char* id;  // "service": JSON value
};

struct MediaKindWords {
  const char* id;  // "screen": JSON value
};

struct VerdictWords {
  const char* id;  // "blocked"
};

struct RowWords {
  const char* id;  // "turn-udp"
};

struct HeadlineWords {
  const char* id;   // "no-calls"
  Verdict verdict;  // the verdict this headline is used with
  bool hasReason;   // a sentence under the title
};

struct ProbeWords {
  const char* id;  // "xmpp-wss"
};

const StatusWords& words(Status s);
const VerdictWords& words(Verdict v);
const RowWords& words(RowId r);
const HeadlineWords& words(HeadlineId h);
const ProbeWords& words(ProbeKind p);
const MediaKindWords& words(MediaKind k);
const OriginModeWords& words(OriginMode m);

const char* toString(Status s);      // "pass" "warn" "fail" "skipped"
const char* toString(Verdict v);     // "ready" "degraded" "blocked"
const char* toString(RowId r);       // "https" ...
const char* toString(HeadlineId h);  // "no-calls" ...
const char* toString(ProbeKind p);   // "ice" ...
const char* toString(MediaKind k);   // "audio" "video" "screen"
const char* toString(OriginMode m);  // "service" "other"

// The words, as catalog messages.
Text statusLabel(Status s);    // "Pass": what the page shows
Text capacityWord(Status s);   // a bandwidth need with this status: "enough", "limited"...
Text verdictSub(Verdict v);    // the page's line under the headline
Text rowTitle(RowId r);        // "TURN over UDP 3478"
Text rowSection(RowId r);      // where the guide asks for it
Text headlineTitle(HeadlineId h);   // large first line, no final full stop
Text headlineReason(HeadlineId h);  // the sentence under it; may be empty
Text probeName(ProbeKind p);        // step list: "Messaging connection"
Text probeStep(ProbeKind p);        // while running: "Checking messaging connection"
Text mediaKindLabel(MediaKind k);   // "Screen sharing"
Text originModeLabel(OriginMode m);

// The headline as one sentence: "Title. Reason" (or "Title.").
Text headlineText(HeadlineId h);

std::optional<RowId> rowFromId(std::string_view id);
std::optional<Status> statusFromId(std::string_view id);
std::optional<Verdict> verdictFromId(std::string_view id);

// The whole table as JSON (schema, statuses, verdicts, rows, headlines, probes, media kinds,
// origin modes), for the page, the typings' test and the lab; each word as `key` (English, ""
// in the wasm module) and `key_msg` (report.h).
std::string vocabularyJson();

}  // namespace netready
