// The one table of the report's words (see vocabulary.h). Order of each table = enum order.
#include "netready/vocabulary.h"

#include <array>

#include "report/json_out.h"

namespace netready {

namespace {

constexpr std::array<StatusWords, 4> kStatuses = {{
    {"pass", "Pass", "enough"},
    {"warn", "Warning", "limited"},
    {"fail", "Fail", "not enough"},
    {"skipped", "Skipped", "not measured"},
}};

constexpr std::array<OriginModeWords, kOriginModeCount> kOriginModes = {{
    {"service", "the service's own site: its answers are read in full"},
    {"other",
     "another site: the service's answers are read only where it allows it (CORS), otherwise "
     "they prove reachability only"},
}};

constexpr std::array<MediaKindWords, kMediaKindCount> kMediaKinds = {{
    {"audio", "Audio"},
    {"video", "Video"},
    {"screen", "Screen sharing"},
}};

constexpr std::array<VerdictWords, 3> kVerdicts = {{
    {"ready", "Messaging, presence and audio/video calls can connect from this network."},
    {"degraded",
     "Messaging and presence work. Calls will connect, but sound and video may be lower quality "
     "on this network. The details below tell your IT team what to change."},
    {"blocked",
     "Something on this network is stopping Rainbow. Please send the report to your IT team or "
     "Rainbow support; the details below show what to change."},
}};

// UDP 3478 is not in the guide Ed 6 table (§5.3 lists TCP 80/443); Rainbow's later help-center
// edition adds it, so that row cites practice rather than a guide row.
constexpr std::array<RowWords, kRowCount> kRows = {{
    {"https", "HTTPS 443 to Rainbow web and REST domains", "§5.2, §5.3 row 1, §5.4"},
    {"xmpp-wss", "XMPP over secure WebSocket 443", "§5.2, §5.3 row 2, §5.7.1"},
    {"turn-udp", "TURN over UDP 3478",
     "practice: Rainbow help center (UDP 3478); not in guide Ed 6 table"},
    {"turn-tcp", "TURN over TCP 80", "§5.3 row 3"},
    {"turn-tls", "TURN over TLS 443", "§5.3 row 3"},
    {"media", "Media (DTLS-SRTP) through a TURN relay", "§5.3 row 4, §5.7.3"},
    {"bandwidth", "Bandwidth for audio, video and screen sharing", "§5.5.1"},
    {"proxy-websocket", "HTTP proxy passes the WebSocket upgrade", "§5.7.1, §6.1"},
    {"proxy-turn", "HTTP proxy passes TURN via CONNECT 80/443", "§5.3 right column, §6.1"},
}};

constexpr std::array<HeadlineWords, kHeadlineCount> kHeadlines = {{
    {"ready", Verdict::Ready, "Rainbow will work here", ""},
    {"ready-untested", Verdict::Ready, "Rainbow will work here",
     "The call servers are reachable; call quality was not measured in this check."},
    {"degraded", Verdict::Degraded, "Rainbow will work, but calls may be limited", ""},
    {"credentials-refused", Verdict::Degraded,
     "Rainbow can connect from this network, but calls could not be tested",
     "The call servers refused this check's sign-in, which may have expired. Reload the page or "
     "sign in to Rainbow again, then run the check again."},
    {"tcp-only", Verdict::Degraded, "Rainbow will work",
     "Calls will be relayed over TCP, which may reduce quality."},
    {"poor-quality", Verdict::Degraded,
     "Rainbow will work, but calls will be of poor quality on this network",
     "Expect choppy sound or picture."},
    {"limited-audio", Verdict::Degraded,
     "Rainbow will work, but this connection is too slow for video", "Audio may be limited."},
    {"no-video", Verdict::Degraded, "Rainbow will work",
     "Audio calls will be fine, but video will not work on this connection."},
    {"limited-video", Verdict::Degraded, "Rainbow will work",
     "Audio calls will be fine; video will be limited on this connection."},
    {"incomplete", Verdict::Degraded,
     "The check did not finish, so it cannot yet say whether Rainbow will work here",
     "Please run it again."},
    {"blocked", Verdict::Blocked, "Rainbow cannot connect from this network",
     "Your IT team can fix this: details below."},
    {"no-calls", Verdict::Blocked, "Audio/video calls cannot connect from this network",
     "Messaging will work. Your IT team can fix calls: details below."},
    {"no-calls-partial", Verdict::Blocked, "Audio/video calls cannot connect from this network",
     "The check of messaging did not finish: please run it again."},
    {"no-media", Verdict::Blocked,
     "Audio/video calls cannot carry sound or picture from this network",
     "Messaging will work. Your IT team can fix calls: details below."},
}};

constexpr std::array<ProbeWords, kProbeKindCount> kProbes = {{
    {"https", "Secure web access", "Checking secure web access"},
    {"xmpp-wss", "Messaging connection", "Checking messaging connection"},
    {"ice", "Call servers", "Checking call servers"},
    {"media", "Call quality", "Checking call quality"},
    {"names", "Name lookups", "Looking up Rainbow's server names"},
}};

template <typename Table, typename Enum>
const auto& at(const Table& table, Enum e) {
  return table[static_cast<std::size_t>(e)];
}

template <typename Enum, typename Table>
std::optional<Enum> lookup(const Table& table, std::string_view id) {
  for (std::size_t i = 0; i < table.size(); ++i)
    if (id == table[i].id) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace

const StatusWords& words(Status s) { return at(kStatuses, s); }
const VerdictWords& words(Verdict v) { return at(kVerdicts, v); }
const RowWords& words(RowId r) { return at(kRows, r); }
const HeadlineWords& words(HeadlineId h) { return at(kHeadlines, h); }
const ProbeWords& words(ProbeKind p) { return at(kProbes, p); }
const MediaKindWords& words(MediaKind k) { return at(kMediaKinds, k); }
const OriginModeWords& words(OriginMode m) { return at(kOriginModes, m); }

const char* toString(Status s) { return words(s).id; }
const char* toString(Verdict v) { return words(v).id; }
const char* toString(RowId r) { return words(r).id; }
const char* toString(HeadlineId h) { return words(h).id; }
const char* toString(ProbeKind p) { return words(p).id; }
const char* toString(MediaKind k) { return words(k).id; }
const char* toString(OriginMode m) { return words(m).id; }

std::string headlineText(HeadlineId h) {
  const HeadlineWords& w = words(h);
  std::string text = std::string(w.title) + ".";
  if (*w.reason != '\0') text += std::string(" ") + w.reason;
  return text;
}

std::optional<RowId> rowFromId(std::string_view id) { return lookup<RowId>(kRows, id); }
std::optional<Status> statusFromId(std::string_view id) { return lookup<Status>(kStatuses, id); }
std::optional<Verdict> verdictFromId(std::string_view id) { return lookup<Verdict>(kVerdicts, id); }

std::string vocabularyJson() {
  using json = json_out::Value;
  json j = json::object();
  j["schema"] = kReportSchema;
  json statuses = json::array();
  for (const StatusWords& s : kStatuses)
    statuses.push_back(json::object({{"id", s.id}, {"label", s.label}, {"capacity", s.capacity}}));
  json verdicts = json::array();
  for (const VerdictWords& v : kVerdicts)
    verdicts.push_back(json::object({{"id", v.id}, {"sub", v.sub}}));
  json rows = json::array();
  for (const RowWords& r : kRows)
    rows.push_back(json::object({{"id", r.id}, {"title", r.title}, {"section", r.section}}));
  json headlines = json::array();
  for (const HeadlineWords& h : kHeadlines)
    headlines.push_back(json::object(
        {{"id", h.id}, {"verdict", toString(h.verdict)}, {"title", h.title}, {"reason", h.reason}}));
  json probes = json::array();
  for (const ProbeWords& p : kProbes)
    probes.push_back(json::object({{"id", p.id}, {"name", p.name}, {"step", p.step}}));
  j["statuses"] = std::move(statuses);
  j["verdicts"] = std::move(verdicts);
  j["rows"] = std::move(rows);
  j["headlines"] = std::move(headlines);
  j["probes"] = std::move(probes);
  json kinds = json::array();
  for (const MediaKindWords& k : kMediaKinds)
    kinds.push_back(json::object({{"id", k.id}, {"label", k.label}}));
  j["media_kinds"] = std::move(kinds);
  json origins = json::array();
  for (const OriginModeWords& o : kOriginModes)
    origins.push_back(json::object({{"id", o.id}, {"label", o.label}}));
  j["origin_modes"] = std::move(origins);
  return j.dump(2);
}

}  // namespace netready
