// json_parse::parse: the inputs nlohmann accepted and refused (a few of JSONTestSuite's y_ and n_
// cases, github.com/nst/JSONTestSuite test_parsing/), the kinds of numbers, repeated names, the
// nesting limit, and error messages that say where and what without echoing the text.
#include "parse/json_parse.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace netready {
namespace {

using json_out::Value;
using json_parse::parse;

TEST(JsonParse, AcceptsWhatRfc8259Allows) {
  // JSONTestSuite y_ cases (name: text).
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"y_array_empty", "[]"},
      {"y_array_arraysWithSpaces", "[[]   ]"},
      {"y_array_heterogeneous", R"([null, 1, "1", {}])"},
      {"y_number_0e+1", "[0e+1]"},
      {"y_number_negative_zero", "[-0]"},
      {"y_number_real_capital_e_neg_exp", "[1E-2]"},
      {"y_number_real_fraction_exponent", "[123.456e78]"},
      {"y_object_duplicated_key_and_value", R"({"a":"b","a":"b"})"},
      {"y_object_empty_key", R"({"":0})"},
      {"y_object_extreme_numbers", R"({ "min": -1.0e+28, "max": 1.0e+28 })"},
      {"y_string_allowed_escapes", R"(["\"\\\/\b\f\n\r\t"])"},
      {"y_string_escaped_null", R"(["\u0000"])"},
      {"y_string_surrogates_U+1D11E_MUSICAL_SYMBOL_G_CLEF", R"(["\uD834\uDd1e"])"},
      {"y_string_utf8", "[\"\xE2\x82\xAC\xF0\x9D\x84\x9E\"]"},
      {"y_string_unescaped_char_delete", "[\"\x7F\"]"},
      {"y_structure_lonely_true", "true"},
      {"y_structure_whitespace_array", " \t\r\n[]\n"},
      {"i_structure_UTF-8_BOM_empty_object", "\xEF\xBB\xBF{}"},
  };
  for (const auto& [name, text] : cases) {
    const json_parse::Parsed p = parse(text);
    EXPECT_TRUE(p.ok) << name << ": " << p.error;
    EXPECT_TRUE(p.error.empty()) << name;
  }
}

TEST(JsonParse, RefusesWhatNlohmannRefused) {
  // JSONTestSuite n_ cases (name: text).
  const std::vector<std::pair<const char*, std::string>> cases = {
      {"n_array_extra_comma", "[\"\",]"},
      {"n_object_trailing_comma", R"({"id":0,})"},
      {"n_object_single_quote", "{'a':0}"},
      {"n_object_missing_colon", R"({"a" b})"},
      {"n_object_non_string_key", "{1:1}"},
      {"n_structure_object_with_comment", R"({"a":/*comment*/"b"})"},
      {"n_structure_trailing_#", "{\"a\":\"b\"}#{}"},
      {"n_structure_double_array", "[][]"},
      {"n_structure_no_data", ""},
      {"n_structure_whitespace_only", " \n"},
      {"n_structure_incomplete_UTF8_BOM", "\xEF\xBB{}"},
      {"n_number_NaN", "[NaN]"},
      {"n_number_infinity", "[Infinity]"},
      {"n_number_with_leading_zero", "[012]"},
      {"n_number_real_without_fractional_part", "[1.]"},
      {"n_number_starting_with_dot", "[.123]"},
      {"n_number_+1", "[+1]"},
      {"n_number_minus_space_1", "[- 1]"},
      {"n_number_0_capital_E+", "[0E+]"},
      {"n_incomplete_true", "[tru]"},
      {"n_structure_capitalized_True", "[True]"},
      {"n_string_single_quote", "['single quote']"},
      {"n_string_escape_x", R"(["\x00"])"},
      {"n_string_incomplete_escaped_character", R"(["\u00A"])"},
      {"n_string_unescaped_tab", "[\"\t\"]"},
      {"n_string_unescaped_ctrl_char", std::string("[\"a\0a\"]", 6)},
      {"n_string_no_quotes_with_bad_escape", R"([\n])"},
      {"n_multidigit_number_then_00", std::string("123\0", 4)},
      {"i_string_lone_second_surrogate", R"(["\uDFAA"])"},
      {"i_string_1st_surrogate_but_2nd_missing", R"(["\uDADA"])"},
      {"i_string_invalid_utf-8", "[\"\xFF\"]"},
      {"i_string_overlong_sequence_2_bytes", "[\"\xC0\xAF\"]"},
      {"i_string_UTF8_surrogate_U+D800", "[\"\xED\xA0\x80\"]"},
      {"i_string_not_in_unicode_range", "[\"\xF4\xBF\xBF\xBF\"]"},
      {"i_string_truncated-utf-8", "[\"\xE0\xFF\"]"},
      {"i_number_huge_exp", "[0.4e00669999999999999999999999999999999999999999999999]"},
      {"i_number_real_neg_overflow", "[-123123e100000]"},
  };
  for (const auto& [name, text] : cases) {
    const json_parse::Parsed p = parse(text);
    EXPECT_FALSE(p.ok) << name;
    EXPECT_TRUE(p.value.isNull()) << name;
    EXPECT_EQ(p.error.rfind("parse error at line ", 0), 0u) << name << ": " << p.error;
  }
}

