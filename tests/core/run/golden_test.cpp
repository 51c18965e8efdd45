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

#include "core/probes/probe_fixtures.h"
#include "fakes/fake_ports.h"
#include "netready/check.h"
#include "netready/vocabulary.h"

namespace netready {
namespace {

using json = nlohmann::ordered_json;
using fake::FakeHttp;
using fixtures::kRelay, fixtures::kSrflx;

constexpr const char* kBrowser = "netready-golden";
constexpr const char* kStartedAt = "2026-01-01T00:00:00Z";
constexpr const char* kUser = "golden-user";
constexpr const char* kPass = "golden-pass-1234";

constexpr const char* kEu1Udp = "turn:turn-eu1.rainbow.lab:3478?transport=udp";
constexpr const char* kEu1Tcp = "turn:turn-eu1.rainbow.lab:80?transport=tcp";
constexpr const char* kEu1Tls = "turns:turn-eu1.rainbow.lab:443?transport=tcp";
constexpr const char* kNa1Udp = "turn:turn-na1.rainbow.lab:3478?transport=udp";
constexpr const char* kNa1Tls = "turns:turn-na1.rainbow.lab:443?transport=tcp";
constexpr const char* kDirect = "stun:turn-eu1.rainbow.lab:3478";
constexpr const char* kWeb = "https://web.rainbow.lab/";
constexpr const char* kPing = "https://rainbow.lab/api/rainbow/ping";

std::string goldenDir() { return std::string(NETREADY_TEST_DATA) + "/golden"; }
std::string goldenPath(const std::string& name) { return goldenDir() + "/" + name + ".json"; }

bool updating() {
  const char* v = std::getenv("NETREADY_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// A small lab-like profile: 2 HTTPS endpoints, XMPP, eu1 on UDP/TCP/TLS and na1 on UDP/TLS.
struct ProfileOptions {
  bool credentials = true;
  bool media = false;
  bool proxy = false;
};

json labProfile(const ProfileOptions& o) {
  auto server = [&](const char* region, std::vector<std::string> urls) {
    json s = {{"region", region}, {"urls", urls}};
    if (o.credentials) {
      s["username"] = kUser;
      s["credential"] = kPass;
    }
    return s;
  };
  json p = {
      {"name", "rainbow-lab"},
      {"https", json::array({{{"url", kWeb}, {"purpose", "resources"}, {"section", "§5.4"}},
                             {{"url", kPing},
                              {"purpose", "rest"},
                              {"expect_body", "\"status\":\"OK\""},
                              {"section", "§5.4"}}})},
      {"xmpp", {{"url", "wss://rainbow.lab/websocket"}, {"domain", "rainbow.lab"}}},
      {"turn", json::array({server("eu1", {kEu1Udp, kEu1Tcp, kEu1Tls}),
                            server("na1", {kNa1Udp, kNa1Tls})})},
      {"network", {{"proxy", o.proxy ? "configured" : "none"}}},
      {"media", {{"enabled", o.media}, {"duration_ms", 1000}, {"burst_ms", 1000}}},
  };
  if (o.proxy) p["network"]["proxy_label"] = "proxy.rainbow.lab:3128";
  return p;
}

// What the call's network does to the synthetic audio and the burst.
struct CallShape {
  int lossPerMille = 0;     // audio packets lost per 1000 sent
  double burstKbps = 1200;  // what the burst delivers
  double queueMs = 5;       // the page's queue-delay estimate during the burst
};

std::string num(double v) { return json(v).dump(); }

// "udp", "tcp" or "tls", as the browser names the transport to the TURN server.
std::string relayProtocolOf(const std::string& url) {
  if (url.rfind("turns:", 0) == 0) return "tls";
  return url.find("transport=tcp") != std::string::npos ? "tcp" : "udp";
}

// One getStats reply pair at `t` ms of call: 50 audio packets/s of 80 bytes (32 kbit/s), the
// remote RTT and jitter, the selected relay pair, and the burst's counters.
std::string senderStats(double t, const std::string& relayProtocol, double availableKbps) {
  return R"([{"type":"outbound-rtp","kind":"audio","timestamp":)" + num(t) + R"(,"bytesSent":)" +
         num(t * 4) + R"(},{"type":"remote-inbound-rtp","kind":"audio","timestamp":)" + num(t) +
         R"(,"roundTripTime":0.04},{"type":"transport","id":"T1","selectedCandidatePairId":"CP1"},)"
         R"({"type":"candidate-pair","id":"CP1","localCandidateId":"L1","state":"succeeded",)"
         R"("nominated":true,"currentRoundTripTime":0.04,"availableOutgoingBitrate":)" +
         num(availableKbps * 1000) +
         R"(},)"
         R"({"type":"local-candidate","id":"L1","candidateType":"relay","relayProtocol":")" +
         relayProtocol + R"("}])";
}
std::string receiverStats(double t, std::int64_t received, std::int64_t lost, double burstBytes) {
  const std::int64_t messages = static_cast<std::int64_t>(burstBytes / 1000);
  return R"([{"type":"inbound-rtp","kind":"audio","timestamp":)" + num(t) + R"(,"bytesReceived":)" +
         num(static_cast<double>(received) * 80) + R"(,"packetsReceived":)" +
         std::to_string(received) + R"(,"packetsLost":)" + std::to_string(lost) +
         R"(,"jitter":0.006},{"type":"netready-burst","timestamp":)" + num(t) + R"(,"bytesSent":)" +
         num(burstBytes) + R"(,"bytesReceived":)" + num(burstBytes) + R"(,"messagesSent":)" +
         std::to_string(messages) + R"(,"messagesReceived":)" + std::to_string(messages) + "}]";
}

