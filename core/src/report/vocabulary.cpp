// The one table of the report's words (see vocabulary.h). Order of each table = enum order.
#include "netready/vocabulary.h"

#include <array>
#include <initializer_list>
#include <string>
#include <utility>

#include "report/json_out.h"
#include "text/text_json.h"

namespace netready {

namespace {

constexpr std::array<StatusWords, 4> kStatuses = {{{"pass"}, {"warn"}, {"fail"}, {"skipped"}}};

constexpr std::array<OriginModeWords, kOriginModeCount> kOriginModes = {{{"service"}, {"other"}}};

constexpr std::array<MediaKindWords, kMediaKindCount> kMediaKinds = {
    {{"audio"}, {"video"}, {"screen"}}};

constexpr std::array<VerdictWords, 3> kVerdicts = {{{"ready"}, {"degraded"}, {"blocked"}}};

// UDP 3478 is not in the guide Ed 6 table (§5.3 lists TCP 80/443); Rainbow's later help-center
// edition adds it, so that row's section cites practice rather than a guide row.
constexpr std::array<RowWords, kRowCount> kRows = {{{"https"},
                                                    {"xmpp-wss"},
                                                    {"turn-udp"},
                                                    {"turn-tcp"},
                                                    {"turn-tls"},
                                                    {"media"},
                                                    {"bandwidth"},
                                                    {"proxy-websocket"},
                                                    {"proxy-turn"}}};

constexpr std::array<HeadlineWords, kHeadlineCount> kHeadlines = {{
    {"ready", Verdict::Ready, false},
    {"ready-untested", Verdict::Ready, true},
    {"degraded", Verdict::Degraded, false},
    {"credentials-refused", Verdict::Degraded, true},
    {"tcp-only", Verdict::Degraded, true},
    {"poor-quality", Verdict::Degraded, true},
    {"limited-audio", Verdict::Degraded, true},
    {"no-video", Verdict::Degraded, true},
    {"limited-video", Verdict::Degraded, true},
    {"incomplete", Verdict::Degraded, true},
    {"blocked", Verdict::Blocked, true},
    {"no-calls", Verdict::Blocked, true},
    {"no-calls-partial", Verdict::Blocked, true},
    {"no-media", Verdict::Blocked, true},
}};

constexpr std::array<ProbeWords, kProbeKindCount> kProbes = {
    {{"https"}, {"xmpp-wss"}, {"ice"}, {"media"}, {"names"}}};

// The catalog id of a word: "<table>.<id>.<field>".
Text word(const char* table, const char* id, const char* field) {
  return msg(std::string(table) + "." + id + "." + field);
}

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

Text statusLabel(Status s) { return word("status", toString(s), "label"); }
Text capacityWord(Status s) { return word("status", toString(s), "capacity"); }
Text verdictSub(Verdict v) { return word("verdict", toString(v), "sub"); }
Text rowTitle(RowId r) { return word("row", toString(r), "title"); }
Text rowSection(RowId r) { return word("row", toString(r), "section"); }
Text headlineTitle(HeadlineId h) { return word("headline", toString(h), "title"); }
Text headlineReason(HeadlineId h) {
  return words(h).hasReason ? word("headline", toString(h), "reason") : Text();
}
Text probeName(ProbeKind p) { return word("probe", toString(p), "name"); }
Text probeStep(ProbeKind p) { return word("probe", toString(p), "step"); }
Text mediaKindLabel(MediaKind k) { return word("media-kind", toString(k), "label"); }
Text originModeLabel(OriginMode m) { return word("origin-mode", toString(m), "label"); }

Text headlineText(HeadlineId h) {
  return words(h).hasReason ? msg("headline.sentence", {headlineTitle(h), headlineReason(h)})
                            : msg("headline.sentence-short", {headlineTitle(h)});
}

std::optional<RowId> rowFromId(std::string_view id) { return lookup<RowId>(kRows, id); }
std::optional<Status> statusFromId(std::string_view id) { return lookup<Status>(kStatuses, id); }
std::optional<Verdict> verdictFromId(std::string_view id) { return lookup<Verdict>(kVerdicts, id); }

std::string vocabularyJson() {
  using json = json_out::Value;
  // {"id": ..., key: English, key_msg: Text, ...} for each word of one entry.
  const auto entry = [](const char* id, std::initializer_list<std::pair<const char*, Text>> ws) {
    json e = json::object();
    e["id"] = id;
    for (const auto& [key, text] : ws) putText(e, key, text);
    return e;
  };
  json j = json::object();
  j["schema"] = kReportSchema;
  json statuses = json::array();
  for (std::size_t i = 0; i < kStatuses.size(); ++i) {
    const auto s = static_cast<Status>(i);
    statuses.push_back(entry(toString(s), {{"label", statusLabel(s)}, {"capacity", capacityWord(s)}}));
  }
  json verdicts = json::array();
  for (std::size_t i = 0; i < kVerdicts.size(); ++i) {
    const auto v = static_cast<Verdict>(i);
    verdicts.push_back(entry(toString(v), {{"sub", verdictSub(v)}}));
  }
  json rows = json::array();
  for (std::size_t i = 0; i < kRows.size(); ++i) {
    const auto r = static_cast<RowId>(i);
    rows.push_back(entry(toString(r), {{"title", rowTitle(r)}, {"section", rowSection(r)}}));
  }
  json headlines = json::array();
  for (std::size_t i = 0; i < kHeadlines.size(); ++i) {
    const auto h = static_cast<HeadlineId>(i);
    json e = entry(toString(h), {{"title", headlineTitle(h)}, {"reason", headlineReason(h)}});
    e["verdict"] = toString(kHeadlines[i].verdict);
    headlines.push_back(std::move(e));
  }
  json probes = json::array();
  for (std::size_t i = 0; i < kProbes.size(); ++i) {
    const auto p = static_cast<ProbeKind>(i);
    probes.push_back(entry(toString(p), {{"name", probeName(p)}, {"step", probeStep(p)}}));
  }
  j["statuses"] = std::move(statuses);
  j["verdicts"] = std::move(verdicts);
  j["rows"] = std::move(rows);
  j["headlines"] = std::move(headlines);
  j["probes"] = std::move(probes);
  json kinds = json::array();
  for (std::size_t i = 0; i < kMediaKinds.size(); ++i) {
    const auto k = static_cast<MediaKind>(i);
    kinds.push_back(entry(toString(k), {{"label", mediaKindLabel(k)}}));
  }
  j["media_kinds"] = std::move(kinds);
  json origins = json::array();
  for (std::size_t i = 0; i < kOriginModes.size(); ++i) {
    const auto m = static_cast<OriginMode>(i);
    origins.push_back(entry(toString(m), {{"label", originModeLabel(m)}}));
  }
  j["origin_modes"] = std::move(origins);
  return j.dump(2);
}

}  // namespace netready
