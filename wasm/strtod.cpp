// strtod for the module: decimal text to double by the JS engine's Number(), which rounds
// correctly as musl's does, instead of musl's __floatscan, whose long double arithmetic links
// ~10 KB of soft-float code (compiler-rt __multf3, __divtf3, ...). Its callers are core's JSON
// parser (core/src/parse/json_parse.cpp), on numbers it has already checked against the JSON
// grammar, and writer (core/src/report/json_out.cpp), on printf's "%.*e". Accepted: optional
// spaces, sign, digits with an optional fraction and exponent, "inf", "infinity" and "nan" (any
// case). Not accepted (end = s, result 0): hexadecimal floats and "nan(...)"; no caller needs them.
#include <emscripten.h>

#include <cerrno>
#include <cfloat>
#include <cstdlib>

// clang-format off
EM_JS(double, nr_number, (const char* text, int length), {
  return Number(UTF8ToString(text, length));
});
// clang-format on

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The length of `word` at p (case-insensitive), or 0.
int prefix(const char* p, const char* word) {
  int n = 0;
  for (; word[n] != '\0'; ++n) {
    if (lower(p[n]) != word[n]) return 0;
  }
  return n;
}

}  // namespace

extern "C" double __wrap_strtod(const char* __restrict s, char** __restrict end) {
  const char* p = s;
  while (*p == ' ' || (*p >= '\t' && *p <= '\r')) ++p;
  const char* start = p;
  const bool negative = *p == '-';
  if (*p == '+' || *p == '-') ++p;
  const char* mantissa = p;
  bool nonzero = false;
  for (; digit(*p); ++p) nonzero = nonzero || *p != '0';
  bool any = p > mantissa;
  if (*p == '.') {
    const char* fraction = ++p;
    for (; digit(*p); ++p) nonzero = nonzero || *p != '0';
    any = any || p > fraction;
  }
  double value = 0;
  if (any) {
    if (*p == 'e' || *p == 'E') {
      const char* q = p + 1;
      if (*q == '+' || *q == '-') ++q;
      if (digit(*q)) {
        while (digit(*q)) ++q;
        p = q;
      }
    }
    value = nr_number(start, static_cast<int>(p - start));
    // Out of range as musl says it (errno ERANGE): overflow to +-inf, a subnormal result, or 0
    // from non-zero digits.
    const double magnitude = value < 0 ? -value : value;
    if (magnitude - magnitude != 0 || (magnitude < DBL_MIN && (magnitude != 0 || nonzero))) {
      errno = ERANGE;
    }
  } else if (int n = prefix(mantissa, "infinity") ? 8 : prefix(mantissa, "inf")) {
    p = mantissa + n;
    value = negative ? -__builtin_inf() : __builtin_inf();
  } else if (prefix(mantissa, "nan")) {
    p = mantissa + 3;
    value = negative ? -__builtin_nan("") : __builtin_nan("");
  } else {
    p = s;
  }
  if (end != nullptr) *end = const_cast<char*>(p);
  return value;
}
