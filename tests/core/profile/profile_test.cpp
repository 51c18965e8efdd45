// Profile: the built-in Rainbow default (guide Ed 6 + UDP 3478) and JSON overrides with
// path-naming errors.
#include "netready/profile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/test_data.h"
#include "netready/ice_url.h"

namespace netready {
namespace {

using fixtures::readData;

TEST(ProfileDefault, EndpointsFollowTheGuide) {
  const Profile p = rainbowDefaultProfile();
  EXPECT_EQ(p.name, "rainbow");
  ASSERT_EQ(p.https.size(), 2u);
  EXPECT_EQ(p.https[0].url, "https://web.openrainbow.com/");
  EXPECT_EQ(p.https[0].purpose, "resources");
  EXPECT_EQ(p.https[0].expectBody, "");
  EXPECT_EQ(p.https[1].url, "https://openrainbow.com/api/rainbow/ping");
  EXPECT_EQ(p.https[1].purpose, "rest");
  EXPECT_EQ(p.https[1].expectBody, "\"status\":\"OK\"");
  for (const HttpsEndpoint& e : p.https) EXPECT_NE(e.section.find("§5.4"), std::string::npos);
  EXPECT_EQ(p.xmpp.url, "wss://openrainbow.com/websocket");
  EXPECT_EQ(p.xmpp.domain, "openrainbow.com");
}

TEST(ProfileDefault, FourTurnRegionsWithThreeTransportsEach) {
  const Profile p = rainbowDefaultProfile();
  const std::vector<std::string> regions = {"eu1", "na1", "as1", "oc1"};
  ASSERT_EQ(p.turn.size(), regions.size());
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const TurnServer& t = p.turn[i];
    SCOPED_TRACE(t.region);
    EXPECT_EQ(t.region, regions[i]);
    EXPECT_TRUE(t.username.empty());
    EXPECT_TRUE(t.credential.empty());
    ASSERT_EQ(t.urls.size(), 3u);
    std::vector<std::string> labels;
    for (const std::string& url : t.urls) {
      const Result<IceUrl> u = parseIceUrl(url);
      ASSERT_TRUE(u.ok()) << url << ": " << u.error();
      EXPECT_EQ(u->host, "turn-" + regions[i] + ".openrainbow.com");
      EXPECT_TRUE(u->isTurn());
      labels.push_back(transportLabel(*u) + ":" + std::to_string(u->port));
    }
    EXPECT_EQ(labels, (std::vector<std::string>{"TURN/UDP:3478", "TURN/TCP:80", "TURN/TLS:443"}));
  }
  EXPECT_TRUE(profileSecrets(p).empty());
}

TEST(ProfileDefault, BandwidthAndTimeouts) {
  const Profile p = rainbowDefaultProfile();
  // §5.5.1: audio 80/15, video 350/150, screen 15-400 kbps.
  EXPECT_EQ(p.bandwidth.audioNominalKbps, 80);
  EXPECT_EQ(p.bandwidth.audioLowestKbps, 15);
  EXPECT_EQ(p.bandwidth.videoNominalKbps, 350);
  EXPECT_EQ(p.bandwidth.videoLowestKbps, 150);
  EXPECT_EQ(p.bandwidth.screenMinKbps, 15);
  EXPECT_EQ(p.bandwidth.screenMaxKbps, 400);
  EXPECT_EQ(p.timeouts.iceMs, 6000);
  EXPECT_EQ(p.timeouts.totalMs, 30000);
}

TEST(ProfileParse, EmptyObjectIsTheBase) {
  const Result<Profile> r = parseProfile("{}");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(profileToRedactedJson(*r), profileToRedactedJson(rainbowDefaultProfile()));
}

TEST(ProfileParse, OnlyIceTimeoutKeepsEverythingElse) {
  const Result<Profile> r = parseProfile(R"({"timeouts":{"ice_ms":3000}})");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->timeouts.iceMs, 3000);
  EXPECT_EQ(r->timeouts.httpsMs, 6000);
  EXPECT_EQ(r->timeouts.xmppMs, 6000);
  EXPECT_EQ(r->timeouts.totalMs, 30000);
  EXPECT_EQ(r->name, "rainbow");
  EXPECT_EQ(r->https.size(), 2u);
  EXPECT_EQ(r->turn.size(), 4u);
  EXPECT_EQ(r->xmpp.url, "wss://openrainbow.com/websocket");
}

