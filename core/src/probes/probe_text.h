// Small text helpers shared by probes and the runner.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "netready/text.h"

namespace netready {

// `v` with `digits` (0 to 3) decimals ("4.4"), locale-independent: the same text as printf's
// "%.*f" (the exact binary value, ties to even, "-0.0", "nan", "inf"), without printf, which
// links ~8 KB into the wasm module (issue "Fast and small").
std::string fixedDigits(double v, int digits);

// `v` with `digits` decimals as the reader writes it: "4.4" in English, "4,4" in French (the
// catalog's num.decimal joins the integer and fraction digits); without decimals, or nan/inf,
// data.
Text decimalText(double v, int digits);

// "0.5 %": a loss percentage with one decimal.
Text percentText(double v);

// "6000 ms": a duration, data.
std::string msText(std::int64_t ms);

// "timed out after 6000 ms"
Text timedOutText(std::int64_t ms);

// The first `max` bytes of `text` with control characters dropped (report-safe excerpt).
std::string printableExcerpt(std::string_view text, std::size_t max = 120);

// Escapes & < > " ' for an XML attribute value.
std::string xmlAttributeEscape(std::string_view text);

// ASCII case-insensitive prefix test.
bool startsWithNoCase(std::string_view text, std::string_view prefix);

}  // namespace netready
