#include "probes/probe_text.h"

#include <cstdio>

#include "parse/control_bytes.h"

namespace netready {

std::string fixedDigits(double v, int digits) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string msText(std::int64_t ms) { return std::to_string(ms) + " ms"; }

Text timedOutText(std::int64_t ms) { return msg("run.timed-out-after", {msText(ms)}); }

std::string printableExcerpt(std::string_view text, std::size_t max) {
  // Whole UTF-8 sequences only: a lead byte without its continuation bytes (or a stray
  // continuation byte) is dropped, so removing a control can never splice a C2 and a following
  // 80-9F into a new C1 control (found by fuzz_https_body: C2 01 85).
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 1 : c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    bool whole = n > 0 && i + n <= text.size();
    for (std::size_t k = 1; whole && k < n; ++k) {
      whole = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (!whole) {
      ++i;  // invalid or cut: dropped
      continue;
    }
    if (text::controlAt(text, i) == 0) {
      if (out.size() + n > max) {
        // Cut: say so, the way the redactor recognises a secret cut in half (redact.h).
        while (out.size() + 3 > max && !out.empty()) {
          out.pop_back();
          while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
            out.pop_back();
          if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
        }
        return out + "...";
      }
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string xmlAttributeEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i];
    char b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

}  // namespace netready
