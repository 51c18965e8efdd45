// The `media` and `bandwidth` rows and the report's media section, from the relay loopback call
// (judgeMedia() decides; this file words it for IT, citing §5.3 row 4, §5.7.3 and §5.5.1).
#include <cmath>
#include <string>
#include <vector>

#include "diagnosis/diagnosis_internal.h"
#include "netready/candidate.h"
#include "netready/media_quality.h"
#include "parse/media_stats.h"
#include "probes/probe_text.h"
#include "run/progress_text.h"

namespace netready::diag {

namespace {

std::string kbps(double v) { return fixedDigits(v, 0) + " kbit/s"; }
std::string msText(double v) { return fixedDigits(v, 0) + " ms"; }

Text relayName(const MediaObservation& m) {
  return iceTarget(m.url) + (m.region.empty() ? "" : " (" + m.region + ")");
}

Text capacityText(const MediaObservation& m) {
  return m.capacityAtCeiling ? msg("media.at-least", {kbps(m.capacityKbps)})
                             : Text(kbps(m.capacityKbps));
}

}  // namespace

RowResult mediaRow(const Facts& f) {
  RowResult out{makeRow(RowId::Media), {}};
  Requirement& r = out.row;
  const MediaObservation& m = f.call;
  const MediaJudgement& j = f.media;
  const Profile& profile = f.profile;
  r.status = j.media;
  if (j.media == Status::Skipped) {
    r.summary = j.why;
    return out;
  }
  Evidence e;
  e.target = msg("media.loopback-via", {relayName(m)});
  e.status = j.media;
  e.elapsedMs = m.elapsedMs;
  const MediaSettings& s = profile.media;
  if (m.outcome != MediaObservation::Outcome::Measured) {
    e.outcome = m.detail;
    r.evidence.push_back(e);
    r.summary = msg(j.connected ? "media.no-media" : "media.no-connect", {m.detail});
    r.advice = msg("media.advice.no-flow", {relayName(m)});
    return out;
  }
  // ", MOS 4.3": a figure with its name, data but for its decimal separator.
  const Text mos = j.mos >= 0 ? ", MOS " + decimalText(j.mos, 1) : Text();
  e.outcome =
      msg("media.connected", {ms(m.connectMs), decimalText(m.mediaMs / 1000.0, 1) + " s"}) + mos;
  const std::string protocol = relayProtocolName(m.relayProtocol);
  e.detail = protocol.empty() ? msg("media.relay-protocol-unknown")
                              : msg("media.relay-protocol", {protocol});
  r.evidence.push_back(e);
  const Text na = msg("media.not-available");
  const Text leg = msg("media.call-leg", {j.leg.lossPct >= 0 ? percentText(j.leg.lossPct) : na,
                                          j.leg.rttMs >= 0 ? Text(msText(j.leg.rttMs)) : na,
                                          j.leg.jitterMs >= 0 ? Text(msText(j.leg.jitterMs)) : na});
  r.summary = msg("media.flows", {relayName(m), leg}) + mos;
  if (j.media == Status::Warn) {
    std::vector<Text> why;
    if (j.mos >= 0 && j.mos < s.minMos) {
      why.push_back(msg("media.mos-under", {decimalText(j.mos, 1), decimalText(s.minMos, 1)}));
    }
    if (j.leg.lossPct >= s.maxLossPct) {
      why.push_back(
          msg("media.loss-over", {percentText(j.leg.lossPct), percentText(s.maxLossPct)}));
    }
    r.summary += " (" + joinList(why) + ")";
    r.advice = msg("media.advice.quality");
  }
  return out;
}

RowResult bandwidthRow(const Facts& f) {
  RowResult out{makeRow(RowId::Bandwidth), {}};
  Requirement& r = out.row;
  const MediaObservation& m = f.call;
  const MediaJudgement& j = f.media;
  const BandwidthThresholds& b = f.profile.bandwidth;
  const Text targets =
      msg("bandwidth.targets",
          {std::to_string(b.audioNominalKbps) + "/" + std::to_string(b.audioLowestKbps) + " kbit/s",
           std::to_string(b.videoNominalKbps) + "/" + std::to_string(b.videoLowestKbps),
           std::to_string(b.screenMinKbps) + "-" + std::to_string(b.screenMaxKbps)});
  r.status = j.bandwidth;
  if (m.capacityKbps < 0) {
    r.summary =
        msg("bandwidth.not-measured", {j.why.empty() ? msg("bandwidth.no-burst") : j.why, targets});
    return out;
  }
  struct KindLine {
    MediaKind kind;
    Status status;
    int nominal;
    int lowest;
  };
  const KindLine kinds[] = {{MediaKind::Audio, j.audio, b.audioNominalKbps, b.audioLowestKbps},
                            {MediaKind::Video, j.video, b.videoNominalKbps, b.videoLowestKbps},
                            {MediaKind::Screen, j.screen, b.screenMaxKbps, b.screenMinKbps}};
  for (const KindLine& k : kinds) {
    Evidence e;
    e.target = msg("bandwidth.kind-target", {mediaKindLabel(k.kind), std::to_string(k.nominal),
                                             std::to_string(k.lowest) + " kbit/s"});
    e.status = k.status;
    e.outcome = msg(k.status == Status::Warn   ? "bandwidth.carried-warn"
                    : k.status == Status::Fail ? "bandwidth.carried-fail"
                                               : "bandwidth.carried",
                    {capacityText(m), capacityWord(k.status)});
    r.evidence.push_back(e);
  }
  r.summary = msg("bandwidth.link-carried", {capacityText(m), msText(kBurstWindowMs),
                                             msText(static_cast<double>(m.burstMs)), targets});
  if (j.bandwidth == Status::Fail || j.bandwidth == Status::Warn) {
    r.advice = msg("bandwidth.advice.raise", {capacityText(m), std::to_string(b.audioNominalKbps),
                                              std::to_string(b.videoNominalKbps),
                                              std::to_string(b.screenMaxKbps) + " kbit/s"});
  }
  return out;
}

MediaSectionResult mediaSection(const Facts& f) {
  MediaSectionResult out;
  if (!f.obs.media || f.obs.media->startMs < 0) return out;
  const MediaObservation& m = f.call;
  const MediaJudgement& j = f.media;
  MediaSection& s = out.section;
  out.placed = true;
  s.relayRegion = m.region;
  s.relayTarget = iceTarget(m.url);
  s.relayProtocol = relayProtocolName(m.relayProtocol);
  s.startMs = m.startMs;
  s.connectMs = m.connectMs;
  s.mediaMs = m.mediaMs;
  s.burstMs = m.burstMs;
  s.loopbackRttMs = m.rttMs;
  s.loopbackJitterMs = loopbackJitterMs(m);
  s.loopbackLossPct = j.loopbackLossPct;
  s.legRttMs = j.leg.rttMs;
  s.legJitterMs = j.leg.jitterMs;
  s.legLossPct = j.leg.lossPct;
  s.mos = j.mos;
  s.capacityKbps = m.capacityKbps;
  s.capacityAtCeiling = m.capacityAtCeiling;
  s.burstCeilingKbps = m.burstCeilingKbps;
  s.availableOutgoingKbps = m.availableOutgoingKbps;
  for (const MediaKindStats* k : {&m.audio, &m.video}) {
    if (!k->seen) continue;
    s.kinds.push_back({toString(k == &m.audio ? MediaKind::Audio : MediaKind::Video), k->sentKbps,
                       k->receivedKbps, k->jitterMs, k->packetsReceived, k->packetsLost});
  }
  const BandwidthThresholds& b = f.profile.bandwidth;
  s.bandwidth = {{toString(MediaKind::Audio), b.audioNominalKbps, b.audioLowestKbps, j.audio},
                 {toString(MediaKind::Video), b.videoNominalKbps, b.videoLowestKbps, j.video},
                 {toString(MediaKind::Screen), b.screenMaxKbps, b.screenMinKbps, j.screen}};
  s.arithmetic = msg("media.arithmetic");
  for (const std::string& p : m.statsProblems) {
    addUnique(out.notes, msg("media.stats-unreadable", {p}));
  }
  return out;
}

}  // namespace netready::diag
