// The relay loopback call's state machine over the fake media port and clock, and its placement
// by the runner (best relay, after HTTPS/XMPP, no credentials).
#include "probes/media_probe.h"

#include <gtest/gtest.h>

#include <string>

#include "fakes/fake_ports.h"
#include "core/vocabulary_print.h"
#include "netready/runner.h"
#include "core/probes/probe_fixtures.h"

namespace netready {
namespace {

using fake::FakeMedia;
using Outcome = MediaObservation::Outcome;

// One stats reply pair at `t` ms: `packets` audio packets received, `lost` lost, and burst bytes.
std::string sender(double t) {
  return R"([{"type":"outbound-rtp","kind":"audio","timestamp":)" + std::to_string(t) +
         R"(,"bytesSent":)" + std::to_string(t * 4) +
         R"(},{"type":"remote-inbound-rtp","kind":"audio","timestamp":)" + std::to_string(t) +
         R"(,"roundTripTime":0.04}])";
}
std::string receiver(double t, int packets, int lost, double burstBytes) {
  return R"([{"type":"inbound-rtp","kind":"audio","timestamp":)" + std::to_string(t) +
         R"(,"bytesReceived":)" + std::to_string(t * 4) + R"(,"packetsReceived":)" +
         std::to_string(packets) + R"(,"packetsLost":)" + std::to_string(lost) +
         R"(,"jitter":0.006},{"type":"netready-burst","timestamp":)" + std::to_string(t) +
         R"(,"bytesSent":0,"bytesReceived":)" + std::to_string(burstBytes) +
         R"(,"messagesSent":0,"messagesReceived":0}])";
}

class MediaProbeTest : public fixtures::ProbeTest<MediaObservation> {
 protected:
  MediaProbe& make(MediaSettings s = MediaSettings{}) {
    probe = std::make_unique<MediaProbe>(s, clock, media, record());
    return *probe;
  }
  void place() {
    probe->place({"eu1", "turn:turn-eu1.rainbow.lab:3478?transport=udp", "u", "c"}, 120);
  }
  FakeMedia media;
  std::unique_ptr<MediaProbe> probe;
};

TEST_F(MediaProbeTest, ConnectMeasureBurstDrainMeasured) {
  MediaSettings s;
  s.durationMs = 1000;
  s.burstMs = 600;
  make(s);
  probe->start();
  EXPECT_TRUE(media.calls.empty());  // nothing before place()
  place();
  ASSERT_EQ(media.calls.size(), 1u);
  FakeMedia::Call& call = media.calls[0];
  EXPECT_EQ(call.config.server.urls[0], "turn:turn-eu1.rainbow.lab:3478?transport=udp");
  EXPECT_EQ(call.config.server.credential, "c");
  clock.advance(150);
  media.deliverConnected(call.id);
  EXPECT_EQ(call.statsRequests, 1);  // the baseline
  double t = 0;
  int packets = 0;
  double burst = 0;
  // Answer every request at once; the probe asks again every kMediaSampleMs.
  for (int i = 0; i < 40 && results.empty(); ++i) {
    const int asked = call.statsRequests;
    media.counters.bytesReceived = burst;
    media.counters.queueDelayMs = 5;
    media.deliverStats(call.id, sender(t), receiver(t, packets, packets / 50, burst));
    if (!call.burstRates.empty() && call.burstRates.back() > 0) burst += kMediaSampleMs * 37.5;
    clock.advance(kMediaSampleMs);
    t += kMediaSampleMs;
    packets += 10;
    EXPECT_LE(call.statsRequests, asked + 1);  // never two requests in flight
  }
  ASSERT_EQ(results.size(), 1u);
  const MediaObservation& o = results[0];
  EXPECT_EQ(o.outcome, Outcome::Measured);
  EXPECT_EQ(o.connectMs, 150);
  EXPECT_EQ(o.startMs, 120);
  EXPECT_NEAR(o.rttMs, 40, 1e-9);
  EXPECT_NEAR(o.audio.jitterMs, 6, 1e-9);
  EXPECT_GT(o.audio.packetsReceived, 0);
  // The burst started at kBurstStartKbps, was steered up (no queue) and stopped with 0.
  ASSERT_GE(call.burstRates.size(), 3u);
  EXPECT_EQ(call.burstRates.front(), kBurstStartKbps);
  EXPECT_GT(call.burstRates[1], kBurstStartKbps);
  EXPECT_EQ(call.burstRates.back(), 0);
  EXPECT_GT(media.counterReads, 0);
  EXPECT_NEAR(o.burstKbps, 300, 1);  // 37.5 bytes/ms
  EXPECT_TRUE(call.closed);
  EXPECT_EQ(clock.pendingTimers(), 0u);
}

TEST_F(MediaProbeTest, NotConnectedInTime) {
  MediaSettings s;
  s.connectMs = 2000;
  make(s);
  place();
  clock.advance(1999);
  EXPECT_TRUE(results.empty());
  clock.advance(1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::ConnectTimeout);
  EXPECT_EQ(results[0].detail, "not connected through the relay within 2000 ms");
  EXPECT_TRUE(media.calls[0].closed);
}

TEST_F(MediaProbeTest, ConnectionFailedAndSetupFailure) {
  make();
  place();
  media.deliverConnectionFailed(media.calls[0].id);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::ConnectFailed);
  EXPECT_EQ(results[0].detail, "ICE/DTLS through the relay failed");
  results.clear();
  make();
  place();
  media.deliverFailure(media.calls[1].id, "NotSupportedError: no captureStream");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Failed);
  EXPECT_EQ(results[0].detail, "NotSupportedError: no captureStream");
}

