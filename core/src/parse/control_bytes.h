// The one definition of a control character for every text core lets out (messages, reports,
// excerpts): C0 (U+0000-U+001F), DEL (U+007F) and C1 (U+0080-U+009F, UTF-8 C2 80-9F; U+009B is
// a terminal's CSI). Callers decide what a tab is to them.
#pragma once

#include <cstddef>
#include <string_view>

namespace netready::text {

// Bytes of the control character starting at s[i]: 1 (C0, DEL), 2 (C1), 0 (none).
inline std::size_t controlAt(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x20 || c == 0x7F) return 1;
  if (c == 0xC2 && i + 1 < s.size()) {
    const auto n = static_cast<unsigned char>(s[i + 1]);
    if (n >= 0x80 && n <= 0x9F) return 2;
  }
  return 0;
}

// The code point of the control character at s[i] (given controlAt(s, i) > 0).
inline unsigned controlCode(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  return c == 0xC2 ? static_cast<unsigned char>(s[i + 1]) : c;
}

}  // namespace netready::text
