// mergeProfileJson: one profile document over another with parseProfile's rule, as JSON text that
// keeps the credentials (the lab's demo --profile).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "netready/profile.h"

namespace netready {
namespace {

using nlohmann::json;

// A lab-like base: its own servers, with credentials, and a few non-default objects.
const char* const kBase = R"({
  "name": "rainbow-lab",
  "https": [{"url": "https://web.rainbow.lab/", "purpose": "resources"}],
  "xmpp": {"url": "wss://rainbow.lab/websocket", "domain": "rainbow.lab"},
  "turn": [
    {"region": "eu1", "urls": ["turn:turn-eu1.rainbow.lab:3478?transport=udp"],
     "username": "lab-user", "credential": "lab-secret"},
    {"region": "na1", "urls": ["turn:turn-na1.rainbow.lab:3478?transport=udp"],
     "username": "lab-user", "credential": "lab-secret"}
  ],
  "timeouts": {"https_ms": 5000, "ice_ms": 5000},
  "network": {"proxy": "configured", "proxy_label": "proxy.lab:3128"},
  "media": {"duration_ms": 3000, "min_mos": 3.5}
})";

json mergedDoc(const std::string& over) {
  const Result<std::string> r = mergeProfileJson(kBase, over);
  EXPECT_TRUE(r.ok()) << r.error();
  return r.ok() ? json::parse(r.value()) : json();
}

// What parseProfile makes of a profile, credentials included, for comparing two of them.
std::string fingerprint(const Profile& p) {
  std::string s = profileToRedactedJson(p);
  for (const std::string& secret : profileSecrets(p)) s += "\n" + secret;
  return s;
}

TEST(ProfileMerge, ObjectsMergeFieldByField) {
  const json m = mergedDoc(R"({"xmpp": {"domain": "other.lab"}, "timeouts": {"ice_ms": 9000},
                               "network": {"proxy": "none"}, "media": {"min_mos": 4.0}})");
  EXPECT_EQ(m["xmpp"], json::parse(R"({"url": "wss://rainbow.lab/websocket",
                                       "domain": "other.lab"})"));
  EXPECT_EQ(m["timeouts"], json::parse(R"({"https_ms": 5000, "ice_ms": 9000})"));
  EXPECT_EQ(m["network"], json::parse(R"({"proxy": "none", "proxy_label": "proxy.lab:3128"})"));
  EXPECT_EQ(m["media"], json::parse(R"({"duration_ms": 3000, "min_mos": 4.0})"));
}

TEST(ProfileMerge, ListsAndPlainFieldsReplaceWhole) {
  const json m = mergedDoc(R"({"name": "mine",
      "https": [{"url": "https://intranet.example/"}],
      "turn": [{"region": "as1", "urls": ["turns:turn-as1.example:443?transport=tcp"]}]})");
  EXPECT_EQ(m["name"], "mine");
  ASSERT_EQ(m["https"].size(), 1u);
  EXPECT_EQ(m["https"][0], json::parse(R"({"url": "https://intranet.example/"})"));
  ASSERT_EQ(m["turn"].size(), 1u);
  EXPECT_EQ(m["turn"][0]["region"], "as1");
  EXPECT_FALSE(m["turn"][0].contains("username"));  // the base's entries are gone, secrets too
}

TEST(ProfileMerge, UntouchedFieldsKeepTheBaseAndItsCredentials) {
  const json m = mergedDoc(R"({"timeouts": {"ice_ms": 4000}})");
  EXPECT_EQ(m["name"], "rainbow-lab");
  ASSERT_EQ(m["turn"].size(), 2u);
  EXPECT_EQ(m["turn"][1]["username"], "lab-user");
  EXPECT_EQ(m["turn"][1]["credential"], "lab-secret");
  EXPECT_FALSE(m.contains("bandwidth"));  // absent in both: left to the built-in default
}

TEST(ProfileMerge, EmptyOverrideGivesTheBase) {
  const json m = mergedDoc("{}");
  EXPECT_EQ(m, json::parse(kBase));
}

// The merged text must mean exactly what parseProfile(override, base) means, for every field.
TEST(ProfileMerge, SameProfileAsParsingTheOverrideOnTheBase) {
  const std::vector<std::string> overrides = {
      "{}",
      R"({"xmpp": {"url": "wss://x.example/ws"}})",
      R"({"bandwidth": {"audio_nominal_kbps": 90}, "timeouts": {"total_ms": 40000}})",
      R"({"network": {"proxy_label": "squid:3128"}, "media": {"enabled": false}})",
      R"({"name": "n", "https": [{"url": "https://a.example/"}]})",
      R"({"turn": [{"region": "r", "urls": ["turn:t.example:80?transport=tcp"],
                    "username": "u", "credential": "c"}]})",
  };
  const Result<Profile> base = parseProfile(kBase);
  ASSERT_TRUE(base.ok()) << base.error();
  for (const std::string& over : overrides) {
    SCOPED_TRACE(over);
    const Result<std::string> text = mergeProfileJson(kBase, over);
    ASSERT_TRUE(text.ok()) << text.error();
    const Result<Profile> viaText = parseProfile(text.value());
    const Result<Profile> direct = parseProfile(over, base.value());
    ASSERT_TRUE(viaText.ok()) << viaText.error();
    ASSERT_TRUE(direct.ok()) << direct.error();
    EXPECT_EQ(fingerprint(viaText.value()), fingerprint(direct.value()));
  }
}