TEST(JsonParse, NumbersKeepNlohmannsKinds) {
  const json_parse::Parsed p = parse(
      "[0, 7, -7, -0, 18446744073709551615, 18446744073709551616, -9223372036854775808, "
      "-9223372036854775809, 1.5, 1e2, 1e-400]");
  ASSERT_TRUE(p.ok) << p.error;
  const Value& a = p.value;
  ASSERT_EQ(a.size(), 11u);
  EXPECT_EQ(a.at(0).kind(), Value::Kind::Unsigned);
  EXPECT_EQ(a.at(1).unsignedInteger(), 7u);
  EXPECT_EQ(a.at(2).kind(), Value::Kind::Integer);
  EXPECT_EQ(a.at(2).integer(), -7);
  EXPECT_EQ(a.at(3).kind(), Value::Kind::Integer);  // "-0" is the integer 0
  EXPECT_EQ(a.at(4).unsignedInteger(), 18446744073709551615u);
  EXPECT_EQ(a.at(5).kind(), Value::Kind::Float);  // past 64 bits: a double
  EXPECT_EQ(a.at(5).number(), 18446744073709551616.0);
  EXPECT_EQ(a.at(6).integer(), INT64_MIN);
  EXPECT_EQ(a.at(7).kind(), Value::Kind::Float);
  EXPECT_EQ(a.at(8).number(), 1.5);
  EXPECT_EQ(a.at(9).kind(), Value::Kind::Float);  // an exponent makes a double, as in nlohmann
  EXPECT_EQ(a.at(10).number(), 0.0);              // underflow is 0, overflow an error
  EXPECT_TRUE(a.at(0).isInteger() && a.at(2).isInteger() && !a.at(8).isInteger());
  EXPECT_STREQ(a.at(4).typeName(), "number");
  EXPECT_EQ(a.dump(),
            "[0,7,-7,0,18446744073709551615,1.8446744073709552e+19,-9223372036854775808,"
            "-9.223372036854776e+18,1.5,100.0,0.0]");
}

TEST(JsonParse, StringsAreDecoded) {
  const json_parse::Parsed p =
      parse(R"(["a\"\\\/\b\f\n\r\t", "\u0000", "\u00e9\u20AC", "\ud834\udd1e"])");
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.value.at(0).string(), "a\"\\/\b\f\n\r\t");
  EXPECT_EQ(p.value.at(1).string(), std::string(1, '\0'));
  EXPECT_EQ(p.value.at(2).string(), "\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(p.value.at(3).string(), "\xF0\x9D\x84\x9E");
}

TEST(JsonParse, ObjectsKeepOrderAndTheLastOfARepeatedName) {
  const json_parse::Parsed p = parse(R"({"b":1,"a":2,"b":3,"c":{"x":1},"b":4})");
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.value.dump(), R"({"b":4,"a":2,"c":{"x":1}})");
  EXPECT_EQ(p.value["a"].unsignedInteger(), 2u);
  EXPECT_TRUE(p.value["missing"].isNull());
  EXPECT_EQ(p.value.find("missing"), nullptr);
  ASSERT_NE(p.value.find("c"), nullptr);
  EXPECT_TRUE(p.value.find("c")->isObject());
}

TEST(JsonParse, ManyMembersCostNoQuadraticTime) {
  std::string text = "{";
  for (int i = 0; i < 100000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  text += ",\"k5\":1}";
  const json_parse::Parsed p = parse(text);
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.value.size(), 100000u);
  EXPECT_EQ(p.value.at(5).unsignedInteger(), 1u);
}

TEST(JsonParse, NestingIsLimited) {
  const auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']');
  };
  EXPECT_TRUE(parse(nested(json_parse::kMaxDepth)).ok);
  const json_parse::Parsed deep = parse(nested(json_parse::kMaxDepth + 1));
  ASSERT_FALSE(deep.ok);
  EXPECT_EQ(deep.error,
            "parse error at line 1, column 65 (offset 64): nested deeper than 64 levels");
  EXPECT_FALSE(parse(std::string(1000000, '[')).ok);  // no stack overflow
  EXPECT_FALSE(parse(R"({"a":{"b":[]}})", 2).ok);
  EXPECT_TRUE(parse(R"({"a":{"b":1}})", 2).ok);
}