TEST_F(MediaProbeTest, NoMediaWhenNothingArrives) {
  MediaSettings s;
  s.durationMs = 1000;
  s.burstMs = 500;
  make(s);
  place();
  media.deliverConnected(media.calls[0].id);
  for (int i = 0; i < 30 && results.empty(); ++i) {
    media.deliverStats(media.calls[0].id, "[]", "[]");
    clock.advance(kMediaSampleMs);
  }
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NoMedia);
}

TEST_F(MediaProbeTest, BrokenStatsAreNamedAndTheDeadlineHolds) {
  make();
  place();
  media.deliverConnected(media.calls[0].id);
  media.deliverStats(media.calls[0].id, "{", "[]");
  EXPECT_EQ(probe->observation().statsProblems.size(), 1u);
  EXPECT_EQ(probe->observation().statsProblems[0], "stats: not valid JSON");
  clock.advance(probe->deadlineMs());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Timeout);
  EXPECT_TRUE(media.calls[0].closed);
}

TEST_F(MediaProbeTest, NotPlacedAndCancel) {
  make();
  probe->notPlaced(Outcome::NoRelay, "no relay");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NoRelay);
  EXPECT_TRUE(media.calls.empty());
  results.clear();
  make();
  place();
  probe->cancel("cancelled");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Timeout);
  EXPECT_TRUE(media.calls[0].closed);
  media.deliverConnected(media.calls[0].id);  // late: dropped
  EXPECT_EQ(results.size(), 1u);
}

// ---- placement by the runner ----

Profile twoServers(bool credentials) {
  Profile p;
  p.name = "lab";
  p.https = {{"https://web.rainbow.lab/", "resources", "", "§5.4"}};
  p.turn = {TurnServer{"eu1",
                       {"turns:turn-eu1.rainbow.lab:443?transport=tcp",
                        "turn:turn-eu1.rainbow.lab:3478?transport=udp"},
                       credentials ? "user-x" : "",
                       credentials ? "pass-x" : ""}};
  return p;
}

struct RunnerMedia : ::testing::Test {
  void make(Profile p) {
    RunnerCallbacks cb;
    cb.onDone = [this](const Observations& o) { result = o; };
    runner = std::make_unique<Runner>(std::move(p), fakes.portsWithMedia(), std::move(cb));
    runner->start();
  }
  OpId gather(const std::string& url) {
    for (const auto& g : fakes.pc.gatherings)
      if (g.servers[0].urls[0] == url) return g.id;
    return 0;
  }
  fake::FakePorts fakes;
  std::unique_ptr<Runner> runner;
  std::optional<Observations> result;
};

// The call waits for every other probe: on a thin link its video would starve a handshake still
// running (a 100 kbit/s lab once saw another region's TURN/TLS time out and called it unreachable).
TEST_F(RunnerMedia, PrefersUdpAndWaitsForEveryProbe) {
  make(twoServers(true));
  fakes.pc.deliverCandidate(gather("turn:turn-eu1.rainbow.lab:3478?transport=udp"),
                            fixtures::kRelay);
  fakes.http.respond(fakes.http.requests[0].id, fake::FakeHttp::response(200, "ok"));
  EXPECT_TRUE(fakes.media.calls.empty());  // TURN/TLS and the direct probe still run
  fakes.pc.deliverCandidate(gather("turns:turn-eu1.rainbow.lab:443?transport=tcp"),
                            fixtures::kRelay);
  EXPECT_TRUE(fakes.media.calls.empty());  // the direct probe still runs
  fakes.clock.advance(1990);
  EXPECT_TRUE(fakes.media.calls.empty());
  fakes.clock.advance(10);  // the silence rule ends the direct probe at 2 s
  ASSERT_EQ(fakes.media.calls.size(), 1u);
  EXPECT_EQ(fakes.media.calls[0].config.server.urls[0],
            "turn:turn-eu1.rainbow.lab:3478?transport=udp");
  EXPECT_EQ(fakes.media.calls[0].config.server.username, "user-x");
}

TEST_F(RunnerMedia, WithoutCredentialsNoCall) {
  make(twoServers(false));
  fakes.http.respond(fakes.http.requests[0].id, fake::FakeHttp::response(200, "ok"));
  fakes.pc.deliverError(gather("turns:turn-eu1.rainbow.lab:443?transport=tcp"), 401);
  fakes.pc.deliverError(gather("turn:turn-eu1.rainbow.lab:3478?transport=udp"), 401);
  fakes.clock.advance(7000);  // the direct probe's deadline
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(fakes.media.calls.empty());
  ASSERT_TRUE(result->media.has_value());
  EXPECT_EQ(result->media->outcome, Outcome::NoRelay);
  EXPECT_EQ(result->media->detail, "no TURN credentials: relay media not tested");
}

}  // namespace
}  // namespace netready