TEST(ProfileMerge, BadJsonOnEitherSideIsNamed) {
  const Result<std::string> badBase = mergeProfileJson(R"({"name": )", "{}");
  ASSERT_FALSE(badBase.ok());
  EXPECT_EQ(badBase.error().rfind("base profile: (root): not valid JSON", 0), 0u)
      << badBase.error();
  const Result<std::string> badOver = mergeProfileJson(kBase, "[1,");
  ASSERT_FALSE(badOver.ok());
  EXPECT_EQ(badOver.error().rfind("override profile: (root): not valid JSON", 0), 0u)
      << badOver.error();
}

TEST(ProfileMerge, InvalidFieldsNameTheSideAndThePath) {
  const Result<std::string> r =
      mergeProfileJson(kBase, R"({"turn": [{"region": "x", "urls": ["tun:x"]}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().rfind("override profile: turn[0].urls[0]: ", 0), 0u) << r.error();
  const Result<std::string> b = mergeProfileJson(R"({"timeouts": {"ice_ms": 1}})", "{}");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().rfind("base profile: timeouts.ice_ms: ", 0), 0u) << b.error();
  const Result<std::string> t = mergeProfileJson(kBase, R"({"xmpp": 5})");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error(), "override profile: xmpp: expected an object, got integer");
}

// A merged field must fit the base's other fields: judged on the result, not on the override
// alone (90 > the default audio nominal 80, but fine over a base that raises the nominal).
TEST(ProfileMerge, ResultIsValidatedAsAWhole) {
  const char* const base = R"({"bandwidth": {"audio_nominal_kbps": 120}})";
  const Result<std::string> ok =
      mergeProfileJson(base, R"({"bandwidth": {"audio_lowest_kbps": 90}})");
  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_EQ(json::parse(ok.value())["bandwidth"],
            json::parse(R"({"audio_nominal_kbps": 120, "audio_lowest_kbps": 90})"));
  const Result<std::string> bad =
      mergeProfileJson(base, R"({"bandwidth": {"audio_lowest_kbps": 130}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(
      bad.error(),
      "override profile: bandwidth.audio_lowest_kbps: must not exceed audio_nominal_kbps (120)");
}

TEST(ProfileMerge, SecretsAreNotEchoedInErrors) {
  const Result<std::string> r = mergeProfileJson(
      kBase, R"({"turn": [{"region": "x", "urls": ["turn:t.example"], "username": "hush"}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().find("hush"), std::string::npos) << r.error();
}

}  // namespace
}  // namespace netready
