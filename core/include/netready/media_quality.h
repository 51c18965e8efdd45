// Call quality from the loopback call's figures: what one real call leg sees, the MOS, and the
// §5.5.1 bandwidth table. Pure functions; the arithmetic is stated here and in the README.
//
// Path arithmetic. The loopback call goes from the page up the access link to the TURN relay and
// back down to the same page: every media packet crosses the access link twice, and an RTCP round
// trip four times. One real call leg (this client <-> the relay) crosses it once each way, so:
//   loss:   loopback loss L = 1 - (1-p)^2 for a per-crossing loss p  =>  p = 1 - sqrt(1 - L)
//   RTT:    loopback RTT = 2 x the leg's RTT (four crossings vs two)  =>  leg RTT = RTT / 2
//   jitter: two independent crossings add variances                  =>  leg jitter = J / sqrt 2
//   rate:   the burst goes up and comes down at once, so it measures the slower direction.
#pragma once

#include "netready/observations.h"
#include "netready/profile.h"
#include "netready/report.h"
#include "netready/text.h"

namespace netready {

struct CallLeg {
  double lossPct = -1;  // -1: not measured
  double rttMs = -1;
  double jitterMs = -1;
};

// Loss over the loopback (per cent): RTP packets of every kind in the media phase, pooled with the
// burst's unordered, never-retransmitted messages when the burst was not link-limited (then a
// missing message is path loss, not our own congestion). -1 when nothing was counted.
double loopbackLossPct(const MediaObservation& m);
// Loopback jitter: audio's (what the MOS is about), else video's; -1 when neither.
double loopbackJitterMs(const MediaObservation& m);
// The loopback figures converted to one call leg (see above).
CallLeg callLeg(const MediaObservation& m);

// Simplified ITU-T G.107 E-model, the form Twilio's call-quality code uses (twilio-voice.js
// `lib/twilio/statsMonitor`/`mos` and the Video preflight): effective latency
// Le = RTT + 2*jitter + 10 ms; R = 94.768 - Le/40 for Le < 160, else 94.768 - (Le-120)/10;
// R -= 2.5 * loss%; R clamped to [0, 100]; MOS = 1 + 0.035 R + 7e-6 R (R - 60)(100 - R), at least
// 1. 94.768 is G.107's R0 with its default values. Inputs in ms and per cent (not seconds, not
// fractions: Twilio's Video preflight once mixed those up).
double meanOpinionScore(double rttMs, double jitterMs, double lossPct);
double rFactor(double rttMs, double jitterMs, double lossPct);

// §5.5.1: pass at or above nominal, warn between lowest and nominal, fail below lowest.
Status judgeRate(double measuredKbps, int nominalKbps, int lowestKbps);

// The one judgement of the loopback call, used by progress and by the report alike.
struct MediaJudgement {
  Status media = Status::Skipped;      // the `media` row
  Status bandwidth = Status::Skipped;  // the `bandwidth` row: worst of the three kinds
  Status audio = Status::Skipped;      // capacity against §5.5.1, per kind
  Status video = Status::Skipped;
  Status screen = Status::Skipped;
  CallLeg leg;
  double loopbackLossPct = -1;
  double mos = -1;  // of one call leg; -1 when RTT was not measured
  bool connected = false;
  Text why;  // skipped/fail: the reason in plain words for IT (catalog messages, probe words as
             // data)
};
MediaJudgement judgeMedia(const MediaObservation& m, const Profile& profile);

}  // namespace netready
