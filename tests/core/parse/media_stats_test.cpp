// getStats of a real loopback call through the lab's coturn, captured in Chromium 156 and Firefox
// ESR 153 (tests/data/stats/*.json: sample 0 at "connected", the last 2 s later), and the
// media-phase, burst and burst-steering arithmetic over them.
#include "parse/media_stats.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace netready {
namespace {

std::string readData(const std::string& name) {
  std::ifstream in(std::string(NETREADY_TEST_DATA) + "/stats/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

StatsSnapshot snapshot(const std::string& name) {
  Result<StatsSnapshot> s = parseStatsJson(readData(name));
  EXPECT_TRUE(s.ok()) << name << ": " << (s.ok() ? "" : s.error());
  return s.ok() ? s.value() : StatsSnapshot{};
}

std::vector<StatsSample> call(const std::string& browser) {
  return {
      {0, snapshot(browser + "-sender-first.json"), snapshot(browser + "-receiver-first.json")},
      {2000, snapshot(browser + "-sender-last.json"), snapshot(browser + "-receiver-last.json")}};
}

TEST(MediaStats, ChromiumShape) {
  StatsSnapshot s = snapshot("chromium-sender-last.json");
  // transport.selectedCandidatePairId -> candidate-pair -> its local candidate.
  EXPECT_NEAR(s.availableOutgoingBps, 1305634, 1);
  EXPECT_NEAR(s.pairRttS, 0.001, 1e-9);
  EXPECT_EQ(s.relayProtocol, "udp");
  EXPECT_NEAR(s.videoRttS, 0.001602, 1e-9);
  EXPECT_EQ(s.audioRttS, -1);  // no audio RTCP report within 2 s in either browser

  MediaObservation m;
  measureMediaPhase(call("chromium"), 1, &m);
  EXPECT_TRUE(m.audio.seen);
  EXPECT_EQ(m.audio.packetsReceived, 100);  // absent from sample 0: counted from zero
  EXPECT_EQ(m.video.packetsReceived, 155 - 2);
  EXPECT_EQ(m.audio.packetsLost + m.video.packetsLost, 0);
  EXPECT_NEAR(m.audio.jitterMs, 2, 1e-9);   // 0.002 s
  EXPECT_NEAR(m.video.jitterMs, 35, 1e-9);  // 0.035 s
  // 8057 bytes from sample 0's time (…62981.161) to the audio entry's (…64980.437): 1999.276 ms.
  EXPECT_NEAR(m.audio.receivedKbps, 8057 * 8 / 1999.276, 0.01);
  EXPECT_NEAR(m.video.receivedKbps, (160095 - 1069) * 8 / 1999.276, 0.01);
  EXPECT_NEAR(m.rttMs, 1.602, 1e-6);
  EXPECT_EQ(m.rttSource, "remote-inbound-rtp");
  EXPECT_NEAR(m.availableOutgoingKbps, 1305.634, 1e-3);
}

TEST(MediaStats, FirefoxShape) {
  StatsSnapshot s = snapshot("firefox-sender-last.json");
  EXPECT_EQ(s.availableOutgoingBps, -1);  // Firefox has no availableOutgoingBitrate
  EXPECT_NEAR(s.pairRttS, 0.003, 1e-9);
  EXPECT_EQ(s.relayProtocol, "udp");
  EXPECT_NEAR(s.videoRttS, 0.006226, 1e-9);

  MediaObservation m;
  measureMediaPhase(call("firefox"), 1, &m);
  EXPECT_EQ(m.audio.packetsReceived, 88);
  EXPECT_EQ(m.video.packetsReceived, 93);
  EXPECT_NEAR(m.audio.jitterMs, 5, 1e-9);
  // The receiver's sample 0 has no inbound-rtp at all: from its timestamp …81872 to …83873.
  EXPECT_NEAR(m.audio.receivedKbps, 14328 * 8 / 2001.0, 0.01);
  EXPECT_NEAR(m.rttMs, 6.226, 1e-6);
  EXPECT_EQ(m.availableOutgoingKbps, -1);
}

TEST(MediaStats, PairRttWhenNoRtcpYet) {
  std::vector<StatsSample> samples = call("chromium");
  samples[1].sender.videoRttS = -1;
  MediaObservation m;
  measureMediaPhase(samples, 1, &m);
  EXPECT_NEAR(m.rttMs, 1.0, 1e-9);
  EXPECT_EQ(m.rttSource, "candidate-pair");
}

TEST(MediaStats, BrokenRepliesNameWhatWasWrong) {
  EXPECT_EQ(parseStatsJson("{").error(), "stats: not valid JSON");
  EXPECT_EQ(parseStatsJson("{}").error(), "stats: expected an array, got object");
  EXPECT_EQ(parseStatsJson(R"([{"type":"inbound-rtp","kind":"audio","packetsLost":"7"}])").error(),
            "stats: field \"packetsLost\" of a \"inbound-rtp\" entry is string, not a number");
  // A "type" or "selected" of another kind is no type and not selected (nlohmann's value()
  // aborted on them: a type error without exceptions).
  EXPECT_EQ(parseStatsJson(R"([{"type":7,"timestamp":"x"}])").error(),
            "stats: field \"timestamp\" of a \"?\" entry is string, not a number");
  EXPECT_TRUE(parseStatsJson(R"([{"type":"candidate-pair","selected":1,"nominated":"yes"}])").ok());
  // Unknown types, non-objects and unknown fields are ignored.
  Result<StatsSnapshot> s = parseStatsJson(R"([1, "x", {"type":"codec","mimeType":9}])");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->inbound.empty());
}

StatsSample burstSample(std::int64_t at, double t, double burstBytes, double mediaBytes) {
  StatsSample s;
  s.atMs = at;
  s.receiver.hasBurst = true;
  s.receiver.burstTimestampMs = t;
  s.receiver.burstBytesReceived = burstBytes;
  s.receiver.inbound.push_back({"video", t, mediaBytes, 0, 0, 0, -1});
  return s;
}

TEST(MediaStats, BurstTakesTheBestSettledWindow) {
  // Burst starts after sample 0 (t = 1000). 300 kbit/s = 37.5 bytes/ms of burst, plus 5 bytes/ms
  // of video; the first 200 ms ramp carries little.
  std::vector<StatsSample> s;
  s.push_back(burstSample(0, 1000, 0, 0));
  s.push_back(burstSample(200, 1200, 1000, 1000));
  for (int i = 2; i <= 6; ++i)
    s.push_back(burstSample(i * 200, 1000 + i * 200, 1000 + (i - 1) * 200 * 37.5,
                            1000 + (i - 1) * 200 * 5));
  MediaObservation m;
  measureBurst(s, 0, 2500, &m);
  EXPECT_NEAR(m.burstKbps, 300, 1e-6);
  EXPECT_NEAR(m.capacityKbps, 340, 1e-6);  // (37.5 + 5) bytes/ms = 340 kbit/s (no packets counted)
  EXPECT_FALSE(m.capacityAtCeiling);
  EXPECT_EQ(m.burstMs, 1200);
  EXPECT_EQ(m.burstMessagesSent, 0);  // link-limited: messages are not counted as loss
}

TEST(MediaStats, BurstAtItsCeilingCountsMessages) {
  std::vector<StatsSample> s;
  for (int i = 0; i <= 6; ++i) {
    s.push_back(burstSample(i * 200, i * 200.0, i * 200 * 300.0, 0));
    s.back().receiver.burstBytesSent = i * 200 * 310.0;
  }
  s.back().receiver.burstMessagesSent = 500;
  s.back().receiver.burstMessagesReceived = 480;
  MediaObservation m;
  measureBurst(s, 0, 2500, &m);
  EXPECT_NEAR(m.burstKbps, 2400, 1e-6);  // 300 bytes/ms arrived, 310 sent: within 10 % of 2500
  EXPECT_TRUE(m.capacityAtCeiling);
  EXPECT_EQ(m.burstMessagesSent, 500);
  EXPECT_EQ(m.burstMessagesReceived, 480);
}

TEST(MediaStats, BurstSteering) {
  // No queue: x1.5 a tick, up to the ceiling.
  EXPECT_EQ(nextBurstKbps(100, 0, -1, 2500), 150);
  EXPECT_EQ(nextBurstKbps(2000, 1900, 3, 2500), 2500);
  // A queue builds: hold just above what arrives, so the bottleneck stays busy.
  EXPECT_EQ(nextBurstKbps(1500, 1000, 40, 2500), 1100);
  // Too much queue: drain below it.
  EXPECT_EQ(nextBurstKbps(1500, 1000, 120, 2500), 800);
  // Nothing delivered in the tick although a queue is seen: keep the pace.
  EXPECT_EQ(nextBurstKbps(900, 0, 40, 2500), 900);
  // Never below half the start rate.
  EXPECT_EQ(nextBurstKbps(60, 10, 200, 2500), 50);
}

}  // namespace
}  // namespace netready
