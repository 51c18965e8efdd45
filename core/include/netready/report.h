// The report: versioned JSON ("netready.report/1"), one row per requirement of the guide.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "netready/profile.h"
#include "netready/text.h"
#include "netready/vocabulary.h"

namespace netready {

// One measured fact supporting a row: what was tried, what happened, how long it took.
struct Evidence {
  Text target;   // "turn-eu1.openrainbow.com:443 TURN/TLS", "https://openrainbow.com/..."
  Text outcome;  // "relay candidate", "timed out after 6000 ms", "401 Unauthorized" ...
  Status status = Status::Skipped;
  std::int64_t elapsedMs = -1;  // -1: not applicable
  Text detail;                  // optional extra, e.g. "relay 198.18.0.21:50000 udp"
};

// One row; its id, title and guide section come from the vocabulary (vocabulary.h).
struct Requirement {
  RowId id = RowId::Https;
  Status status = Status::Skipped;
  Text summary;  // one line for IT
  Text advice;   // what IT should change, citing the guide; empty when pass
  std::vector<Evidence> evidence;
};

// The relay loopback call's figures (report key "media"); -1 means not measured (JSON null).
struct MediaSection {
  struct Kind {
    std::string kind;  // "audio" / "video"
    double sentKbps = -1;
    double receivedKbps = -1;
    double jitterMs = -1;
    std::int64_t packetsReceived = 0;
    std::int64_t packetsLost = 0;
  };
  struct Need {        // one line of the §5.5.1 table against the measured capacity
    std::string kind;  // "audio", "video", "screen"
    int nominalKbps = 0;
    int lowestKbps = 0;
    Status status = Status::Skipped;
  };
  std::string relayRegion;
  std::string relayTarget;    // "turn-eu1.openrainbow.com:3478 TURN/UDP"
  std::string relayProtocol;  // from getStats
  std::int64_t startMs = -1;  // since the run started
  std::int64_t connectMs = -1;
  std::int64_t mediaMs = 0;
  std::int64_t burstMs = 0;
  double loopbackRttMs = -1, loopbackJitterMs = -1, loopbackLossPct = -1;
  double legRttMs = -1, legJitterMs = -1, legLossPct = -1;
  double mos = -1;
  double capacityKbps = -1;
  bool capacityAtCeiling = false;
  int burstCeilingKbps = 0;
  double availableOutgoingKbps = -1;
  std::vector<Kind> kinds;
  std::vector<Need> bandwidth;
  Text arithmetic;  // how loopback figures become one call leg's
};

// Service when pageOrigin is the origin (scheme://host[:port]) of one of the profile's HTTPS
// endpoints, Other for any other origin, none when the host gave no origin (not a page).
std::optional<OriginMode> originModeFor(const Profile& profile, std::string_view pageOrigin);

struct Report {
  Verdict verdict = Verdict::Blocked;
  HeadlineId headline = HeadlineId::Incomplete;  // plain words for the end user (vocabulary)
  std::string profileName;
  std::string browser;     // user agent, as given by the host
  std::string startedAt;   // ISO 8601, as given by the host
  std::string pageOrigin;  // "https://web.openrainbow.com", as given by the host; empty: none
  std::optional<OriginMode> originMode;  // from pageOrigin and the profile (originModeFor)
  std::int64_t elapsedMs = 0;
  std::int64_t verdictMs = -1;  // connectivity rows final (Observations::verdictMs); -1: never
  bool cancelled = false;       // the user stopped the check: unfinished rows are skipped
  std::string bestTurnRegion;   // empty when none
  std::vector<Requirement> requirements;
  std::vector<Text> notes;  // what was inferred and from what
  bool hasMedia = false;           // a call was placed: `media` holds its figures
  MediaSection media;
};

// Serialises the report. Every text is written twice: `key` in English (rendered by
// messageTemplate(); empty in the wasm module, whose page fills it) and `key_msg`, the
// language-neutral Text (textToJson) the page renders in the reader's locale. Every secret is
// redacted (redact.h) from every free-text value and every data part, as a last line of defence;
// credentials are never put in on purpose.
std::string reportToJson(const Report& report, const std::vector<std::string>& secrets);

}  // namespace netready
