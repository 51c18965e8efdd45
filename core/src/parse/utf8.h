// RFC 3629's table in one place: the JSON parser refuses invalid UTF-8, the JSON writer replaces
// it the way nlohmann's decoder resyncs; both read a sequence with utf8At().
#pragma once

#include <cstddef>
#include <string_view>

namespace netready::utf8 {

struct Sequence {
  std::size_t valid = 0;  // bytes from s[i] that belong to a valid sequence; 0: cannot start one
  bool whole = false;     // they are all the bytes its first byte announces
};

// The sequence at s[i], a byte >= 0x80. The first continuation byte's range excludes overlongs,
// surrogates and code points past U+10FFFF; a sequence cut by the end of `s` is not whole.
inline Sequence at(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
  }
  if (len == 0) return {};
  std::size_t k = 1;
  for (; k < len && i + k < s.size(); ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (c < lo || c > hi) break;
    lo = 0x80, hi = 0xBF;
  }
  return {k, k == len};
}

}  // namespace netready::utf8
