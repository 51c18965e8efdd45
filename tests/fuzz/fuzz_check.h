// Invariants the fuzz harnesses check beyond "no crash" (ASan/UBSan catch those): a failed
// check aborts, so libFuzzer keeps the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
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

}  // namespace netready::fuzz
