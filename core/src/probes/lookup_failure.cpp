#include "probes/lookup_failure.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace netready {

namespace {

// A UDP TURN probe that fails without a reason faster than this failed its name lookup (the
// lab measured ~160 ms for NXDOMAIN; any answer-less path waits for the ICE deadline).
constexpr std::int64_t kLookupFailsWithinMs = 3000;

}  // namespace

bool dataContains(const Text& text, std::string_view what) {
  bool found = false;
  mapData(text, [&](const std::string& data) {
    found = found || data.find(what) != std::string::npos;
    return data;
  });
  return found;
}

LookupFailure lookupFailure(const IceObservation& o) {
  // Chromium reports "host lookup received error" (701) for every TURN/UDP URL whose AAAA
  // lookup is empty, even when the A record resolves (measured in the scenario lab). Only a
  // lookup error after which gathering ENDED, with no timeout, means the name did not resolve;
  // a probe still waiting at its deadline resolved the name and got no answer.
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
