// Checks of what leaves the core as JSON (report, progress events), shared by fuzz_report and
// fuzz_session: valid JSON of the right shape, no secret by core's own Redactor rule in any
// string value, every message core writes one printable line.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "netready/redact.h"
#include "netready/vocabulary.h"

namespace netready::fuzz {

// Whether a text still shows a secret by the Redactor's rule (Redactor::count), read the way
// the redaction left it: each "[redacted]" marker is core's text, never part of a secret, and it
// counts as a word next to a short secret (a 2-byte secret glued to a hidden long one was not
// standing alone in the original, so it was rightly kept). Secrets holding U+FFFD are left out:
// the serialiser writes one for each invalid UTF-8 byte, which can spell such a secret in text
// that never held it.
class LeakCheck {
 public:
  explicit LeakCheck(const std::vector<std::string>& secrets)
      : long_(pick(secrets, true)), short_(pick(secrets, false)), pad_(padFor(secrets)) {}

  bool leaks(std::string_view text) const {
    const std::string_view marker = kRedactedMarker;
    bool afterMarker = false;
    for (;;) {
      const std::size_t at = text.find(marker);
      const std::string_view piece = text.substr(0, at);
      const bool beforeMarker = at != std::string_view::npos;
      if (long_.count(piece) > 0) return true;
      std::string padded;
      if (afterMarker) padded += pad_;
      padded += piece;
      if (beforeMarker) padded += pad_;
      if (short_.count(padded) > 0) return true;
      if (!beforeMarker) return false;
      text.remove_prefix(at + marker.size());
      afterMarker = true;
    }
  }

 private:
  static std::vector<std::string> pick(const std::vector<std::string>& secrets, bool longOnes) {
    std::vector<std::string> out;
    for (const std::string& s : secrets) {
      if (s.find("\xEF\xBF\xBD") != std::string::npos) continue;
      if ((s.size() >= kWholeWordBelow) == longOnes) out.push_back(s);
    }
    return out;
  }
  // A word byte that is in no short secret, so padding never completes one.
  static char padFor(const std::vector<std::string>& secrets) {
    const std::string_view words = "qzjxkvQZJXKV0123456789abcdefghilmnoprstuwyABCDEFGHILMNOPRSTUWY";
    for (char c : words) {
      bool used = false;
      for (const std::string& s : secrets)
        used = used || (s.size() < kWholeWordBelow && s.find(c) != std::string::npos);
      if (!used) return c;
    }
    return 'q';  // unreachable: short secrets are few and at most 3 bytes each
  }
  Redactor long_, short_;
  char pad_;
};

// The report's fields that hold only the vocabulary's fixed words, exempt from redaction by
// design (report.cpp: a short secret such as "pass" must not blank the status).
inline bool fixedField(std::string_view key) {
  return key == "schema" || key == "verdict" || key == "id" || key == "status" || key == "title" ||
         key == "section" || key == "headline" || key == "headline_id" || key == "headline_title" ||
         key == "headline_reason";
}

inline void requireNoLeak(const nlohmann::json& j, const LeakCheck& leaks, std::string_view key,
                          const char* what) {
  if (j.is_string()) {
    if (!fixedField(key)) require(!leaks.leaks(j.get_ref<const std::string&>()), what);
  } else if (j.is_object()) {
    for (const auto& [k, v] : j.items())
      if (!fixedField(k)) requireNoLeak(v, leaks, k, what);
  } else if (j.is_array()) {
    for (const auto& v : j) requireNoLeak(v, leaks, key, what);
  }
}

// j[key], or null when j is no object or lacks it (const operator[] would assert).
inline const nlohmann::json& at(const nlohmann::json& j, const char* key) {
  static const nlohmann::json none;
  return j.is_object() && j.contains(key) ? j.at(key) : none;
}
inline std::string textAt(const nlohmann::json& j, const char* key) {
  const nlohmann::json& v = at(j, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

inline void requirePrintable(const nlohmann::json& j, const char* what) {
  if (j.is_string()) require(printableLine(j.get_ref<const std::string&>()), what);
}

// The report text: JSON of schema netready.report/1, no secret, every sentence core writes
// (summaries, advice, evidence, notes, the headline, the media arithmetic) one printable line.
inline nlohmann::json checkReport(const std::string& text, const LeakCheck& leaks) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  require(!j.is_discarded() && j.is_object(), "the report is a JSON object");
  require(textAt(j, "schema") == kReportSchema, "the report has its schema");
  const std::string verdict = textAt(j, "verdict");
  require(verdict == "ready" || verdict == "degraded" || verdict == "blocked", "a verdict");
  requireNoLeak(j, leaks, "", "no secret in the report");
  require(at(j, "requirements").is_array(), "rows");
  for (const auto& row : at(j, "requirements")) {
    requirePrintable(at(row, "summary"), "a row's summary is one printable line");
    requirePrintable(at(row, "advice"), "a row's advice is one printable line");
    for (const auto& e : at(row, "evidence")) {
      requirePrintable(at(e, "target"), "evidence target is one printable line");
      requirePrintable(at(e, "outcome"), "evidence outcome is one printable line");
      requirePrintable(at(e, "detail"), "evidence detail is one printable line");
    }
  }
  for (const auto& n : at(j, "notes")) requirePrintable(n, "a note is one printable line");
  requirePrintable(at(j, "headline"), "the headline is one printable line");
  const nlohmann::json& media = at(j, "media");
  requirePrintable(at(media, "arithmetic"), "the media arithmetic is one printable line");
  for (const char* k : {"region", "target", "protocol"}) {
    requirePrintable(at(at(media, "relay"), k), "the relay's words are printable");
  }
  return j;
}

// One progress event: JSON, no secret, target and outcome one printable line each.
inline nlohmann::json checkProgress(const std::string& text, const LeakCheck& leaks) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  require(!j.is_discarded() && j.is_object(), "a progress event is a JSON object");
  requireNoLeak(j, leaks, "", "no secret in a progress event");
  requirePrintable(at(j, "target"), "a progress target is one printable line");
  if (textAt(j, "phase") == "finished")
    requirePrintable(at(j, "outcome"), "a progress outcome is one printable line");
  const nlohmann::json &done = at(j, "done"), &total = at(j, "total");
  require(done.is_number_integer() && total.is_number_integer() && done.get<int>() >= 0 &&
              done.get<int>() <= total.get<int>(),
          "done within total");
  return j;
}

}  // namespace netready::fuzz
