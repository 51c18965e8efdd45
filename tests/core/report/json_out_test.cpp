// json_out::Value writes what nlohmann's ordered_json wrote (dump(indent, ' ', false,
// error_handler_t::replace)): strings, numbers, layout; every golden file reads back to its own
// bytes.
#include "report/json_out.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/test_data.h"
#include "parse/json_parse.h"

namespace netready {
namespace {

using json_out::Value;
using nlohmann::ordered_json;

std::string nlohmannDump(const ordered_json& j, int indent = -1) {
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

TEST(JsonOut, StringsAreEscapedAsNlohmann) {
  const std::vector<std::string> cases = {
      "plain",
      "quote \" backslash \\ slash /",
      "\b\f\n\r\t",
      std::string("\x00\x01\x1F\x7F", 4),
      "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E",  // non-ASCII kept as UTF-8
      "\xC2\x9B",                                   // C1 control: as is (JSON allows it)
      "\xFF",                                       // cannot start a sequence
      "a\x80z",                                     // stray continuation byte
      "\xC3(",                                      // sequence broken: '(' is read again
      "\xE2\x82",                                   // cut by the end
      "\xE0\x80\xAF",                               // overlong
      "\xED\xA0\x80",                               // UTF-16 surrogate
      "\xF4\x90\x80\x80",                           // past U+10FFFF
      "\xF0\x9D\x84",                               // cut 4-byte sequence
      "\xC0\xAF\xF5\xFE",
  };
  for (const std::string& s : cases) {
    EXPECT_EQ(Value(s).dump(), nlohmannDump(ordered_json(s))) << s;
  }
  EXPECT_EQ(Value("\xC3(").dump(), "\"\xEF\xBF\xBD(\"");
  EXPECT_EQ(Value(std::string("\x01", 1)).dump(), "\"\\u0001\"");
}

TEST(JsonOut, NumbersAreWrittenAsNlohmann) {
  const std::vector<double> cases = {0.0,
                                     -0.0,
                                     1.0,
                                     100.0,
                                     4.4,
                                     4.42,
                                     0.25,
                                     1356.0,
                                     32.0,
                                     0.1,
                                     -1.5,
                                     1e15,
                                     1e16,
                                     1e-4,
                                     1e-5,
                                     1.5e300,
                                     2e-300,
                                     1e21,
                                     0.1 + 0.2,
                                     123456.789,
                                     5e-324,
                                     1.7976931348623157e308,
                                     9007199254740993.0};
  for (double d : cases) EXPECT_EQ(Value(d).dump(), ordered_json(d).dump()) << d;
  EXPECT_EQ(Value(100.0).dump(), "100.0");
  EXPECT_EQ(Value(1e16).dump(), "1e+16");
  EXPECT_EQ(Value(1e-5).dump(), "1e-05");
  EXPECT_EQ(Value(0.001).dump(), "0.001");
  EXPECT_EQ(Value(-0.0).dump(), "-0.0");
  // A power of two, where the nearest 16-digit decimal does not read back but the next up does.
  EXPECT_EQ(Value(std::ldexp(1.0, -24)).dump(), "5.960464477539063e-08");
  EXPECT_EQ(Value(std::numeric_limits<double>::quiet_NaN()).dump(), "null");
  EXPECT_EQ(Value(std::numeric_limits<double>::infinity()).dump(), "null");
  EXPECT_EQ(Value(std::int64_t{-5}).dump(), "-5");
  EXPECT_EQ(Value(18446744073709551615u).dump(), "18446744073709551615");
}

// Where nlohmann's Grisu2 is not the shortest, the shortest is written (what JavaScript's
// String(x) gives); the text reads back as the same double.
TEST(JsonOut, NumbersAreTheShortestThatReadBack) {
  for (double d : {5e22, 0.000649, 5.5621891213496945e+180}) {
    const std::string ours = Value(d).dump();
    EXPECT_LE(ours.size(), ordered_json(d).dump().size()) << ours;
    EXPECT_EQ(std::strtod(ours.c_str(), nullptr), d) << ours;
  }
  EXPECT_EQ(Value(5e22).dump(), "5e+22");  // nlohmann: 4.9999999999999996e+22
}

TEST(JsonOut, LayoutIsNlohmanns) {
  Value v = Value::object({{"a", 1}, {"b", Value::array()}, {"c", Value::object()}});
  v["d"].push_back("x");
  v["d"].push_back(nullptr);
  v["e"]["f"] = false;
  const ordered_json j = ordered_json::parse(v.dump());
  EXPECT_EQ(v.dump(), nlohmannDump(j));
  EXPECT_EQ(v.dump(2), nlohmannDump(j, 2));
  EXPECT_EQ(v.dump(0), nlohmannDump(j, 0));
}

// Every golden report, parsed and written again, is the same bytes: the parser keeps order and
// number kinds, and the writer is nlohmann's to the byte (the goldens were written by it).
TEST(JsonOut, GoldenFilesReadBackToTheirOwnBytes) {
  int files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(NETREADY_TEST_DATA) + "/golden")) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    const std::string text = fixtures::readData("golden/" + entry.path().filename().string());
    const json_parse::Parsed p = json_parse::parse(text);
    ASSERT_TRUE(p.ok) << entry.path() << ": " << p.error;
    EXPECT_EQ(p.value.dump(2) + "\n", text) << entry.path();
    EXPECT_EQ(p.value.dump(2), nlohmannDump(ordered_json::parse(text), 2)) << entry.path();
  }
  EXPECT_GE(files, 10);
}

}  // namespace
}  // namespace netready
