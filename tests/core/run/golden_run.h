// The golden runs' fixture: a lab-like profile, browser-shaped getStats replies and a scripted
// run of the real CheckSession over the fake ports (golden_test.cpp holds the networks).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/probes/probe_fixtures.h"
#include "fakes/fake_ports.h"
#include "netready/callback.h"
#include "netready/check.h"
#include "netready/vocabulary.h"

namespace netready::golden {

using json = nlohmann::ordered_json;
using fake::FakeHttp;
using fixtures::kRelay, fixtures::kSrflx;

inline constexpr const char* kBrowser = "netready-golden";
inline constexpr const char* kStartedAt = "2026-01-01T00:00:00Z";
// The lab's web origin: the goldens are runs from the service's own site.
inline constexpr const char* kPageOrigin = "https://web.rainbow.lab";
inline constexpr const char* kUser = "golden-user";
inline constexpr const char* kPass = "golden-pass-1234";

inline constexpr const char* kEu1Udp = "turn:turn-eu1.rainbow.lab:3478?transport=udp";
inline constexpr const char* kEu1Tcp = "turn:turn-eu1.rainbow.lab:80?transport=tcp";
inline constexpr const char* kEu1Tls = "turns:turn-eu1.rainbow.lab:443?transport=tcp";
inline constexpr const char* kNa1Udp = "turn:turn-na1.rainbow.lab:3478?transport=udp";
inline constexpr const char* kNa1Tls = "turns:turn-na1.rainbow.lab:443?transport=tcp";
inline constexpr const char* kDirect = "stun:turn-eu1.rainbow.lab:3478";
inline constexpr const char* kWeb = "https://web.rainbow.lab/";
inline constexpr const char* kPing = "https://rainbow.lab/api/rainbow/ping";

// NETREADY_GOLDEN_DIR: read and write the goldens elsewhere (compare a change without touching
// the committed ones).
inline std::string goldenDir() {
  const char* dir = std::getenv("NETREADY_GOLDEN_DIR");
  return dir != nullptr && *dir != '\0' ? std::string(dir)
                                        : std::string(NETREADY_TEST_DATA) + "/golden";
}
inline std::string goldenPath(const std::string& name) {
  return goldenDir() + "/" + name + ".json";
}

inline bool updating() {
  const char* v = std::getenv("NETREADY_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// A small lab-like profile: 2 HTTPS endpoints, XMPP, eu1 on UDP/TCP/TLS and na1 on UDP/TLS.
struct ProfileOptions {
  bool credentials = true;
  bool media = false;
  bool proxy = false;
};

inline json labProfile(const ProfileOptions& o) {
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

inline std::string num(double v) { return json(v).dump(); }

// "udp", "tcp" or "tls", as the browser names the transport to the TURN server.
inline std::string relayProtocolOf(const std::string& url) {
  if (url.rfind("turns:", 0) == 0) return "tls";
  return url.find("transport=tcp") != std::string::npos ? "tcp" : "udp";
}

// One getStats reply pair at `t` ms of call: 50 audio packets/s of 80 bytes (32 kbit/s), the
// remote RTT and jitter, the selected relay pair, and the burst's counters.
inline std::string senderStats(double t, const std::string& relayProtocol, double availableKbps) {
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
inline std::string receiverStats(double t, std::int64_t received, std::int64_t lost,
                                 double burstBytes) {
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
                                     CheckHost{kBrowser, kStartedAt, kPageOrigin}, std::move(cb));
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

  // The latest gathering for `url`: a probe that tried a failed lookup or connection again
  // opened a second.
  OpId gather(const std::string& url) const {
    for (auto g = fakes.pc.gatherings.rbegin(); g != fakes.pc.gatherings.rend(); ++g)
      if (g->servers[0].urls[0] == url) return g->id;
    ADD_FAILURE() << "no gathering for " << url;
    return 0;
  }
  void relay(const std::string& url) {
    fakes.pc.deliverCandidate(gather(url), kRelay, relayProtocolOf(url), url);
  }
  void iceError(const std::string& url, int code, const std::string& text) {
    fakes.pc.deliverError(gather(url), code, text, url);
  }
  // The probe tries a failed lookup or connection once more (ice_probe.cpp): the same failure
  // then ends its second gathering too.
  void iceErrorThenComplete(const std::string& url, int code, const std::string& text) {
    const OpId first = gather(url);
    iceError(url, code, text);
    fakes.pc.deliverComplete(first);
    if (gather(url) != first) {
      iceError(url, code, text);
      fakes.pc.deliverComplete(gather(url));
    }
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
  Callback<void(Run&)> script;
};

// Every TURN probe relays; the direct probe sees a server-reflexive address.
inline void allRelays(Run& r) {
  r.relay(kEu1Udp);
  r.relay(kNa1Udp);
  r.advance(20);
  r.relay(kEu1Tcp);
  r.relay(kEu1Tls);
  r.relay(kNa1Tls);
}

// HTTPS and XMPP answer; with `udpOut`, the direct STUN probe sees the NAT's public address
// (without, it stays silent until its deadline, as UDP is dropped).
inline void goodSignalling(Run& r, bool udpOut = true) {
  r.advance(40);
  if (udpOut) r.directOk();
  r.advance(20);
  r.httpsOk();
  r.advance(10);
  r.xmppOk();
}

inline void goodCall(Run& r, const CallShape& shape) {
  goodSignalling(r);
  r.advance(20);
  allRelays(r);
  r.runCall(shape);
}

}  // namespace netready::golden