TEST(JsonParse, ErrorsSayWhereAndWhat) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "line 1, column 1 (offset 0): expected a value, got end of input"},
      {R"({"a" 1})", "line 1, column 6 (offset 5): expected ':' after a member name, got a number"},
      {"{\n  \"a\": [1,]\n}", "line 2, column 11 (offset 12): expected a value, got ']'"},
      {R"({"a":1,})", "line 1, column 8 (offset 7): expected a member name, got '}'"},
      {"{'a':1}",
       "line 1, column 2 (offset 1): expected a member name or '}', got a single quote (JSON "
       "strings take double quotes)"},
      {"[1 2]",
       "line 1, column 4 (offset 3): expected ',' or ']' after an array element, got a number"},
      {R"({"a":1 "b")",
       "line 1, column 8 (offset 7): expected ',' or '}' after an object member, got a string"},
      {"[1] x",
       "line 1, column 5 (offset 4): expected the end of the text after the value, got 'x'"},
      {"[nul]", "line 1, column 2 (offset 1): invalid literal (expected true, false or null)"},
      {"[-x]", "line 1, column 3 (offset 2): invalid number: expected a digit after '-'"},
      {R"({"ms": 0500})", "line 1, column 8 (offset 7): invalid number: leading zero"},
      {"[1.e5]", "line 1, column 4 (offset 3): invalid number: expected a digit after '.'"},
      {"[1e+]", "line 1, column 5 (offset 4): invalid number: expected a digit in the exponent"},
      {"[1e999]", "line 1, column 2 (offset 1): number out of range"},
      {"[\"ab", "line 1, column 5 (offset 4): end of input inside a string (no closing quote)"},
      {"[\"a\nb\"]",
       "line 1, column 4 (offset 3): control character 0x0A in a string (must be escaped)"},
      {"[\"a\xC3(\"]", "line 1, column 4 (offset 3): invalid UTF-8 in a string (byte 0xC3)"},
      {R"(["\q"])",
       R"(line 1, column 3 (offset 2): invalid escape in a string (only \" \\ \/ \b \f \n \r \t \u))"},
      {R"(["\u12G4"])", R"(line 1, column 3 (offset 2): \u must be followed by 4 hex digits)"},
      {R"(["\uD800\u0041"])",
       R"(line 1, column 3 (offset 2): UTF-16 high surrogate \uD800-\uDBFF not followed by a low one \uDC00-\uDFFF)"},
      {R"(["\uDC00"])",
       R"(line 1, column 3 (offset 2): UTF-16 low surrogate \uDC00-\uDFFF without a high one before it)"},
      {"\xEF\xBB", "line 1, column 1 (offset 0): invalid byte order mark"},
      {std::string("[]\0", 3),
       "line 1, column 3 (offset 2): expected the end of the text after the value, got byte 0x00"},
  };
  for (const auto& [text, where] : cases) {
    EXPECT_EQ(parse(text).error, "parse error at " + where) << text;
  }
}

// A profile being typed may hold a credential: the error names a token's kind, never its text.
TEST(JsonParse, ErrorsNeverEchoTheText) {
  for (const char* text : {R"({"credential": Sup3rSecret})", R"({"credential": "Sup3rSecret\q"})",
                           R"({"credential": "Sup3rSecret)", R"({"Sup3rSecret" "x"})",
                           R"({"credential": "Sup3rSecret"} Sup3rSecret)"}) {
    const json_parse::Parsed p = parse(text);
    ASSERT_FALSE(p.ok) << text;
    EXPECT_EQ(p.error.find("Sup3"), std::string::npos) << p.error;
  }
}

// What nlohmann's strict parser accepts this parser accepts, with the same values; see
// json_out_test.cpp for the writer.
TEST(JsonParse, SameValuesAsNlohmann) {
  for (const char* text :
       {R"({"z":[1,-2,3.25,true,false,null,"x\u00e9"],"a":{"":[{}]},"z":0.1})", "  \"\\u20ac\" ",
        "[1e22, 123456789012345678901234567890, -1.5e-7, 0.30000000000000004]"}) {
    const json_parse::Parsed p = parse(text);
    ASSERT_TRUE(p.ok) << p.error;
    const auto expected = nlohmann::ordered_json::parse(text, nullptr, false);
    ASSERT_FALSE(expected.is_discarded());
    EXPECT_EQ(nlohmann::ordered_json::parse(p.value.dump(), nullptr, false), expected) << text;
  }
}

}  // namespace
}  // namespace netready
