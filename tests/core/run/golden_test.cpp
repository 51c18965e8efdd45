// Golden runs: the real CheckSession (profile JSON in, progress and report JSON out) over the
// scripted fake ports, one file per network in tests/data/golden/<name>.json:
//   {"name", "description", "profile", "progress": [...], "report": {...}}
// The page's fake checker and the typings' test replay these files, so what they show is what
// core produced, never an invented diagnosis. By default each run is compared with its file;
// NETREADY_UPDATE_GOLDEN=1 (re)writes the files instead.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/run/golden_run.h"

namespace netready {
namespace {

using namespace golden;

const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> list = {
      {"ready",
       "an open network: HTTPS, XMPP, every TURN transport and a clean relayed call pass",
       {.media = true},
       [](Run& r) { goodCall(r, CallShape{}); }},
      {"tcp-only",
       "outgoing UDP is dropped; TURN over TCP and TLS relay and the call rides TCP 80",
       {.media = true},
       [](Run& r) {
         goodSignalling(r, /*udpOut=*/false);
         r.advance(20);
         r.relay(kEu1Tcp);
         r.relay(kEu1Tls);
         r.relay(kNa1Tls);
         // The call waits for every probe: the silence rule ends the UDP ones at 2 s, then
         // the call rides TCP.
         r.advance(2000);
         r.runCall(CallShape{});
       }},
      {"blocked-messaging",
       "HTTPS and TURN work, but the XMPP WebSocket upgrade is refused (close 1006)",
       {},
       [](Run& r) {
         r.advance(30);
         r.fakes.ws.deliverError(r.fakes.ws.last().id);
         r.fakes.ws.deliverClose(r.fakes.ws.last().id, 1006);
         r.directOk();
         r.httpsOk();
         allRelays(r);
         r.advance(1500);  // the name probe for rainbow.lab: no lookup error, the name resolves
       }},
      {"blocked-dns",
       "no name resolves: every HTTPS fetch, the WebSocket and every TURN server fail",
       {},
       [](Run& r) {
         r.advance(25);
         r.respond(kWeb, FakeHttp::networkError("TypeError: Failed to fetch"));
         r.respond(kPing, FakeHttp::networkError("TypeError: Failed to fetch"));
         r.fakes.ws.deliverError(r.fakes.ws.last().id);
         r.fakes.ws.deliverClose(r.fakes.ws.last().id, 1006);
         for (const char* url : {kEu1Udp, kEu1Tcp, kEu1Tls, kNa1Udp, kNa1Tls}) {
           r.iceErrorThenComplete(url, 701, "STUN host lookup received error.");
         }
         // The name probes the failed fetch and WebSocket started: neither name resolves.
         for (const char* url : {"stun:web.rainbow.lab:443", "stun:rainbow.lab:443"}) {
           r.iceErrorThenComplete(url, 701, "STUN host lookup received error.");
         }
         r.fakes.pc.deliverComplete(r.gather(kDirect));
       }},
      {"no-calls",
       "HTTPS and XMPP work, but no TURN server can be reached on any transport",
       {.media = true},
       [](Run& r) {
         goodSignalling(r, /*udpOut=*/false);  // the TURN hosts are filtered: STUN too
         r.advance(100);
         r.iceErrorThenComplete(kEu1Udp, 701, "STUN binding request timed out.");
         r.iceErrorThenComplete(kNa1Udp, 701, "STUN binding request timed out.");
         r.iceErrorThenComplete(kEu1Tls, 701, "TURN allocate request timed out.");
         r.advance(6000);  // TCP 80 and na1 TLS stay silent until their deadline
       }},
      {"no-credentials",
       "an open network checked without TURN credentials: every TURN server answers 401",
       {.credentials = false, .media = true},
       [](Run& r) {
         goodSignalling(r);
         r.advance(20);
         for (const char* url : {kEu1Udp, kNa1Udp, kEu1Tcp, kEu1Tls, kNa1Tls}) {
           r.iceError(url, 401, "Unauthorized");
         }
       }},
      {"credentials-refused",
       "an open network, but every TURN server refuses the given credentials (401)",
       {.media = true},
       [](Run& r) {
         goodSignalling(r);
         r.advance(20);
         for (const char* url : {kEu1Udp, kNa1Udp, kEu1Tcp, kEu1Tls, kNa1Tls}) {
           r.iceError(url, 401, "Unauthorized");
         }
       }},
      {"cancelled",
       "the user cancels the check after HTTPS answered, before XMPP and TURN ended",
       {},
       [](Run& r) {
         r.advance(40);
         r.httpsOk();
         r.relay(kEu1Udp);
         r.advance(60);
         r.session->cancel();
       }},
      {"proxy-configured",
       "behind an HTTP proxy: HTTPS and the WebSocket pass it, UDP is dropped, CONNECT to port "
       "80 is refused and TURN over TLS 443 relays through it",
       {.proxy = true},
       [](Run& r) {
         goodSignalling(r, /*udpOut=*/false);
         r.advance(30);
         r.iceErrorThenComplete(kEu1Tcp, 701, "TURN allocate request timed out.");
         r.advance(30);
         r.relay(kEu1Tls);
         r.relay(kNa1Tls);
         r.advance(6000);  // UDP stays silent until its deadline
       }},
      {"poor-call",
       "everything connects, but the relayed call loses about 10 % of its packets",
       {.media = true},
       [](Run& r) { goodCall(r, CallShape{.lossPerMille = 100}); }},
      {"no-video",
       "everything connects and the call is clean, but the link carries only about 120 kbit/s",
       {.media = true},
       [](Run& r) { goodCall(r, CallShape{.burstKbps = 60, .queueMs = 120}); }},
  };
  return list;
}

json parseOrFail(const std::string& text, const std::string& what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << what << " is not valid JSON: " << text;
  return j;
}

struct Produced {
  std::string text;  // the golden file's content
  int reportCalls = 0;
};

Produced produce(const Scenario& s) {
  json profile = labProfile(s.options);
  Run run(profile);
  run.start();
  if (run.session) s.script(run);
  Produced out;
  out.reportCalls = static_cast<int>(run.reports.size());
  EXPECT_EQ(out.reportCalls, 1) << s.name << ": onReport must be called exactly once";
  json progress = json::array();
  for (const std::string& p : run.progress) progress.push_back(parseOrFail(p, "progress"));
  json doc = {
      {"name", s.name},
      {"description", s.description},
      {"profile", profile},
      {"progress", progress},
      {"report", run.reports.empty() ? json(nullptr) : parseOrFail(run.reports.back(), "report")}};
  out.text = doc.dump(2) + "\n";
  return out;
}

bool readFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

void writeFile(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

// The first line that differs, for a readable failure.
std::string firstDifference(const std::string& expected, const std::string& actual) {
  std::istringstream a(expected), b(actual);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool ha = static_cast<bool>(std::getline(a, la));
    const bool hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) return "(no line differs: trailing newline?)";
    if (!ha || !hb || la != lb) {
      return "first difference at line " + std::to_string(line) +
             ":\n  file: " + (ha ? la : "<end of file>") +
             "\n  core: " + (hb ? lb : "<end of output>");
    }
  }
}

