// Report: verdict rules, JSON shape ("netready.report/1") and secret redaction.
#include "netready/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "netready/profile.h"

namespace netready {
namespace {

using nlohmann::json;

Requirement row(const std::string& id, Status s) {
  Requirement r;
  r.id = id;
  r.status = s;
  return r;
}

TEST(ReportToString, AllValues) {
  EXPECT_STREQ(toString(Status::Pass), "pass");
  EXPECT_STREQ(toString(Status::Warn), "warn");
  EXPECT_STREQ(toString(Status::Fail), "fail");
  EXPECT_STREQ(toString(Status::Skipped), "skipped");
  EXPECT_STREQ(toString(Verdict::Ready), "ready");
  EXPECT_STREQ(toString(Verdict::Degraded), "degraded");
  EXPECT_STREQ(toString(Verdict::Blocked), "blocked");
}

struct VerdictCase {
  const char* name;
  std::vector<Requirement> rows;
  Verdict expected;
};

TEST(ReportVerdict, RulesTable) {
  constexpr Status P = Status::Pass, W = Status::Warn, F = Status::Fail, S = Status::Skipped;
  const std::vector<VerdictCase> cases = {
      {"no rows", {}, Verdict::Ready},
      {"all pass",
       {row("https", P), row("xmpp-wss", P), row("turn-udp", P), row("turn-tcp", P),
        row("turn-tls", P), row("media", P)},
       Verdict::Ready},
      {"skipped rows do not degrade",
       {row("https", P), row("media", S), row("proxy-turn", S)},
       Verdict::Ready},
      {"https fail", {row("https", F), row("turn-udp", P)}, Verdict::Blocked},
      {"xmpp fail", {row("xmpp-wss", F), row("turn-udp", P)}, Verdict::Blocked},
      {"https warn", {row("https", W), row("xmpp-wss", P)}, Verdict::Degraded},
      {"one turn transport fails",
       {row("turn-udp", F), row("turn-tcp", P), row("turn-tls", P)},
       Verdict::Degraded},
      {"only tls works",
       {row("turn-udp", F), row("turn-tcp", F), row("turn-tls", W)},
       Verdict::Degraded},
      {"every turn transport fails",
       {row("https", P), row("turn-udp", F), row("turn-tcp", F), row("turn-tls", F)},
       Verdict::Blocked},
      {"measured turn rows all fail, rest skipped",
       {row("turn-udp", F), row("turn-tcp", F), row("turn-tls", S)},
       Verdict::Blocked},
      {"single turn row fails", {row("turn-tls", F)}, Verdict::Blocked},
      {"all turn skipped",
       {row("https", P), row("turn-udp", S), row("turn-tls", S)},
       Verdict::Ready},
      {"proxy-turn is not a turn- row",
       {row("turn-udp", P), row("proxy-turn", F)},
       Verdict::Degraded},
      // A relay was allocated but media cannot flow through it: no call can work.
      {"media fail", {row("https", P), row("media", F)}, Verdict::Blocked},
      {"bandwidth warn", {row("https", P), row("bandwidth", W)}, Verdict::Degraded},
      // Video below its lowest rate: audio still works, so degraded, not blocked.
      {"bandwidth fail", {row("https", P), row("bandwidth", F)}, Verdict::Degraded},
      {"media warn", {row("https", P), row("media", W)}, Verdict::Degraded},
      {"https fail wins over degraded rows",
       {row("bandwidth", W), row("https", F)},
       Verdict::Blocked},
  };
  for (const VerdictCase& c : cases) {
    EXPECT_EQ(toString(computeVerdict(c.rows)), std::string(toString(c.expected))) << c.name;
  }
}

Report sampleReport() {
  Report r;
  r.verdict = Verdict::Degraded;
  r.headline = "Calls will work, but video may be limited";
  r.profileName = "rainbow";
  r.browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0";
  r.startedAt = "2024-05-01T10:00:00Z";
  r.elapsedMs = 4321;
  r.bestTurnRegion = "eu1";
  Requirement https;
  https.id = "https";
  https.title = "HTTPS 443 to REST and resource domains";
  https.section = "§5.2, §5.3 row 1, §5.4";
  https.status = Status::Pass;
  https.summary = "Both domains answered";
  https.evidence.push_back(
      Evidence{"https://openrainbow.com/api/rainbow/ping", "200 OK", Status::Pass, 120, ""});
  Requirement udp;
  udp.id = "turn-udp";
  udp.title = "TURN over UDP 3478";
  udp.section = "practice (UDP 3478)";
  udp.status = Status::Fail;
  udp.summary = "No relay over UDP";
  udp.advice = "Allow UDP 3478 to *.openrainbow.com";
  udp.evidence.push_back(Evidence{"turn-eu1.openrainbow.com:3478 TURN/UDP",
                                  "timed out after 6000 ms", Status::Fail, 6000, ""});
  udp.evidence.push_back(Evidence{"turn-na1.openrainbow.com:3478 TURN/UDP", "not tried",
                                  Status::Skipped, -1, "deadline"});
  r.requirements = {https, udp};
  r.notes = {"No proxy detected"};
  return r;
}

TEST(ReportJson, Shape) {
  const std::string text = reportToJson(sampleReport(), {});
  EXPECT_EQ(text.rfind("{\n  \"schema\": \"netready.report/1\",\n  \"verdict\"", 0), 0u) << text;
  const json j = json::parse(text, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["schema"], "netready.report/1");
  EXPECT_EQ(j["verdict"], "degraded");
  EXPECT_EQ(j["headline"], "Calls will work, but video may be limited");
  EXPECT_EQ(j["profile"], "rainbow");
  EXPECT_EQ(j["browser"], "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0");
  EXPECT_EQ(j["started_at"], "2024-05-01T10:00:00Z");
  EXPECT_EQ(j["elapsed_ms"], 4321);
  EXPECT_EQ(j["best_turn_region"], "eu1");
  ASSERT_TRUE(j["requirements"].is_array());
  ASSERT_EQ(j["requirements"].size(), 2u);
  const json& udp = j["requirements"][1];
  EXPECT_EQ(udp["id"], "turn-udp");
  EXPECT_EQ(udp["title"], "TURN over UDP 3478");
  EXPECT_EQ(udp["section"], "practice (UDP 3478)");
  EXPECT_EQ(udp["status"], "fail");
  EXPECT_EQ(udp["summary"], "No relay over UDP");
  EXPECT_EQ(udp["advice"], "Allow UDP 3478 to *.openrainbow.com");
  ASSERT_EQ(udp["evidence"].size(), 2u);
  EXPECT_EQ(udp["evidence"][0]["target"], "turn-eu1.openrainbow.com:3478 TURN/UDP");
  EXPECT_EQ(udp["evidence"][0]["outcome"], "timed out after 6000 ms");
  EXPECT_EQ(udp["evidence"][0]["status"], "fail");
  EXPECT_EQ(udp["evidence"][0]["elapsed_ms"], 6000);
  EXPECT_EQ(udp["evidence"][0]["detail"], "");
  EXPECT_FALSE(udp["evidence"][1].contains("elapsed_ms"));
  EXPECT_EQ(udp["evidence"][1]["status"], "skipped");
  EXPECT_EQ(j["requirements"][0]["section"], "§5.2, §5.3 row 1, §5.4");
  EXPECT_EQ(j["requirements"][0]["advice"], "");
  EXPECT_EQ(j["notes"], json::array({"No proxy detected"}));
}

TEST(ReportJson, NoBestRegionIsNull) {
  Report r = sampleReport();
  r.bestTurnRegion.clear();
  r.requirements.clear();
  r.notes.clear();
  const json j = json::parse(reportToJson(r, {}), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_TRUE(j["best_turn_region"].is_null());
  EXPECT_EQ(j["requirements"], json::array());
  EXPECT_EQ(j["notes"], json::array());
}

TEST(ReportJson, SecretsAreRedactedEverywhere) {
  const std::string user = "labuser-7f3a";
  const std::string pass = "labpass-S3cr3t-91";
  Report r = sampleReport();
  r.headline = "hello " + user;
  r.browser = "UA " + pass;
  r.requirements[1].evidence[0].detail = "401 for " + user + ":" + pass;
  r.requirements[1].evidence[1].target = "turn:" + user + "@x";
  r.requirements[1].advice = pass + pass;
  r.notes.push_back("credential=" + pass);
  const std::string text = reportToJson(r, {user, pass, ""});
  EXPECT_EQ(text.find(user), std::string::npos);
  EXPECT_EQ(text.find(pass), std::string::npos);
  const json j = json::parse(text, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["headline"], "hello [redacted]");
  EXPECT_EQ(j["requirements"][1]["evidence"][0]["detail"], "401 for [redacted]:[redacted]");
  EXPECT_EQ(j["requirements"][1]["advice"], "[redacted][redacted]");
  // The empty secret is ignored rather than matching everywhere.
  EXPECT_EQ(j["profile"], "rainbow");
}

TEST(ReportJson, SecretsWithJsonSpecialCharactersKeepJsonValid) {
  const std::string secret = "p\"a\\ss\n}";
  Report r = sampleReport();
  r.requirements[0].evidence[0].detail = "cred " + secret + " end";
  const std::string text = reportToJson(r, {secret});
  const json j = json::parse(text, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << text;
  EXPECT_EQ(j["requirements"][0]["evidence"][0]["detail"], "cred [redacted] end");
  EXPECT_EQ(text.find("p\\\"a\\\\ss"), std::string::npos);  // nor its escaped form
}

TEST(ReportJson, ProfileSecretsFeedTheRedaction) {
  const Result<Profile> p = parseProfile(
      R"({"turn":[{"region":"lab","urls":["turn:lab.test"],"username":"u-123456","credential":"c-abcdef"}]})");
  ASSERT_TRUE(p.ok()) << p.error();
  Report r = sampleReport();
  r.notes.push_back("iceServers: u-123456 / c-abcdef");
  const std::string text = reportToJson(r, profileSecrets(*p));
  EXPECT_EQ(text.find("u-123456"), std::string::npos);
  EXPECT_EQ(text.find("c-abcdef"), std::string::npos);
}

TEST(ReportJson, InvalidUtf8FromTheHostDoesNotAbort) {
  Report r = sampleReport();
  r.browser = "bad \xff\xfe UA";
  const json j = json::parse(reportToJson(r, {}), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["browser"], "bad \xEF\xBF\xBD\xEF\xBF\xBD UA");
}

TEST(ReportRedactText, Basics) {
  EXPECT_EQ(redactText("user=alice pass=hunter2", {"hunter2", "alice"}),
            "user=[redacted] pass=[redacted]");
  EXPECT_EQ(redactText("nothing here", {}), "nothing here");
  EXPECT_EQ(redactText("nothing here", {""}), "nothing here");
  EXPECT_EQ(redactText("", {"x"}), "");
  EXPECT_EQ(redactText("s1s1s1", {"s1"}), "[redacted][redacted][redacted]");
}

TEST(ReportRedactText, LongestSecretWinsAndOutputIsNotRescanned) {
  EXPECT_EQ(redactText("abcdef abc", {"abc", "abcdef"}), "[redacted] [redacted]");
  // "red" occurs in "[redacted]": one pass means no endless or nested replacement.
  EXPECT_EQ(redactText("red", {"red"}), "[redacted]");
  EXPECT_EQ(redactText("red red", {"red", "red"}), "[redacted] [redacted]");
}

}  // namespace
}  // namespace netready

TEST(ReportRedaction, SchemaSurvivesASecretThatOccursInIt) {
  netready::Report r;
  std::string json = netready::reportToJson(r, {"netready"});
  EXPECT_NE(json.find("\"schema\": \"netready.report/1\""), std::string::npos) << json;
}

TEST(ReportRedaction, ShortSecretsNeverMangleIdsStatusesOrVerdict) {
  netready::Report r;
  r.verdict = netready::Verdict::Degraded;
  netready::Requirement q;
  q.id = "turn-udp";
  q.status = netready::Status::Pass;
  q.summary = "pass via udp";
  q.evidence.push_back({"t", "o", netready::Status::Pass, 1, ""});
  r.requirements.push_back(q);
  std::string json = netready::reportToJson(r, {"pass", "udp", "degraded"});
  EXPECT_NE(json.find("\"id\": \"turn-udp\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"status\": \"pass\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"verdict\": \"degraded\""), std::string::npos) << json;
  // Free text is still redacted.
  EXPECT_NE(json.find("\"summary\": \"[redacted] via [redacted]\""), std::string::npos) << json;
}