// One run of the real CheckSession over the fakes.
class Run {
 public:
  explicit Run(json profile) : profile_(std::move(profile)) {}

  void start() {
    CheckCallbacks cb;
    cb.onProgress = [this](const std::string& p) { progress.push_back(p); };
    cb.onReport = [this](const std::string& r) { reports.push_back(r); };
    auto made = CheckSession::create(profile_.dump(), fakes.portsWithMedia(),
                                     CheckHost{kBrowser, kStartedAt}, std::move(cb));
    ASSERT_TRUE(made.ok()) << made.error();
    session = std::move(made.value());
    session->start();
  }

  void advance(std::int64_t ms) { fakes.clock.advance(ms); }

  OpId request(const std::string& url) const {
    for (const auto& r : fakes.http.requests)
      if (r.url == url) return r.id;
    ADD_FAILURE() << "no request to " << url;
    return 0;
  }
  void respond(const std::string& url, const HttpResult& r) { fakes.http.respond(request(url), r); }
  void httpsOk() {
    respond(kWeb, FakeHttp::response(200, "<!doctype html>"));
    respond(kPing, FakeHttp::response(200, "{\"status\":\"OK\"}"));
  }

  void xmppOk() {
    OpId ws = fakes.ws.last().id;
    fakes.ws.deliverOpen(ws, "xmpp");
    advance(15);
    fakes.ws.deliverMessage(ws,
                            "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='rainbow.lab' "
                            "version='1.0'/><stream:features "
                            "xmlns:stream='http://etherx.jabber.org/streams'/>");
  }

  OpId gather(const std::string& url) const {
    for (const auto& g : fakes.pc.gatherings)
      if (g.servers[0].urls[0] == url) return g.id;
    ADD_FAILURE() << "no gathering for " << url;
    return 0;
  }
  void relay(const std::string& url) {
    fakes.pc.deliverCandidate(gather(url), kRelay, relayProtocolOf(url), url);
  }
  void iceError(const std::string& url, int code, const std::string& text) {
    fakes.pc.deliverError(gather(url), code, text, url);
  }
  void iceErrorThenComplete(const std::string& url, int code, const std::string& text) {
    iceError(url, code, text);
    fakes.pc.deliverComplete(gather(url));
  }
  void directOk() {
    fakes.pc.deliverCandidate(gather(kDirect), kSrflx);
    fakes.pc.deliverComplete(gather(kDirect));
  }

  // Connects the one call and answers every stats request until the call ends.
  void runCall(const CallShape& shape) {
    ASSERT_EQ(fakes.media.calls.size(), 1u) << "no call was placed";
    const OpId id = fakes.media.calls[0].id;
    const std::string protocol = relayProtocolOf(fakes.media.calls[0].config.server.urls[0]);
    advance(90);
    const std::int64_t connectedAt = fakes.clock.nowMs();
    fakes.media.deliverConnected(id);
    int answered = 0;
    double burst = 0;
    for (int step = 0; step < 2000 && !fakes.media.calls[0].closed; ++step) {
      while (!fakes.media.calls[0].closed && fakes.media.calls[0].statsRequests > answered) {
        ++answered;
        const double t = static_cast<double>(fakes.clock.nowMs() - connectedAt);
        const std::int64_t sent = static_cast<std::int64_t>(t / 20);  // 50 packets/s
        const std::int64_t lost = sent * shape.lossPerMille / 1000;
        fakes.media.deliverStats(id, senderStats(t, protocol, shape.burstKbps),
                                 receiverStats(t, sent - lost, lost, burst));
      }
      const auto& rates = fakes.media.calls[0].burstRates;
      const bool on = !rates.empty() && rates.back() > 0;
      advance(10);
      if (on) burst += shape.burstKbps / 8 * 10;
      fakes.media.counters.bytesReceived = burst;
      fakes.media.counters.bytesSent = burst;
      fakes.media.counters.queueDelayMs = on ? shape.queueMs : -1;
    }
    ASSERT_TRUE(fakes.media.calls[0].closed) << "the call never ended";
  }

  json profile_;
  fake::FakePorts fakes;
  std::unique_ptr<CheckSession> session;
  std::vector<std::string> progress;
  std::vector<std::string> reports;
};

struct Scenario {
  std::string name;
  std::string description;
  ProfileOptions options;
  std::function<void(Run&)> script;
};

// Every TURN probe relays; the direct probe sees a server-reflexive address.
void allRelays(Run& r) {
  r.relay(kEu1Udp);
  r.relay(kNa1Udp);
  r.advance(20);
  r.relay(kEu1Tcp);
  r.relay(kEu1Tls);
  r.relay(kNa1Tls);
}

// HTTPS and XMPP answer; with `udpOut`, the direct STUN probe sees the NAT's public address
// (without, it stays silent until its deadline, as UDP is dropped).
void goodSignalling(Run& r, bool udpOut = true) {
  r.advance(40);
  if (udpOut) r.directOk();
  r.advance(20);
  r.httpsOk();
  r.advance(10);
  r.xmppOk();
}

void goodCall(Run& r, const CallShape& shape) {
  goodSignalling(r);
  r.advance(20);
  allRelays(r);
  r.runCall(shape);
}

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
         r.advance(250);  // the runner's grace for a UDP relay, then the call rides TCP
         r.runCall(CallShape{});
         r.advance(6000);  // the UDP probes' own deadline
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