class GoldenFile : public ::testing::TestWithParam<Scenario> {};

TEST_P(GoldenFile, MatchesCore) {
  const Scenario& s = GetParam();
  const Produced p = produce(s);
  const std::string path = goldenPath(s.name);
  if (updating()) {
    writeFile(path, p.text);
    return;
  }
  std::string committed;
  ASSERT_TRUE(readFile(path, &committed))
      << path << " is missing; run with NETREADY_UPDATE_GOLDEN=1 to write it";
  EXPECT_TRUE(committed == p.text)
      << path << " differs from what core produces now; " << firstDifference(committed, p.text)
      << "\nIf the change is intended, rerun with NETREADY_UPDATE_GOLDEN=1 and review the diff.";
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenFile, ::testing::ValuesIn(scenarios()),
                         [](const ::testing::TestParamInfo<Scenario>& info) {
                           std::string n = info.param.name;
                           for (char& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

// The set of files, as a whole: every verdict and every row status appears somewhere, no
// credential leaks, one report per run.
TEST(Golden, CoversEveryVerdictAndStatus) {
  std::set<std::string> verdicts, statuses, headlines;
  std::set<std::string> expectedFiles;
  for (const Scenario& s : scenarios()) {
    const Produced p = produce(s);
    EXPECT_EQ(p.reportCalls, 1) << s.name;
    const std::string path = goldenPath(s.name);
    expectedFiles.insert(std::filesystem::path(path).filename().string());
    if (updating()) writeFile(path, p.text);
    std::string text;
    ASSERT_TRUE(readFile(path, &text)) << path << " is missing";
    json doc = parseOrFail(text, path);
    ASSERT_TRUE(doc.is_object()) << path;
    EXPECT_EQ(doc.value("name", ""), s.name) << path;
    ASSERT_TRUE(doc.contains("report") && doc["report"].is_object())
        << path << ": exactly one report object expected";
    const json& report = doc["report"];
    EXPECT_EQ(report.value("schema", ""), kReportSchema) << path;
    verdicts.insert(report.value("verdict", ""));
    headlines.insert(report.value("headline_id", ""));
    for (const json& row : report["requirements"]) statuses.insert(row.value("status", ""));

    // Credentials: the profile member holds them (the run used them); nothing else may.
    std::vector<std::string> secrets;
    for (const json& t : doc["profile"]["turn"]) {
      for (const char* key : {"username", "credential"}) {
        if (t.contains(key)) secrets.push_back(t[key].get<std::string>());
      }
    }
    json rest = doc;
    rest.erase("profile");
    const std::string restText = rest.dump(2);
    for (const std::string& secret : secrets) {
      EXPECT_EQ(restText.find(secret), std::string::npos)
          << path << " contains the TURN secret \"" << secret << "\" outside \"profile\"";
    }
  }
  for (Verdict v : {Verdict::Ready, Verdict::Degraded, Verdict::Blocked}) {
    EXPECT_TRUE(verdicts.count(toString(v))) << "no golden file has verdict " << toString(v);
  }
  for (Status st : {Status::Pass, Status::Warn, Status::Fail, Status::Skipped}) {
    EXPECT_TRUE(statuses.count(toString(st))) << "no golden row has status " << toString(st);
  }
  // No stale file: every golden file belongs to a scenario.
  for (const auto& entry : std::filesystem::directory_iterator(goldenDir())) {
    const std::string f = entry.path().filename().string();
    if (entry.path().extension() == ".json") {
      EXPECT_TRUE(expectedFiles.count(f)) << f << " in " << goldenDir() << " has no scenario";
    }
  }
  std::cout << "[ golden   ] headline_ids covered:";
  for (std::size_t i = 0; i < kHeadlineCount; ++i) {
    const char* id = toString(static_cast<HeadlineId>(i));
    if (headlines.count(id)) std::cout << " " << id;
  }
  std::cout << "\n[ golden   ] headline_ids not covered:";
  for (std::size_t i = 0; i < kHeadlineCount; ++i) {
    const char* id = toString(static_cast<HeadlineId>(i));
    if (!headlines.count(id)) std::cout << " " << id;
  }
  std::cout << "\n";
}

}  // namespace
}  // namespace netready
