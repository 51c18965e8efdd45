#include "diagnosis/judge.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace netready {

namespace {

// A UDP TURN probe that fails without a reason faster than this failed its name lookup (the
// lab measured ~160 ms for NXDOMAIN; any answer-less path waits for the ICE deadline).
constexpr std::int64_t kLookupFailsWithinMs = 3000;

// Whether the browser's words (the data parts of `text`) hold `what`; our messages never do.
bool dataContains(const Text& text, std::string_view what) {
  bool found = false;
  mapData(text, [&](const std::string& data) {
    found = found || data.find(what) != std::string::npos;
    return data;
  });
  return found;
}

}  // namespace

Status judge(const HttpsObservation& o) {
  using O = HttpsObservation::Outcome;
  if (o.cancelled) return Status::Skipped;
  return o.outcome == O::Ok || o.outcome == O::Opaque ? Status::Pass : Status::Fail;
}

Status judge(const XmppObservation& o) {
  if (o.cancelled) return Status::Skipped;
  return o.outcome == XmppObservation::Outcome::Ok ? Status::Pass : Status::Fail;
}

Status judgeRelay(const IceObservation& o) {
  using O = IceObservation::Outcome;
  if (o.cancelled) return Status::Skipped;
  if (o.outcome == O::Relay) return Status::Pass;
  if (o.outcome == O::Unauthorized) return o.hadCredentials ? Status::Warn : Status::Pass;
  return Status::Fail;
}

Status judgeName(const IceObservation& o) {
  using O = IceObservation::Outcome;
  if (o.cancelled || o.outcome == O::Failed || o.outcome == O::BadInput) return Status::Skipped;
  return lookupFailure(o) == LookupFailure::None ? Status::Pass : Status::Fail;
}

LookupFailure lookupFailure(const IceObservation& o) {
  // Chromium reports "host lookup received error" (701) for every TURN/UDP URL whose AAAA
  // lookup is empty, even when the A record resolves (measured in the scenario lab). Only a
  // lookup error after which gathering ENDED, with no timeout, means the name did not resolve;
  // a probe still waiting at its deadline resolved the name and got no answer.
  // Gathering ended after the error: Error for a relay probe, NoCandidate for a direct or name
  // probe (judged by its candidates).
  const bool ended = o.outcome == IceObservation::Outcome::Error ||
                     o.outcome == IceObservation::Outcome::NoCandidate;
  if (!ended || o.waitedToDeadline) return LookupFailure::None;
  if (dataContains(o.errorText, "host lookup received error")) return LookupFailure::Reported;
  if (o.errorCode == 701 && o.errorText.empty() && o.parsed.transport == IceTransport::Udp &&
      o.elapsedMs >= 0 && o.elapsedMs < kLookupFailsWithinMs)
    return LookupFailure::Inferred;
  return LookupFailure::None;
}

}  // namespace netready
