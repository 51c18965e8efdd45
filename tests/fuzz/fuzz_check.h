// Invariants the fuzz harnesses check beyond "no crash" (ASan/UBSan catch those): a failed
// check aborts, so libFuzzer keeps the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace netready::fuzz {

inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

// One line of printable text: no C0 control (tab aside), no DEL, no C1 control (UTF-8 C2 80-9F).
inline bool printableLine(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
    if (c == 0xC2 && i + 1 < s.size()) {
      const auto n = static_cast<unsigned char>(s[i + 1]);
      if (n >= 0x80 && n <= 0x9F) return false;
    }
  }
  return true;
}

// Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
inline bool validUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80         ? 1
                          : (c >> 5) == 6  ? 2
                          : (c >> 4) == 14 ? 3
                          : (c >> 3) == 30 ? 4
                                           : 0;
    if (n == 0 || i + n > s.size()) return false;
    unsigned cp = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    const unsigned least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

// NETREADY_FUZZ_STRICT=1 turns off the harnesses' workarounds of known core findings (marked
// KNOWN CORE FINDING), so their reproducers fail again: the way to check a fix.
inline bool strict() {
  static const bool on = std::getenv("NETREADY_FUZZ_STRICT") != nullptr;
  return on;
}

// KNOWN CORE FINDING (https_body-1, /tmp/fuzz-findings/https_body-1): printableExcerpt drops
// control bytes one at a time, so "\xC2\x01\x85" comes out as "\xC2\x85" (U+0085, a C1
// control) and the excerpt is not printable. Until core fixes it, the probe harnesses break
// that one pattern in the texts they deliver (every other invariant still runs on the input):
// a 0xC2 directly followed by a control becomes '?'. Remove this once the excerpt is fixed.
inline bool controlStartsAt(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x20 || c == 0x7F) return true;
  return c == 0xC2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0x80;
}
inline std::string avoidKnownC1Join(std::string s) {
  if (strict()) return s;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xC2 && !controlStartsAt(s, i) &&
        controlStartsAt(s, i + 1))
      s[i] = '?';
  }
  return s;
}

}  // namespace netready::fuzz
