// Report JSON serialisation ("netready.report/1"), redacted by the one rule (redact.h).
#include "netready/report.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "netready/redact.h"
#include "report/json_out.h"
#include "text/text_json.h"

namespace netready {

namespace {

// Insertion order: the report reads top-down (schema, verdict, ... requirements).
using json = json_out::Value;

// Fields that only ever hold the vocabulary's fixed words (schema id, verdict, row ids, titles,
// sections, statuses, headlines): a
// short secret that happens to occur in them ("pass", "udp") must not make the report
// unreadable for people and tools.
bool isFixedField(std::string_view key) {
  // "m": a catalog id in a `*_msg` Text (text_json.h), never data.
  return key == "schema" || key == "verdict" || key == "id" || key == "status" || key == "title" ||
         key == "section" || key == "headline" || key == "headline_id" || key == "headline_title" ||
         key == "headline_reason" || key == "title_msg" || key == "section_msg" ||
         key == "headline_msg" || key == "headline_title_msg" || key == "headline_reason_msg" ||
         key == "m";
}

// Redacts string values (not the serialised text) so escaping cannot split a secret and the
// output stays valid JSON.
void redactStrings(json* j, const Redactor& secrets) {
  if (j->kind() == json::Kind::String) {
    std::string& s = j->string();
    s = secrets.apply(s);
  } else {
    // Object members (by name) and array elements (names empty); scalars have none.
    for (auto& [key, child] : j->members()) {
      if (!j->isObject() || !isFixedField(key)) redactStrings(&child, secrets);
    }
  }
}

json evidenceToJson(const Evidence& e) {
  json j = json::object();
  putText(j, "target", e.target);
  putText(j, "outcome", e.outcome);
  j["status"] = toString(e.status);
  if (e.elapsedMs >= 0) j["elapsed_ms"] = e.elapsedMs;  // -1: not applicable, omitted
  putText(j, "detail", e.detail);
  return j;
}

json requirementToJson(const Requirement& r) {
  json evidence = json::array();
  for (const Evidence& e : r.evidence) evidence.push_back(evidenceToJson(e));
  json j = json::object();
  j["id"] = toString(r.id);
  putText(j, "title", rowTitle(r.id));
  putText(j, "section", rowSection(r.id));
  j["status"] = toString(r.status);
  putText(j, "summary", r.summary);
  putText(j, "advice", r.advice);
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
  j["relay"] = json::object(
      {{"region", m.relayRegion},
       {"target", m.relayTarget},
       {"protocol", m.relayProtocol.empty() ? json(nullptr) : json(m.relayProtocol)}});
  j["start_ms"] = m.startMs;
  j["connect_ms"] = m.connectMs < 0 ? json(nullptr) : json(m.connectMs);
  j["media_ms"] = m.mediaMs;
  j["burst_ms"] = m.burstMs;
  j["loopback"] = json::object({{"rtt_ms", orNull(m.loopbackRttMs, 1)},
                                 {"jitter_ms", orNull(m.loopbackJitterMs, 1)},
                                 {"loss_pct", orNull(m.loopbackLossPct, 2)}});
  j["leg"] = json::object({{"rtt_ms", orNull(m.legRttMs, 1)},
                            {"jitter_ms", orNull(m.legJitterMs, 1)},
                            {"loss_pct", orNull(m.legLossPct, 2)}});
  j["mos"] = orNull(m.mos, 2);
  json kinds = json::object();
  for (const MediaSection::Kind& k : m.kinds) {
    kinds[k.kind] = json::object({{"sent_kbps", orNull(k.sentKbps, 0)},
                                  {"received_kbps", orNull(k.receivedKbps, 0)},
                                  {"jitter_ms", orNull(k.jitterMs, 1)},
                                  {"packets_received", k.packetsReceived},
                                  {"packets_lost", k.packetsLost}});
  }
  j["streams"] = std::move(kinds);
  j["capacity"] = json::object({{"kbps", orNull(m.capacityKbps, 0)},
                                 {"at_ceiling", m.capacityAtCeiling},
                                 {"ceiling_kbps", m.burstCeilingKbps},
                                 {"available_outgoing_kbps", orNull(m.availableOutgoingKbps, 0)}});
  json needs = json::array();
  for (const MediaSection::Need& n : m.bandwidth) {
    needs.push_back(json::object({{"kind", n.kind},
                                  {"nominal_kbps", n.nominalKbps},
                                  {"lowest_kbps", n.lowestKbps},
                                  {"status", toString(n.status)}}));
  }
  j["bandwidth"] = std::move(needs);
  putText(j, "arithmetic", m.arithmetic);
  return j;
}

}  // namespace

std::string reportToJson(const Report& report, const std::vector<std::string>& secrets) {
  json requirements = json::array();
  for (const Requirement& r : report.requirements) requirements.push_back(requirementToJson(r));
  json j = json::object();
  j["schema"] = kReportSchema;
  j["verdict"] = toString(report.verdict);
  // The sentence for plain-text readers, and its parts for the page (title above reason).
  putText(j, "headline", headlineText(report.headline));
  j["headline_id"] = toString(report.headline);
  putText(j, "headline_title", headlineTitle(report.headline));
  putText(j, "headline_reason", headlineReason(report.headline));
  j["profile"] = report.profileName;
  j["browser"] = report.browser;
  j["started_at"] = report.startedAt;
  j["page"] = json::object(
      {{"origin", report.pageOrigin.empty() ? json(nullptr) : json(report.pageOrigin)},
       {"mode", report.originMode ? json(toString(*report.originMode)) : json(nullptr)}});
  j["elapsed_ms"] = report.elapsedMs;
  // When the connectivity verdict was final; the call may go on after it.
  j["verdict_ms"] = report.verdictMs >= 0 ? json(report.verdictMs) : json(nullptr);
  j["cancelled"] = report.cancelled;
  j["best_turn_region"] =
      report.bestTurnRegion.empty() ? json(nullptr) : json(report.bestTurnRegion);
  j["requirements"] = std::move(requirements);
  json notes = json::array(), notesMsg = json::array();
  for (const Text& n : report.notes) {
    notes.push_back(haveWords() ? english(n) : std::string());
    notesMsg.push_back(textToJson(n));
  }
  j["notes"] = std::move(notes);
  j["notes_msg"] = std::move(notesMsg);
  j["media"] = report.hasMedia ? mediaToJson(report.media) : json(nullptr);
  redactStrings(&j, Redactor(secrets));
  // Browser strings can hold anything: bad UTF-8 is replaced (json_out writes as nlohmann's
  // error_handler_t::replace).
  return j.dump(2);
}

}  // namespace netready
