// Report verdict, JSON serialisation ("netready.report/1") and secret redaction.
#include "netready/report.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace netready {

namespace {

// Insertion order: the report reads top-down (schema, verdict, ... requirements).
using json = nlohmann::ordered_json;

constexpr std::string_view kRedacted = "[redacted]";

// Non-empty, distinct, longest first: a secret containing another is replaced whole.
std::vector<std::string_view> orderedSecrets(const std::vector<std::string>& secrets) {
  std::vector<std::string_view> out;
  for (const std::string& s : secrets) {
    if (!s.empty()) out.push_back(s);
  }
  std::sort(out.begin(), out.end(),
            [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// One left-to-right pass, so "[redacted]" itself is never rescanned.
std::string redactWith(std::string_view text, const std::vector<std::string_view>& secrets) {
  if (secrets.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    bool matched = false;
    for (std::string_view s : secrets) {
      if (text.substr(i, s.size()) == s) {
        out += kRedacted;
        i += s.size();
        matched = true;
        break;
      }
    }
    if (!matched) out += text[i++];
  }
  return out;
}

// Fields that only ever hold our own fixed words (schema id, verdict, row ids, statuses): a
// short secret that happens to occur in them ("pass", "udp") must not make the report
// unreadable for people and tools.
bool isFixedField(std::string_view key) {
  return key == "schema" || key == "verdict" || key == "id" || key == "status";
}

// Redacts string values (not the serialised text) so escaping cannot split a secret and the
// output stays valid JSON.
void redactStrings(json* j, const std::vector<std::string_view>& secrets) {
  if (j->is_string()) {
    std::string& s = j->get_ref<std::string&>();
    s = redactWith(s, secrets);
  } else if (j->is_object()) {
    for (auto& [key, child] : j->items()) {
      if (!isFixedField(key)) redactStrings(&child, secrets);
    }
  } else if (j->is_array()) {
    for (json& child : *j) redactStrings(&child, secrets);
  }
}

json evidenceToJson(const Evidence& e) {
  json j = json::object();
  j["target"] = e.target;
  j["outcome"] = e.outcome;
  j["status"] = toString(e.status);
  if (e.elapsedMs >= 0) j["elapsed_ms"] = e.elapsedMs;  // -1: not applicable, omitted
  j["detail"] = e.detail;
  return j;
}

json requirementToJson(const Requirement& r) {
  json evidence = json::array();
  for (const Evidence& e : r.evidence) evidence.push_back(evidenceToJson(e));
  json j = json::object();
  j["id"] = r.id;
  j["title"] = r.title;
  j["section"] = r.section;
  j["status"] = toString(r.status);
  j["summary"] = r.summary;
  j["advice"] = r.advice;
  j["evidence"] = std::move(evidence);
  return j;
}

json orNull(double v, int digits) {
  if (v < 0) return nullptr;
  const double scale = digits == 0 ? 1 : digits == 1 ? 10 : 100;
  return std::round(v * scale) / scale;
}

json mediaToJson(const MediaSection& m) {
  json j = json::object();
  j["relay"] = {{"region", m.relayRegion},
                {"target", m.relayTarget},
                {"protocol", m.relayProtocol.empty() ? json(nullptr) : json(m.relayProtocol)}};
  j["start_ms"] = m.startMs;
  j["connect_ms"] = m.connectMs < 0 ? json(nullptr) : json(m.connectMs);
  j["media_ms"] = m.mediaMs;
  j["burst_ms"] = m.burstMs;
  j["loopback"] = {{"rtt_ms", orNull(m.loopbackRttMs, 1)},
                   {"jitter_ms", orNull(m.loopbackJitterMs, 1)},
                   {"loss_pct", orNull(m.loopbackLossPct, 2)}};
  j["leg"] = {{"rtt_ms", orNull(m.legRttMs, 1)},
              {"jitter_ms", orNull(m.legJitterMs, 1)},
              {"loss_pct", orNull(m.legLossPct, 2)}};
  j["mos"] = orNull(m.mos, 2);
  json kinds = json::object();
  for (const MediaSection::Kind& k : m.kinds) {
    kinds[k.kind] = {{"sent_kbps", orNull(k.sentKbps, 0)},
                     {"received_kbps", orNull(k.receivedKbps, 0)},
                     {"jitter_ms", orNull(k.jitterMs, 1)},
                     {"packets_received", k.packetsReceived},
                     {"packets_lost", k.packetsLost}};
  }
  j["streams"] = std::move(kinds);
  j["capacity"] = {{"kbps", orNull(m.capacityKbps, 0)},
                   {"at_ceiling", m.capacityAtCeiling},
                   {"ceiling_kbps", m.burstCeilingKbps},
                   {"available_outgoing_kbps", orNull(m.availableOutgoingKbps, 0)}};
  json needs = json::array();
  for (const MediaSection::Need& n : m.bandwidth) {
    needs.push_back({{"kind", n.kind},
                     {"nominal_kbps", n.nominalKbps},
                     {"lowest_kbps", n.lowestKbps},
                     {"status", toString(n.status)}});
  }
  j["bandwidth"] = std::move(needs);
  j["arithmetic"] = m.arithmetic;
  return j;
}

}  // namespace

const char* toString(Status s) {
  switch (s) {
    case Status::Pass:
      return "pass";
    case Status::Warn:
      return "warn";
    case Status::Fail:
      return "fail";
    case Status::Skipped:
      return "skipped";
  }
  return "unknown";
}

const char* toString(Verdict v) {
  switch (v) {
    case Verdict::Ready:
      return "ready";
    case Verdict::Degraded:
      return "degraded";
    case Verdict::Blocked:
      return "blocked";
  }
  return "unknown";
}

Verdict computeVerdict(const std::vector<Requirement>& rows) {
  bool degraded = false;
  int turnMeasured = 0;
  int turnFailed = 0;
  bool anyRelay = false;
  for (const Requirement& r : rows) {
    // Without HTTPS (REST, resources) or XMPP signalling the client cannot even start.
    if (r.status == Status::Fail && (r.id == "https" || r.id == "xmpp-wss")) {
      return Verdict::Blocked;
    }
    // A relay was allocated but no media flowed through it: calls cannot work (§5.3 row 4).
    if (r.status == Status::Fail && r.id == "media") return Verdict::Blocked;
    if (r.id.rfind("turn-", 0) == 0 && r.status != Status::Skipped) {
      ++turnMeasured;
      if (r.status == Status::Fail) ++turnFailed;
      for (const Evidence& e : r.evidence) anyRelay = anyRelay || e.status == Status::Pass;
    }
    if (r.status == Status::Fail || r.status == Status::Warn) degraded = true;
  }
  // A row fails as soon as one server fails on that transport, so "every TURN row failed" is
  // not enough for blocked: one server relaying on any transport is enough for calls (§5.3
  // row 3); blocked means no relay at all.
  if (turnMeasured > 0 && turnFailed == turnMeasured && !anyRelay) return Verdict::Blocked;
  return degraded ? Verdict::Degraded : Verdict::Ready;
}

std::string reportToJson(const Report& report, const std::vector<std::string>& secrets) {
  json requirements = json::array();
  for (const Requirement& r : report.requirements) requirements.push_back(requirementToJson(r));
  json j = json::object();
  j["schema"] = Report::kSchema;
  j["verdict"] = toString(report.verdict);
  j["headline"] = report.headline;
  j["profile"] = report.profileName;
  j["browser"] = report.browser;
  j["started_at"] = report.startedAt;
  j["elapsed_ms"] = report.elapsedMs;
  j["best_turn_region"] =
      report.bestTurnRegion.empty() ? json(nullptr) : json(report.bestTurnRegion);
  j["requirements"] = std::move(requirements);
  j["notes"] = report.notes;
  j["media"] = report.hasMedia ? mediaToJson(report.media) : json(nullptr);
  redactStrings(&j, orderedSecrets(secrets));
  // Browser strings can hold anything: replace bad UTF-8 rather than abort (no exceptions).
  return j.dump(2, ' ', false, json::error_handler_t::replace);
}

std::string redactText(std::string text, const std::vector<std::string>& secrets) {
  const std::vector<std::string_view> ordered = orderedSecrets(secrets);
  if (ordered.empty()) return text;
  return redactWith(text, ordered);
}

}  // namespace netready
