// The silence rule: deadlines from evidence, not a constant. The runner ends a relay or direct
// probe still silent at silenceBoundMs() of the slowest answer the run has seen.
//
// A server that answers has shown what this network's round trips cost: a TURN answer over TLS
// is TCP (1 RTT) + TLS (1-2) + Allocate 401 (1) + Allocate (1) = 4-5 RTT, an HTTPS answer 3-4
// RTT, so a probe still silent at kAnswerMultiple times the slowest answer seen has lost its
// path, not a race. The floor covers what loss costs without changing the RTT: STUN over UDP
// retransmits at 250, 750 and 1750 ms (RFC 5389 §7.2.1, RTO 250 ms in browsers), so at 2000 ms
// three requests or answers in a row were lost (5 % loss each way: 0.0975^3 = 9e-4 per probe);
// a TCP SYN lost once is retried at 1 s and still answers under 2 s on a fast network, and on
// a slow one the slower answers raise the bound with it (300 ms RTT: TLS answers at ~1.5 s,
// bound 4.5 s). Until some server answers, only the probes' own deadline (timeouts.ice_ms)
// applies: that is the hard upper bound, always.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "netready/observations.h"
#include "netready/text.h"

namespace netready {

inline constexpr std::int64_t kSilenceFloorMs = 2000;
inline constexpr std::int64_t kAnswerMultiple = 3;

inline std::int64_t silenceBoundMs(std::int64_t slowestAnswerMs) {
  return std::max(kSilenceFloorMs, kAnswerMultiple * slowestAnswerMs);
}

// The arithmetic, for the evidence of a probe the rule ended.
inline Text silenceRuleText(std::int64_t slowestAnswerMs) {
  return msg("run.silence-rule",
             {std::to_string(kSilenceFloorMs) + " ms", std::to_string(kAnswerMultiple),
              std::to_string(slowestAnswerMs) + " ms",
              std::to_string(silenceBoundMs(slowestAnswerMs)) + " ms"});
}

// What counts as an answer: the server was reached and spoke (a 401 is an answer too).
inline bool answeredInTime(const HttpsObservation& o) {
  return o.outcome == HttpsObservation::Outcome::Ok ||
         o.outcome == HttpsObservation::Outcome::Opaque;
}
inline bool answeredInTime(const IceObservation& o) {
  return o.outcome == IceObservation::Outcome::Relay ||
         o.outcome == IceObservation::Outcome::Unauthorized;
}

}  // namespace netready
