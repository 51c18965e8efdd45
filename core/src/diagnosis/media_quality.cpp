#include "netready/media_quality.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace netready {

double loopbackLossPct(const MediaObservation& m) {
  double lost = static_cast<double>(m.audio.packetsLost + m.video.packetsLost);
  double total = lost + static_cast<double>(m.audio.packetsReceived + m.video.packetsReceived);
  if (m.capacityAtCeiling && m.burstMessagesSent > 0) {
    std::int64_t received = std::min(m.burstMessagesReceived, m.burstMessagesSent);
    lost += static_cast<double>(m.burstMessagesSent - received);
    total += static_cast<double>(m.burstMessagesSent);
  }
  return total > 0 ? 100.0 * lost / total : -1;
}

double loopbackJitterMs(const MediaObservation& m) {
  if (m.audio.jitterMs >= 0) return m.audio.jitterMs;
  return m.video.jitterMs;
}

CallLeg callLeg(const MediaObservation& m) {
  CallLeg leg;
  double loss = loopbackLossPct(m);
  if (loss >= 0) leg.lossPct = 100.0 * (1.0 - std::sqrt(1.0 - std::min(loss, 100.0) / 100.0));
  if (m.rttMs >= 0) leg.rttMs = m.rttMs / 2.0;
  double jitter = loopbackJitterMs(m);
  if (jitter >= 0) leg.jitterMs = jitter / std::sqrt(2.0);
  return leg;
}

double rFactor(double rttMs, double jitterMs, double lossPct) {
  double le = std::max(0.0, rttMs) + 2.0 * std::max(0.0, jitterMs) + 10.0;
  double r = le < 160.0 ? 94.768 - le / 40.0 : 94.768 - (le - 120.0) / 10.0;
  r -= 2.5 * std::max(0.0, lossPct);
  return std::clamp(r, 0.0, 100.0);
}

double meanOpinionScore(double rttMs, double jitterMs, double lossPct) {
  double r = rFactor(rttMs, jitterMs, lossPct);
  double mos = 1.0 + 0.035 * r + 7e-6 * r * (r - 60.0) * (100.0 - r);
  return std::max(1.0, mos);
}

Status judgeRate(double measuredKbps, int nominalKbps, int lowestKbps) {
  if (measuredKbps < 0) return Status::Skipped;
  if (measuredKbps >= nominalKbps) return Status::Pass;
  if (measuredKbps >= lowestKbps) return Status::Warn;
  return Status::Fail;
}

namespace {

Status worst(Status a, Status b) {
  auto rank = [](Status s) {
    switch (s) {
      case Status::Fail:
        return 3;
      case Status::Warn:
        return 2;
      case Status::Pass:
        return 1;
      case Status::Skipped:
        return 0;
    }
    return 0;
  };
  return rank(a) >= rank(b) ? a : b;
}

}  // namespace

MediaJudgement judgeMedia(const MediaObservation& m, const Profile& profile) {
  using O = MediaObservation::Outcome;
  MediaJudgement j;
  j.connected = m.connectMs >= 0;
  switch (m.outcome) {
    case O::Disabled:
    case O::NoRelay:
      j.why = m.detail;
      return j;
    case O::Failed:
      // Our test call could not be built in this browser: says nothing about the network.
      j.why = msg("media.why.setup-failed", {m.detail});
      return j;
    case O::Timeout:
      if (m.cancelled || m.startMs < 0) {
        j.why = msg(m.cancelled ? "media.why.cancelled" : "media.why.no-relay");
        return j;
      }
      j.media = Status::Fail;
      j.why = m.detail;
      break;
    case O::ConnectTimeout:
    case O::ConnectFailed:
    case O::NoMedia:
      j.media = Status::Fail;
      j.why = m.detail;
      break;
    case O::Measured:
      break;
  }
  j.loopbackLossPct = loopbackLossPct(m);
  j.leg = callLeg(m);
  if (j.leg.rttMs >= 0) {
    j.mos =
        meanOpinionScore(j.leg.rttMs, std::max(0.0, j.leg.jitterMs), std::max(0.0, j.leg.lossPct));
  }
  if (m.outcome == O::Measured) {
    const MediaSettings& s = profile.media;
    bool poor = (j.mos >= 0 && j.mos < s.minMos) || (j.leg.lossPct >= s.maxLossPct);
    j.media = poor ? Status::Warn : Status::Pass;
  }
  if (m.capacityKbps >= 0) {
    const BandwidthThresholds& b = profile.bandwidth;
    j.audio = judgeRate(m.capacityKbps, b.audioNominalKbps, b.audioLowestKbps);
    j.video = judgeRate(m.capacityKbps, b.videoNominalKbps, b.videoLowestKbps);
    j.screen = judgeRate(m.capacityKbps, b.screenMaxKbps, b.screenMinKbps);
    j.bandwidth = worst(worst(j.audio, j.video), j.screen);
  }
  return j;
}

}  // namespace netready
