// Report JSON shape ("netready.report/1"), its vocabulary fields and redaction in it.
#include "core/vocabulary_print.h"
#include "netready/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "netready/profile.h"
#include "netready/vocabulary.h"

namespace netready {
namespace {

using nlohmann::json;

TEST(Vocabulary, WordsAreTheReportsValues) {
  EXPECT_STREQ(toString(Status::Pass), "pass");
  EXPECT_STREQ(toString(Status::Warn), "warn");
  EXPECT_STREQ(toString(Status::Fail), "fail");
  EXPECT_STREQ(toString(Status::Skipped), "skipped");
  EXPECT_STREQ(toString(Verdict::Ready), "ready");
  EXPECT_STREQ(toString(Verdict::Degraded), "degraded");
  EXPECT_STREQ(toString(Verdict::Blocked), "blocked");
}

Report sampleReport() {
  Report r;
  r.verdict = Verdict::Degraded;
  r.headline = HeadlineId::LimitedVideo;
  r.profileName = "rainbow";
  r.browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0";
  r.startedAt = "2024-05-01T10:00:00Z";
  r.elapsedMs = 4321;
  r.bestTurnRegion = "eu1";
  Requirement https;
  https.id = RowId::Https;
  https.status = Status::Pass;
  https.summary = "Both domains answered";
  https.evidence.push_back(
      Evidence{"https://openrainbow.com/api/rainbow/ping", "200 OK", Status::Pass, 120, ""});
  Requirement udp;
  udp.id = RowId::TurnUdp;
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
  EXPECT_EQ(j["headline"],
            "Rainbow will work. Audio calls will be fine; video will be limited on this "
            "connection.");
  EXPECT_EQ(j["headline_id"], "limited-video");
  EXPECT_EQ(j["headline_title"], "Rainbow will work");
  EXPECT_EQ(j["headline_reason"],
            "Audio calls will be fine; video will be limited on this connection.");
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
  EXPECT_EQ(udp["section"], "practice: Rainbow help center (UDP 3478); not in guide Ed 6 table");
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
  r.browser = "UA " + pass;
  r.profileName = "profile of " + user;
  r.requirements[1].evidence[0].detail = "401 for " + user + ":" + pass;
  r.requirements[1].evidence[1].target = "turn:" + user + "@x";
  r.requirements[1].advice = pass + pass;
  r.notes.push_back("credential=" + pass);
  const std::string text = reportToJson(r, {user, pass, ""});
  EXPECT_EQ(text.find(user), std::string::npos);
  EXPECT_EQ(text.find(pass), std::string::npos);
  const json j = json::parse(text, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["requirements"][1]["evidence"][0]["detail"], "401 for [redacted]:[redacted]");
  EXPECT_EQ(j["requirements"][1]["advice"], "[redacted][redacted]");
  EXPECT_EQ(j["profile"], "profile of [redacted]");
  EXPECT_EQ(j["browser"], "UA [redacted]");
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

TEST(ReportJson, VocabularyFieldsAreNeverRedacted) {
  // A short secret that is also one of our words ("pass", "udp", "degraded") must not make the
  // report unreadable; free text is still redacted.
  Report r;
  r.verdict = Verdict::Degraded;
  Requirement q;
  q.id = RowId::TurnUdp;
  q.status = Status::Pass;
  q.summary = "pass via udp";
  q.evidence.push_back({"t", "o", Status::Pass, 1, ""});
  r.requirements.push_back(q);
  const json j =
      json::parse(reportToJson(r, {"pass", "udp", "degraded", "netready", "TURN"}), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["schema"], "netready.report/1");
  EXPECT_EQ(j["requirements"][0]["id"], "turn-udp");
  EXPECT_EQ(j["requirements"][0]["title"], "TURN over UDP 3478");
  EXPECT_EQ(j["requirements"][0]["status"], "pass");
  EXPECT_EQ(j["verdict"], "degraded");
  EXPECT_EQ(j["requirements"][0]["summary"], "[redacted] via [redacted]");
}

}  // namespace
}  // namespace netready