TEST(ProfileParse, ObjectsMergeFieldByFieldArraysReplaceWhole) {
  const Result<Profile> r = parseProfile(R"({
    "xmpp": {"url": "wss://lab.test:8443/ws"},
    "bandwidth": {"video_nominal_kbps": 500},
    "turn": [{"region": "lab", "urls": ["turns:lab.test:443?transport=tcp"]}]
  })");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->xmpp.url, "wss://lab.test:8443/ws");
  EXPECT_EQ(r->xmpp.domain, "openrainbow.com");
  EXPECT_EQ(r->bandwidth.videoNominalKbps, 500);
  EXPECT_EQ(r->bandwidth.videoLowestKbps, 150);
  ASSERT_EQ(r->turn.size(), 1u);
  EXPECT_EQ(r->turn[0].region, "lab");
  EXPECT_EQ(r->https.size(), 2u);
}

TEST(ProfileParse, CustomBase) {
  Profile base = rainbowDefaultProfile();
  base.name = "base";
  base.timeouts.httpsMs = 1234;
  const Result<Profile> r = parseProfile(R"({"timeouts":{"xmpp_ms":2000}})", base);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->name, "base");
  EXPECT_EQ(r->timeouts.httpsMs, 1234);
  EXPECT_EQ(r->timeouts.xmppMs, 2000);
}

TEST(ProfileParse, OverrideFileWithCredentials) {
  const std::string text = readData("override_profile.json");
  ASSERT_FALSE(text.empty());
  const Result<Profile> r = parseProfile(text);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->name, "lab");
  ASSERT_EQ(r->https.size(), 1u);
  EXPECT_EQ(r->https[0].section, "§5.2, §5.3 row 1, §5.4");
  EXPECT_EQ(r->xmpp.domain, "lab.test");
  ASSERT_EQ(r->turn.size(), 1u);
  EXPECT_EQ(r->turn[0].username, "labuser-7f3a");
  EXPECT_EQ(r->timeouts.iceMs, 3000);
  EXPECT_EQ(profileSecrets(*r), (std::vector<std::string>{"labuser-7f3a", "labpass-S3cr3t-91"}));

  const std::string redacted = profileToRedactedJson(*r);
  EXPECT_EQ(redacted.find("labuser-7f3a"), std::string::npos);
  EXPECT_EQ(redacted.find("labpass-S3cr3t-91"), std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(redacted, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["turn"][0]["has_credentials"], true);
  EXPECT_FALSE(j["turn"][0].contains("username"));
  EXPECT_FALSE(j["turn"][0].contains("credential"));
}

TEST(ProfileParse, BrokenFileNamesThePath) {
  const Result<Profile> r = parseProfile(readData("broken_profile.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), R"(turn[2].urls[0]: "tun:x" is not a stun:, turn: or turns: URL)");
}

TEST(ProfileParse, DefaultRoundTripsThroughRedactedJson) {
  const std::string json = profileToRedactedJson(rainbowDefaultProfile());
  const Result<Profile> r = parseProfile(json, Profile{});
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(profileToRedactedJson(*r), json);
}

TEST(ProfileNetwork, EachModeParsesAndRoundTrips) {
  EXPECT_EQ(rainbowDefaultProfile().network.proxy, NetworkHint::Proxy::Unknown);
  for (const auto& [name, mode] : {std::pair{"unknown", NetworkHint::Proxy::Unknown},
                                   std::pair{"none", NetworkHint::Proxy::None},
                                   std::pair{"configured", NetworkHint::Proxy::Configured}}) {
    SCOPED_TRACE(name);
    const Result<Profile> r = parseProfile(std::string(R"({"network":{"proxy":")") + name +
                                           R"(","proxy_label":"squid.corp:3128"}})");
    ASSERT_TRUE(r.ok()) << r.error();
    EXPECT_EQ(r->network.proxy, mode);
    EXPECT_EQ(r->network.proxyLabel, "squid.corp:3128");
    const std::string json = profileToRedactedJson(*r);
    EXPECT_EQ(nlohmann::json::parse(json, nullptr, false)["network"],
              nlohmann::json({{"proxy", name}, {"proxy_label", "squid.corp:3128"}}));
    const Result<Profile> again = parseProfile(json, Profile{});
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_EQ(profileToRedactedJson(*again), json);
  }
}

