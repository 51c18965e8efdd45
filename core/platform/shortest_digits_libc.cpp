// shortestExponential() by libc: each "%.*e" precision in turn until strtod gives `d` back.
// glibc's and musl's printf and strtod round correctly, so this is what JavaScript prints. Linked
// into native builds and the wasm unit tests; the browser module has its own (wasm/).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "report/shortest_digits.h"

namespace netready::json_out {

namespace {

// "4.49e+00" -> "4.50e+00": the next decimal up with as many digits; false past "9.99".
bool nextDecimalUp(char* s) {
  const char* e = std::strchr(s, 'e');
  for (char* p = s + (e - s) - 1; p >= s; --p) {
    if (*p == '.') continue;
    if (*p != '9') {
      ++*p;
      return true;
    }
    *p = '0';
  }
  return false;
}

}  // namespace

void shortestExponential(double d, char (&buf)[32]) {
  int exponent2 = 0;
  // At a power of two the doubles below are half as far apart as those above, so the nearest
  // decimal can miss below while the next one up still reads back as d.
  const bool powerOfTwo = std::frexp(d, &exponent2) == 0.5;
  for (int precision = 0; precision < 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision, d);
    const double back = std::strtod(buf, nullptr);
    if (back == d) return;
    if (powerOfTwo && back < d && nextDecimalUp(buf) && std::strtod(buf, nullptr) == d) return;
  }
}

}  // namespace netready::json_out
