// Profile errors: every bad document is refused with one printable line naming the JSON path,
// never echoing a secret or the source text.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/test_data.h"
#include "netready/profile.h"

namespace netready {
namespace {

using fixtures::readData;

struct ErrorCase {
  const char* json;
  const char* error;
};

class ProfileErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ProfileErrorTest, ExactMessage) {
  const Result<Profile> r = parseProfile(GetParam().json);
  ASSERT_FALSE(r.ok()) << GetParam().json;
  EXPECT_EQ(r.error(), GetParam().error);
}

constexpr const char* kTurnA = R"({"region":"a","urls":["turn:a.test"]})";

INSTANTIATE_TEST_SUITE_P(
    Profile, ProfileErrorTest,
    ::testing::Values(
        ErrorCase{"[1]", "(root): expected an object, got array"},
        ErrorCase{"\"x\"", "(root): expected an object, got string"},
        ErrorCase{R"({"foo":1})", R"((root): unknown field "foo")"},
        ErrorCase{R"({"name":null})", "name: expected a string, got null"},
        ErrorCase{R"({"name":""})", "name: must not be empty"},
        ErrorCase{R"({"name":"a\u0001b"})", R"(name: "a\u0001b" contains a control character)"},
        ErrorCase{R"({"https":{}})", "https: expected an array, got object"},
        ErrorCase{R"({"https":[]})", "https: must list at least one endpoint"},
        ErrorCase{R"({"https":["x"]})", "https[0]: expected an object, got string"},
        ErrorCase{R"({"https":[{"purpose":"rest"}]})", R"(https[0]: missing field "url")"},
        ErrorCase{R"({"https":[{"url":"http://x"}]})",
                  R"(https[0].url: "http://x" must be an https:// URL)"},
        ErrorCase{R"({"https":[{"url":"https://"}]})",
                  R"(https[0].url: "https://" has no valid host)"},
        ErrorCase{R"({"https":[{"url":"https://:443/"}]})",
                  R"(https[0].url: "https://:443/" has no valid host)"},
        // IPv6 literals by RFC 4291, as TURN URLs (#11: "[:]" used to pass).
        ErrorCase{R"({"https":[{"url":"https://[:]/"}]})",
                  R"(https[0].url: "https://[:]/" has no valid host)"},
        ErrorCase{R"({"https":[{"url":"https://[1:2:3]/"}]})",
                  R"(https[0].url: "https://[1:2:3]/" has no valid host)"},
        ErrorCase{R"({"xmpp":{"url":"wss://[::1::2]/ws"}})",
                  R"(xmpp.url: "wss://[::1::2]/ws" has no valid host)"},
        ErrorCase{R"({"https":[{"url":"https://x:0/"}]})",
                  R"(https[0].url: "https://x:0/" has a bad port (must be 1..65535))"},
        ErrorCase{R"({"https":[{"url":"https://x:65536"}]})",
                  R"(https[0].url: "https://x:65536" has a bad port (must be 1..65535))"},
        ErrorCase{R"({"https":[{"url":"https://x:0/"}]})",
                  R"(https[0].url: "https://x:0/" has a bad port (must be 1..65535))"},
        ErrorCase{R"({"https":[{"url":"https://a b/"}]})",
                  R"(https[0].url: "https://a b/" contains a space or control character)"},
        ErrorCase{R"({"https":[{"url":"https://u:pw@x/"}]})",
                  "https[0].url: must not contain user:password@ (got a URL with credentials)"},
        ErrorCase{R"({"https":[{"url":"https://x/","expect_body":7}]})",
                  "https[0].expect_body: expected a string, got integer"},
        ErrorCase{R"({"https":[{"url":"https://x/","note":""}]})",
                  R"(https[0]: unknown field "note")"},
        ErrorCase{R"({"xmpp":[]})", "xmpp: expected an object, got array"},
        ErrorCase{R"({"xmpp":{"url":"ws://x/websocket"}})",
                  R"(xmpp.url: must be a wss:// URL (got "ws://x/websocket"))"},
        ErrorCase{R"({"xmpp":{"url":"https://x/"}})",
                  R"(xmpp.url: must be a wss:// URL (got "https://x/"))"},
        ErrorCase{R"({"xmpp":{"domain":"a b"}})", R"(xmpp.domain: "a b" is not a domain name)"},
        ErrorCase{R"({"xmpp":{"host":"x"}})", R"(xmpp: unknown field "host")"},
        ErrorCase{R"({"turn":[]})", "turn: must list at least one TURN server"},
        ErrorCase{R"({"turn":[[[[1]]]]})", "turn[0]: expected an object, got array"},
        ErrorCase{R"({"turn":[{"urls":["turn:a"]}]})", R"(turn[0]: missing field "region")"},
        ErrorCase{R"({"turn":[{"region":"a"}]})", R"(turn[0]: missing field "urls")"},
        ErrorCase{R"({"turn":[{"region":"","urls":["turn:a"]}]})",
                  "turn[0].region: must not be empty"},
        ErrorCase{R"({"turn":[{"region":"e u","urls":["turn:a"]}]})",
                  R"(turn[0].region: "e u" may contain only letters, digits, '-' and '_')"},
        ErrorCase{R"({"turn":[{"region":"a","urls":[]}]})",
                  "turn[0].urls: must list at least one URL"},
        ErrorCase{R"({"turn":[{"region":"a","urls":"turn:a"}]})",
                  "turn[0].urls: expected an array, got string"},
        ErrorCase{R"({"turn":[{"region":"a","urls":[5]}]})",
                  "turn[0].urls[0]: expected a string, got integer"},
        ErrorCase{R"({"turn":[{"region":"a","urls":["turn:a"],"passwd":"x"}]})",
                  R"(turn[0]: unknown field "passwd")"},
        ErrorCase{R"({"turn":[{"region":"a","urls":["turn:a"]},{"region":"a","urls":["turn:b"]}]})",
                  R"(turn[1].region: "a" is already used by turn[0])"},
        ErrorCase{R"({"turn":[{"region":"a","urls":["turn:a"],"username":"u"}]})",
                  R"(turn[0]: "username" given without "credential")"},
        ErrorCase{R"({"turn":[{"region":"a","urls":["turn:a"],"username":"","credential":"c"}]})",
                  R"(turn[0]: "credential" given without "username")"},
        ErrorCase{R"({"turn":[{"region":"a","urls":["turn:a"],"username":5,"credential":"c"}]})",
                  "turn[0].username: expected a string, got integer"},
        ErrorCase{R"({"bandwidth":{"audio_nominal_kbps":"80"}})",
                  "bandwidth.audio_nominal_kbps: expected an integer, got string"},
        ErrorCase{R"({"bandwidth":{"audio_nominal_kbps":0}})",
                  "bandwidth.audio_nominal_kbps: must be an integer between 1 and 100000"},
        ErrorCase{R"({"bandwidth":{"audio_lowest_kbps":90}})",
                  "bandwidth.audio_lowest_kbps: must not exceed audio_nominal_kbps (80)"},
        ErrorCase{R"({"bandwidth":{"screen_max_kbps":10}})",
                  "bandwidth.screen_min_kbps: must not exceed screen_max_kbps (10)"},
        ErrorCase{R"({"bandwidth":{"video_kbps":1}})", R"(bandwidth: unknown field "video_kbps")"},
        ErrorCase{R"({"timeouts":{"ice_ms":100}})",
                  "timeouts.ice_ms: must be an integer between 500 and 120000"},
        ErrorCase{R"({"timeouts":{"ice_ms":-5}})",
                  "timeouts.ice_ms: must be an integer between 500 and 120000"},
        ErrorCase{R"({"timeouts":{"ice_ms":18446744073709551615}})",
                  "timeouts.ice_ms: must be an integer between 500 and 120000"},
        ErrorCase{R"({"timeouts":{"ice_ms":3000.5}})",
                  "timeouts.ice_ms: expected an integer, got number"},
        ErrorCase{R"({"timeouts":{"total_ms":true}})",
                  "timeouts.total_ms: expected an integer, got boolean"},
        ErrorCase{R"({"timeouts":5})", "timeouts: expected an object, got integer"},
        ErrorCase{R"({"network":[]})", "network: expected an object, got array"},
        ErrorCase{R"({"network":{"pac":"x"}})", R"(network: unknown field "pac")"},
        ErrorCase{R"({"network":{"proxy":"yes"}})",
                  R"(network.proxy: must be one of "unknown", "none", "configured")"},
        ErrorCase{R"({"network":{"proxy":"Configured"}})",
                  R"(network.proxy: must be one of "unknown", "none", "configured")"},
        ErrorCase{R"({"network":{"proxy":true}})", "network.proxy: expected a string, got boolean"},
        ErrorCase{R"({"network":{"proxy_label":3128}})",
                  "network.proxy_label: expected a string, got integer"},
        ErrorCase{R"({"network":{"proxy_label":"a\tb"}})",
                  R"(network.proxy_label: "a\tb" contains a control character)"},
        ErrorCase{R"({"network":{"proxy_label":"http://u:pw@squid:3128"}})",
                  "network.proxy_label: must not contain user:password@ (the label is shown in "
                  "reports)"}),
    // Name each case after the JSON path its message starts with, so ctest lists
    // "ExactMessage/12_turn_0_urls_0" instead of the case's bytes.
    [](const ::testing::TestParamInfo<ErrorCase>& info) {
      std::string name = std::to_string(info.index) + "_";
      const std::string m = info.param.error;
      for (char c : m.substr(0, m.find(':')))
        name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

TEST(ProfileParse, ThirdTurnServerWithBadSchemeNamesItsIndex) {
  const std::string json = std::string(R"({"turn":[)") + kTurnA +
                           R"(,{"region":"b","urls":["turn:b.test"]},)" +
                           R"({"region":"c","urls":["tun:x"]}]})";
  const Result<Profile> r = parseProfile(json);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), R"(turn[2].urls[0]: "tun:x" is not a stun:, turn: or turns: URL)");
}

TEST(ProfileParse, SecretsAreNeverEchoedInErrors) {
  const Result<Profile> r = parseProfile(
      R"({"turn":[{"region":"a","urls":["turn:a"],"username":"u","credential":"s3cret\u0007"}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "turn[0].credential: contains a control character");
}

// Line, column and byte offset, then what was expected and the kind of token found.
TEST(ProfileParse, InvalidJsonSaysWhereAndWhat) {
  for (const char* text : {"", "{", R"({"name": "x")", R"({"name": "x",})", "}{][,:", "{'a':1}",
                           "nul", R"({"turn":[{"region":"a","urls":["turn:a"]}])"}) {
    SCOPED_TRACE(text);
    const Result<Profile> r = parseProfile(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().rfind("(root): not valid JSON: parse error at line ", 0), 0u) << r.error();
    EXPECT_NE(r.error().find(" (offset "), std::string::npos) << r.error();
  }
  EXPECT_EQ(
      parseProfile(R"({"name": "x",})").error(),
      "(root): not valid JSON: parse error at line 1, column 14 (offset 13): expected a member "
      "name, got '}'");
  EXPECT_EQ(
      parseProfile("{\n  \"name\": 'x'\n}").error(),
      "(root): not valid JSON: parse error at line 2, column 11 (offset 12): expected a value, "
      "got a single quote (JSON strings take double quotes)");
}

TEST(ProfileParse, EveryTruncationOfAGoodFileFailsCleanly) {
  const std::string text = readData("override_profile.json");
  const std::size_t end = text.find_last_of('}');
  ASSERT_NE(end, std::string::npos);
  for (std::size_t n = 0; n < end; ++n) {
    const Result<Profile> r = parseProfile(std::string_view(text).substr(0, n));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.error().rfind("(root): ", 0), 0u) << r.error();
  }
}

TEST(ProfileParse, InvalidUtf8IsNamedPlainly) {
  const Result<Profile> bad = parseProfile("{\"name\":\"\xff\"}");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), "(root): not valid UTF-8 (byte 0xFF at offset 9)");
  // Overlong '/', a UTF-16 surrogate, a sequence cut by the end of input, a stray continuation.
  for (const char* text : {"{\"name\":\"\xc0\xaf\"}", "{\"name\":\"\xed\xa0\x80\"}",
                           "{\"name\":\"\xe6\x9d", "{\"name\":\"\x80\"}"}) {
    const Result<Profile> r = parseProfile(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().rfind("(root): not valid UTF-8 (byte 0x", 0), 0u) << r.error();
  }
}

TEST(ProfileParse, OverlongDocumentIsRefusedBeforeParsing) {
  std::string text = R"({"name":"big"})";
  text.resize(256 * 1024 + 1, ' ');
  const Result<Profile> r = parseProfile(text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "(root): document is 262145 bytes, over the 256 KiB limit");
}

TEST(ProfileParse, DeeplyNestedGarbageIsRefused) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const Result<Profile> r = parseProfile(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "(root): nested deeper than 16 levels");
  const Result<Profile> unbalanced = parseProfile(std::string(200000, '{'));
  ASSERT_FALSE(unbalanced.ok());
  EXPECT_EQ(unbalanced.error(), "(root): nested deeper than 16 levels");
  // Shallow garbage in a field is a type error at that field.
  const Result<Profile> shallow = parseProfile(R"({"name":{"a":{"b":[[[1]]]}}})");
  ASSERT_FALSE(shallow.ok());
  EXPECT_EQ(shallow.error(), "name: expected a string, got object");
}

TEST(ProfileParse, ErrorsAreOneLine) {
  const Result<Profile> r = parseProfile(R"({"name":"line1\nline2"})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), R"(name: "line1\nline2" contains a control character)");
  EXPECT_EQ(r.error().find('\n'), std::string::npos);
}

TEST(ProfileParse, LongValuesAreShortenedInErrors) {
  const std::string url = "http://" + std::string(200, 'a');
  const Result<Profile> r = parseProfile(R"({"https":[{"url":")" + url + R"("}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_LT(r.error().size(), 160u);
  EXPECT_NE(r.error().find("...\" must be an https:// URL"), std::string::npos) << r.error();
}

// Issue #11: nlohmann escapes only bytes below 0x20; DEL and C1 controls (U+009B is a terminal's
// CSI) reached the terminal and the page raw. Every control is now escaped in messages.
TEST(ProfileParse, ControlCharactersInKeysAreEscapedInErrors) {
  for (const char* doc : {"{\"\x7f\":\"\"}",
                          "{\"a\xc2\x9b"
                          "b\":1}",
                          "{\"\xc2\x80\":1}"}) {
    const Result<Profile> r = parseProfile(doc);
    ASSERT_FALSE(r.ok());
    const std::string& e = r.error();
    SCOPED_TRACE(e);
    for (std::size_t i = 0; i < e.size(); ++i) {
      const auto c = static_cast<unsigned char>(e[i]);
      EXPECT_FALSE(c < 0x20 || c == 0x7F) << "raw control byte at " << i;
      if (c == 0xC2 && i + 1 < e.size()) {
        const auto n = static_cast<unsigned char>(e[i + 1]);
        EXPECT_FALSE(n >= 0x80 && n <= 0x9F) << "raw C1 control at " << i;
      }
    }
    EXPECT_NE(e.find("\\u00"), std::string::npos);
  }
  EXPECT_EQ(parseProfile("{\"\x7f\":\"\"}").error(), "(root): unknown field \"\\u007f\"");
}
}  // namespace
}  // namespace netready
