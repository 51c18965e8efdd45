// shortestExponential() for the module: the JS engine's Number.prototype.toExponential() without
// an argument, which gives "as many digits as necessary to represent the value uniquely", the
// nearest of them (ECMA-262 Number::toString): the digits libc's loop finds natively, without
// musl's printf (~8 KB of the module). "4.4e+0": json_out reads any exponent width.
#include "report/shortest_digits.h"

#include <emscripten.h>

// clang-format off
EM_JS(void, nr_to_exponential, (double d, char* out, int capacity), {
  const s = d.toExponential();
  const n = Math.min(s.length, capacity - 1);
  for (let i = 0; i < n; ++i) HEAPU8[out + i] = s.charCodeAt(i);
  HEAPU8[out + n] = 0;
});
// clang-format on

namespace netready::json_out {

void shortestExponential(double d, char (&buf)[32]) { nr_to_exponential(d, buf, sizeof buf); }

}  // namespace netready::json_out
