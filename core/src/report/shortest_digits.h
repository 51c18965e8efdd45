// The shortest decimal digits that read back as a double, for json_out's number format. Two
// implementations with the same results: libc's printf and strtod for native builds
// (core/platform/shortest_digits_libc.cpp), the JS engine's Number.prototype.toExponential() in
// the wasm module (wasm/shortest_digits.cpp), where musl's printf would link ~8 KB.
#pragma once

namespace netready::json_out {

// `d` (finite, > 0) as "<digit>[.<digits>]e<sign><exponent>" ("4.4e+00", "5e-324"), with the
// fewest digits that read back as `d` and, among those, the nearest to `d`: the digits of
// JavaScript's String(d).
void shortestExponential(double d, char (&buf)[32]);

}  // namespace netready::json_out