TEST(ProfileNetwork, MergesFieldByFieldAndBoundsTheLabel) {
  Profile base = rainbowDefaultProfile();
  base.network = {NetworkHint::Proxy::Configured, "squid.corp:3128"};
  const Result<Profile> r = parseProfile(R"({"network":{"proxy":"none"}})", base);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->network.proxy, NetworkHint::Proxy::None);
  EXPECT_EQ(r->network.proxyLabel, "squid.corp:3128");
  const std::string label = R"({"network":{"proxy_label":")";
  EXPECT_TRUE(parseProfile(label + std::string(200, 'a') + R"("}})").ok());
  const Result<Profile> longer = parseProfile(label + std::string(201, 'a') + R"("}})");
  ASSERT_FALSE(longer.ok());
  EXPECT_EQ(longer.error(), "network.proxy_label: longer than 200 bytes");
}

TEST(ProfileParse, Ipv6LiteralWebUrlsParse) {
  for (const char* url :
       {"https://[::1]/", "https://[2001:db8::5]:8443/x", "https://[::ffff:192.0.2.1]/"}) {
    const std::string doc = std::string(R"({"https":[{"url":")") + url + R"("}]})";
    EXPECT_TRUE(parseProfile(doc).ok()) << url << ": " << parseProfile(doc).error();
  }
}

TEST(ProfileParse, NonAsciiTextIsFine) {
  const Result<Profile> r = parseProfile("{\"name\":\"Équipe 東京 🚀\"}");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->name, "Équipe 東京 🚀");
}

TEST(ProfileParse, BracketsInsideStringsDoNotCountAsNesting) {
  const Result<Profile> r =
      parseProfile(R"({"name":"[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{"})");
  ASSERT_TRUE(r.ok()) << r.error();
}

TEST(ProfileParse, DocumentAtTheSizeLimitParses) {
  std::string text = R"({"name":"big"})";
  text.resize(256 * 1024, ' ');
  EXPECT_TRUE(parseProfile(text).ok());
}

}  // namespace
}  // namespace netready

// A syntax error names the kind of token found, never its text (nlohmann's ended with "; last
// read: '<token>'", which can be a credential).
TEST(ProfileParse, SyntaxErrorsNeverEchoTheSource) {
  for (
      const char* doc :
      {R"({"turn":[{"region":"a","urls":["turn:h"],"username":"u","credential":"Sup3rSecret\q"}]})",
       R"({"turn":[{"region":"a","urls":["turn:h"],"username":"u","credential":"Sup3rSecret)",
       "{\"turn\":[{\"credential\":\"Sup3rSecret\tx\"}]}"}) {
    netready::Result<netready::Profile> r = netready::parseProfile(doc);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().find("Sup3rSecret"), std::string::npos) << r.error();
    EXPECT_NE(r.error().find("not valid JSON"), std::string::npos) << r.error();
  }
}

namespace netready {
namespace {

TEST(ProfileSecrets, TokensOnUrlsAreSecrets) {
  auto r = parseProfile(R"({"xmpp":{"url":"wss://h.example/ws?x=1&Access_Token=tk%2B1&a=b",
    "domain":"h.example"},"https":[{"url":"https://h.example/p?key=K3y;sig=&v=2"}]})");
  ASSERT_TRUE(r.ok()) << r.error();
  std::vector<std::string> s = profileSecrets(*r);
  auto has = [&](const std::string& v) { return std::find(s.begin(), s.end(), v) != s.end(); };
  EXPECT_TRUE(has("tk%2B1"));  // as written
  EXPECT_TRUE(has("tk+1"));    // and decoded
  EXPECT_TRUE(has("K3y"));
  EXPECT_FALSE(has("1"));  // "x" is no credential
  EXPECT_FALSE(has("b"));
  EXPECT_FALSE(has(""));  // an empty sig= hides nothing
}

}  // namespace
}  // namespace netready
