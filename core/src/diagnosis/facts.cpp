// collectFacts(): what diagnosis derives from the observations, computed once per report.
#include "diagnosis/facts.h"

#include <cstdint>
#include <string>

#include "diagnosis/diagnosis_internal.h"

namespace netready::diag {

namespace {

using IceOutcome = IceObservation::Outcome;

// Observations without a call (a host without a media port, a hand-built test): say why.
MediaObservation callOf(const Profile& profile, const Observations& obs) {
  if (obs.media) return *obs.media;
  bool credentials = false;
  for (const TurnServer& s : profile.turn) credentials = credentials || !s.credential.empty();
  for (const IceObservation& o : obs.ice) credentials = credentials || o.hadCredentials;
  MediaObservation m;
  m.outcome = MediaObservation::Outcome::Disabled;
  m.detail = msg(credentials ? "run.no-call-placed" : "run.no-credentials");
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
  for (const IceObservation& o : obs.names) {
    if (o.parsed.host.empty()) continue;
    const Status s = judgeName(o);
    if (s == Status::Fail) addUnique(f.namesUnresolved, o.parsed.host);
    if (s == Status::Pass) addUnique(f.namesResolved, o.parsed.host);
  }
  f.httpsAnswered = httpsReached(obs, "");
  f.call = callOf(profile, obs);
  f.media = judgeMedia(f.call, profile);
  return f;
}

}  // namespace netready::diag
