// collectFacts(): what diagnosis derives from the observations, computed once per report.
#include "diagnosis/facts.h"

#include <cstdint>
#include <string>

#include "diagnosis/diagnosis_internal.h"

namespace netready::diag {

namespace {

using IceOutcome = IceObservation::Outcome;

// A UDP TURN probe that fails without a reason faster than this failed its name lookup (the
// lab measured ~160 ms for NXDOMAIN; any answer-less path waits for the ICE deadline).
constexpr std::int64_t kLookupFailsWithinMs = 3000;

// Observations without a call (a host without a media port, a hand-built test): say why.
MediaObservation callOf(const Profile& profile, const Observations& obs) {
  if (obs.media) return *obs.media;
  bool credentials = false;
  for (const TurnServer& s : profile.turn) credentials = credentials || !s.credential.empty();
  for (const IceObservation& o : obs.ice) credentials = credentials || o.hadCredentials;
  MediaObservation m;
  m.outcome = MediaObservation::Outcome::Disabled;
  m.detail =
      credentials ? "no test call was placed" : "no TURN credentials: relay media not tested";
  return m;
}

}  // namespace

TurnPath turnPath(const IceObservation& o) {
  switch (o.outcome) {
    case IceOutcome::Relay:
    case IceOutcome::Unauthorized:  // any 401, even to given credentials: the server answered
      return TurnPath::Works;
    case IceOutcome::Error:
    case IceOutcome::NoCandidate:
      return TurnPath::Fails;
    case IceOutcome::Timeout:
      return o.cancelled ? TurnPath::Pending : TurnPath::Fails;
    case IceOutcome::Failed:
    case IceOutcome::BadInput:
      break;
  }
  return TurnPath::NotJudged;
}

LookupFailure lookupFailure(const IceObservation& o) {
  // Chromium reports "host lookup received error" (701) for every TURN/UDP URL whose AAAA
  // lookup is empty, even when the A record resolves (measured in the scenario lab). Only a
  // lookup error after which gathering ENDED, with no timeout, means the name did not resolve;
  // a probe still waiting at its deadline resolved the name and got no answer.
  if (o.outcome != IceOutcome::Error || o.waitedToDeadline) return LookupFailure::None;
  if (o.errorText.find("host lookup received error") != std::string::npos)
    return LookupFailure::Reported;
  if (o.errorCode == 701 && o.errorText.empty() && o.parsed.transport == IceTransport::Udp &&
      o.elapsedMs >= 0 && o.elapsedMs < kLookupFailsWithinMs)
    return LookupFailure::Inferred;
  return LookupFailure::None;
}

bool httpsReached(const Observations& obs, const std::string& host) {
  for (const HttpsObservation& o : obs.https) {
    bool reached = o.outcome == HttpsObservation::Outcome::Ok ||
                   o.outcome == HttpsObservation::Outcome::Opaque;
    if (reached && (host.empty() || splitUrl(o.url).host == host)) return true;
  }
  return false;
}

Facts collectFacts(const Profile& profile, const Observations& obs) {
  Facts f(profile, obs);
  f.viaProxy = profile.network.proxy == NetworkHint::Proxy::Configured;
  f.proxy = proxyName(profile.network);
  for (const IceObservation& o : obs.ice) {
    const bool works = turnPath(o) == TurnPath::Works;
    const IceTransport t = o.parsed.transport;
    if (hostLookupFailed(o) && !o.parsed.host.empty()) addUnique(f.unresolved, o.parsed.host);
    if (lookupFailure(o) == LookupFailure::Reported && !o.parsed.host.empty())
      addUnique(f.unresolvedReported, o.parsed.host);
    if (o.parsed.isTurn() && t != IceTransport::Udp && works)
      addUnique(f.resolvedByStream, o.parsed.host);
    f.anyTurnPathWorks = f.anyTurnPathWorks || works;
    f.tlsRelayWorks = f.tlsRelayWorks || (o.parsed.isTurn() && t == IceTransport::Tls && works);
    f.udpRelayWorked =
        f.udpRelayWorked || (o.outcome == IceOutcome::Relay && t == IceTransport::Udp);
  }
  if (obs.direct && !obs.direct->parsed.host.empty()) {
    const LookupFailure l = lookupFailure(*obs.direct);
    if (l != LookupFailure::None) addUnique(f.unresolved, obs.direct->parsed.host);
    if (l == LookupFailure::Reported) addUnique(f.unresolvedReported, obs.direct->parsed.host);
  }
  f.httpsAnswered = httpsReached(obs, "");
  f.call = callOf(profile, obs);
  f.media = judgeMedia(f.call, profile);
  return f;
}

}  // namespace netready::diag
