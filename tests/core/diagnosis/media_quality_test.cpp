// MOS (simplified E-model), the loopback -> call-leg arithmetic and the §5.5.1 rate rule, with
// values computed by hand (R and MOS to 4 decimals, see the comments).
#include "core/vocabulary_print.h"
#include "netready/media_quality.h"

#include <gtest/gtest.h>

#include <cmath>

namespace netready {
namespace {

TEST(MediaQuality, MosTable) {
  struct Case {
    const char* name;
    double rtt, jitter, loss;
    double r, mos;
  };
  const Case cases[] = {
      // Le = 10: R = 94.768 - 10/40 = 94.518; MOS = 1 + 3.30813 + 7e-6*94.518*34.518*5.482.
      {"perfect", 0, 0, 0, 94.518, 4.4333},
      // The 160 ms knee: Le = 160 takes the second branch, 94.768 - 40/10 = 90.768, and the
      // first branch just below it gives the same (94.768 - 159.9/40 = 90.7705): continuous.
      {"knee", 150, 0, 0, 90.768, 4.3574},
      {"below knee", 149.9, 0, 0, 90.7705, 4.3574},
      // Le = 310: 94.768 - 19 = 75.768.
      {"long RTT", 300, 0, 0, 75.768, 3.8545},
      // Le = 20 + 10 + 10 = 40: 94.768 - 1 - 2.5 = 91.268.
      {"typical", 20, 5, 1, 91.268, 4.3688},
      // Le = 80: 94.768 - 2 - 12.5 = 80.268.
      {"lossy", 50, 10, 5, 80.268, 4.0341},
      // 40 % loss takes 100 off R: clamped to 0, MOS to its floor 1.0.
      {"heavy loss", 0, 0, 40, 0, 1.0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_NEAR(rFactor(c.rtt, c.jitter, c.loss), c.r, 1e-3);
    EXPECT_NEAR(meanOpinionScore(c.rtt, c.jitter, c.loss), c.mos, 1e-3);
  }
}

TEST(MediaQuality, MosIsMonotonicInEachInput) {
  double previous = meanOpinionScore(0, 0, 0);
  for (double rtt = 10; rtt <= 1000; rtt += 10) {
    double now = meanOpinionScore(rtt, 0, 0);
    EXPECT_LE(now, previous) << rtt;
    previous = now;
  }
  EXPECT_GT(meanOpinionScore(20, 1, 0), meanOpinionScore(20, 30, 0));
  EXPECT_GT(meanOpinionScore(20, 1, 0.5), meanOpinionScore(20, 1, 3));
}

MediaObservation loopback(std::int64_t received, std::int64_t lost, double rtt, double jitter) {
  MediaObservation m;
  m.outcome = MediaObservation::Outcome::Measured;
  m.audio.seen = true;
  m.audio.packetsReceived = received;
  m.audio.packetsLost = lost;
  m.audio.jitterMs = jitter;
  m.rttMs = rtt;
  return m;
}

TEST(MediaQuality, LoopbackFiguresBecomeOneCallLeg) {
  // 5 % per crossing, twice: 1 - 0.95^2 = 9.75 % on the loopback; the leg sees 5 %.
  MediaObservation m = loopback(9025, 975, 300, 14.142);
  EXPECT_NEAR(loopbackLossPct(m), 9.75, 1e-9);
  CallLeg leg = callLeg(m);
  EXPECT_NEAR(leg.lossPct, 5.0, 1e-6);
  EXPECT_NEAR(leg.rttMs, 150, 1e-9);      // four crossings -> two
  EXPECT_NEAR(leg.jitterMs, 10.0, 1e-3);  // variances add: / sqrt 2
}

TEST(MediaQuality, LossPoolsRtpKindsAndAnUnlimitedBurst) {
  MediaObservation m = loopback(95, 5, 10, 1);
  m.video.seen = true;
  m.video.packetsReceived = 190;
  m.video.packetsLost = 10;
  EXPECT_NEAR(loopbackLossPct(m), 100.0 * 15 / 300, 1e-9);
  // A burst that hit the link's limit says nothing about path loss: not counted.
  m.burstMessagesSent = 700;
  m.burstMessagesReceived = 600;
  m.capacityAtCeiling = false;
  EXPECT_NEAR(loopbackLossPct(m), 5.0, 1e-9);
  m.capacityAtCeiling = true;
  EXPECT_NEAR(loopbackLossPct(m), 100.0 * 115 / 1000, 1e-9);
  // More received than sent (a counting race) is no negative loss.
  m.burstMessagesReceived = 800;
  EXPECT_NEAR(loopbackLossPct(m), 100.0 * 15 / 1000, 1e-9);
}

TEST(MediaQuality, NothingCountedIsNotMeasured) {
  MediaObservation m;
  EXPECT_EQ(loopbackLossPct(m), -1);
  EXPECT_EQ(loopbackJitterMs(m), -1);
  CallLeg leg = callLeg(m);
  EXPECT_EQ(leg.lossPct, -1);
  EXPECT_EQ(leg.rttMs, -1);
  EXPECT_EQ(leg.jitterMs, -1);
}

TEST(MediaQuality, RateAgainstTheGuideTable) {
  // §5.5.1 video: nominal 350, lowest 150.
  EXPECT_EQ(judgeRate(350, 350, 150), Status::Pass);
  EXPECT_EQ(judgeRate(349.9, 350, 150), Status::Warn);
  EXPECT_EQ(judgeRate(150, 350, 150), Status::Warn);
  EXPECT_EQ(judgeRate(149, 350, 150), Status::Fail);
  EXPECT_EQ(judgeRate(-1, 350, 150), Status::Skipped);
}

Profile rainbow() { return rainbowDefaultProfile(); }

TEST(MediaQuality, JudgementOfAGoodCall) {
  MediaObservation m = loopback(500, 0, 2, 1);
  m.connectMs = 120;
  m.startMs = 80;
  m.capacityKbps = 2600;
  m.capacityAtCeiling = true;
  MediaJudgement j = judgeMedia(m, rainbow());
  EXPECT_EQ(j.media, Status::Pass);
  EXPECT_EQ(j.bandwidth, Status::Pass);
  EXPECT_GE(j.mos, 4.2);
}

TEST(MediaQuality, ThinLinkAudioFineVideoFails) {
  MediaObservation m = loopback(500, 0, 40, 5);
  m.connectMs = 300;
  m.startMs = 80;
  m.capacityKbps = 95;
  MediaJudgement j = judgeMedia(m, rainbow());
  EXPECT_EQ(j.audio, Status::Pass);   // 95 >= 80
  EXPECT_EQ(j.video, Status::Fail);   // 95 < 150
  EXPECT_EQ(j.screen, Status::Warn);  // 15 <= 95 < 400
  EXPECT_EQ(j.bandwidth, Status::Fail);
  m.capacityKbps = 300;
  j = judgeMedia(m, rainbow());
  EXPECT_EQ(j.video, Status::Warn);
  EXPECT_EQ(j.bandwidth, Status::Warn);
}

TEST(MediaQuality, PoorCallIsWarnAtTheProfileBar) {
  Profile p = rainbow();
  MediaObservation m = loopback(9025, 975, 20, 2);  // leg loss 5 %: over 3 %
  m.connectMs = 100;
  m.startMs = 50;
  EXPECT_EQ(judgeMedia(m, p).media, Status::Warn);
  p.media.maxLossPct = 6;  // a site that accepts more loss
  EXPECT_EQ(judgeMedia(m, p).media, Status::Pass);
  p.media.minMos = 4.3;  // MOS 4.05 is under that bar
  EXPECT_EQ(judgeMedia(m, p).media, Status::Warn);
}

TEST(MediaQuality, WhatIsSkippedAndWhatFails) {
  using O = MediaObservation::Outcome;
  MediaObservation m;
  m.detail = "no TURN credentials: relay media not tested";
  m.outcome = O::NoRelay;
  EXPECT_EQ(judgeMedia(m, rainbow()).media, Status::Skipped);
  EXPECT_EQ(judgeMedia(m, rainbow()).why, m.detail);
  m.outcome = O::Failed;  // our call could not be built: not the network's fault
  m.startMs = 10;
  EXPECT_EQ(judgeMedia(m, rainbow()).media, Status::Skipped);
  for (O o : {O::ConnectTimeout, O::ConnectFailed, O::NoMedia}) {
    m.outcome = o;
    EXPECT_EQ(judgeMedia(m, rainbow()).media, Status::Fail);
  }
  m.outcome = O::Timeout;
  EXPECT_EQ(judgeMedia(m, rainbow()).media, Status::Fail);
  m.cancelled = true;
  EXPECT_EQ(judgeMedia(m, rainbow()).media, Status::Skipped);
}

}  // namespace
}  // namespace netready
