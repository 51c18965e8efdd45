// fixedDigits() rounds in integers instead of calling printf (the module links no printf): it
// must write what "%.*f" writes for every double, ties and extremes included.
#include "probes/probe_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>

namespace netready {
namespace {

std::string printfFixed(double v, int digits) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

TEST(FixedDigits, WritesWhatPrintfWritesForChosenValues) {
  const double cases[] = {0.0,
                          -0.0,
                          4.4,
                          4.45,
                          4.35,
                          0.125,
                          0.375,
                          2.5,
                          3.5,
                          -2.5,
                          0.05,
                          0.15,
                          1.005,
                          -0.01,
                          -0.04,
                          99.95,
                          1e-300,
                          5e-324,
                          1e15,
                          1e16,
                          1e20,
                          1e22,
                          4.5e15,
                          9007199254740993.0,
                          1.7976931348623157e308,
                          std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity(),
                          123456.789,
                          0.5,
                          1.5};
  for (double v : cases)
    for (int d = 0; d <= 3; ++d) EXPECT_EQ(fixedDigits(v, d), printfFixed(v, d)) << v << " " << d;
  EXPECT_EQ(fixedDigits(std::nan(""), 1), "nan");
  EXPECT_EQ(fixedDigits(0.125, 2), "0.12");  // the exact value is a tie: to even
  EXPECT_EQ(fixedDigits(4.45, 1), "4.5");    // 4.45 is 4.4500000000000001776...: up
}

TEST(FixedDigits, WritesWhatPrintfWritesForRandomDoubles) {
  std::mt19937_64 rng(20261203);
  for (int i = 0; i < 200000; ++i) {
    std::uint64_t bits = rng();
    double v = 0;
    std::memcpy(&v, &bits, sizeof v);
    if (std::isnan(v)) continue;
    const int d = static_cast<int>(i % 4);
    ASSERT_EQ(fixedDigits(v, d), printfFixed(v, d)) << v << " " << d;
  }
  // The values reports hold: small, with a few decimals, many of them exact ties.
  std::uniform_int_distribution<int> small(-200000, 200000);
  for (int i = 0; i < 200000; ++i) {
    const double v = small(rng) / 1000.0;
    const int d = static_cast<int>(i % 4);
    ASSERT_EQ(fixedDigits(v, d), printfFixed(v, d)) << v << " " << d;
    const double tie = small(rng) / 8.0;
    ASSERT_EQ(fixedDigits(tie, d), printfFixed(tie, d)) << tie << " " << d;
  }
}

// A decimal figure in core's texts ("MOS 4.4", "0.0 %") is written with the reader's decimal
// separator; digits, sign and rounding are fixedDigits'.
TEST(DecimalText, UsesTheLocalesSeparator) {
  EXPECT_EQ(render(decimalText(4.4, 1), Locale::En), "4.4");
  EXPECT_EQ(render(decimalText(4.4, 1), Locale::Fr), "4,4");
  EXPECT_EQ(render(decimalText(-0.25, 2), Locale::Fr), "-0,25");
  EXPECT_EQ(render(decimalText(0.0, 1), Locale::Fr), "0,0");
  // Without decimals, and for what has no digits, data as is.
  EXPECT_EQ(decimalText(3320.4, 0), Text("3320"));
  EXPECT_EQ(decimalText(std::nan(""), 1), Text("nan"));
}

}  // namespace
}  // namespace netready
