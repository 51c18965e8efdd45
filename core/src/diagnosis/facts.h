// The facts diagnosis works from, built once per report from the observations (collectFacts):
// the observations themselves plus what several rows derive from them (which names did not
// resolve, whether a TLS relay works, the media judgement...). Every row is a pure function of
// the facts and returns its own notes; diagnose() assembles the notes in one place.
#pragma once

#include <string>
#include <vector>

#include "diagnosis/judge.h"
#include "netready/media_quality.h"
#include "netready/observations.h"
#include "netready/profile.h"
#include "netready/report.h"

namespace netready::diag {

// Whether a TURN/STUN probe proved the network path (relay, or any 401: the server answered),
// failed it, is still unfinished (cancelled run), or says nothing about it (bad configuration).
enum class TurnPath { Works, Fails, Pending, NotJudged };
TurnPath turnPath(const IceObservation& o);
inline bool hostLookupFailed(const IceObservation& o) {
  return lookupFailure(o) != LookupFailure::None;
}

struct Facts {
  Facts(const Profile& p, const Observations& o) : profile(p), obs(o) {}
  const Profile& profile;
  const Observations& obs;
  bool viaProxy = false;  // the host page states an HTTP proxy is configured
  Text proxy;             // "the HTTP proxy squid.corp:3128", or "the HTTP proxy"
  // Names some ICE probe (relay or direct) failed to look up; those the browser said so for.
  std::vector<std::string> unresolved;
  std::vector<std::string> unresolvedReported;
  // TURN host names a TCP/TLS probe reached (so they resolved there).
  std::vector<std::string> resolvedByStream;
  // The service's host names a name probe looked up (after a refused fetch or WebSocket): those
  // that did not resolve, and those that did.
  std::vector<std::string> namesUnresolved, namesResolved;
  bool anyTurnPathWorks = false;  // some TURN/STUN probe proved its path
  bool tlsRelayWorks = false;     // some TURN/TLS probe proved its path (media can ride 443)
  bool udpRelayWorked = false;    // some TURN/UDP probe relayed (UDP is not blocked)
  bool httpsAnswered = false;     // some HTTPS endpoint answered (Ok or Opaque)
  MediaObservation call;          // the loopback call, or one saying why none was placed
  MediaJudgement media;           // judgeMedia(call, profile), once
};

Facts collectFacts(const Profile& profile, const Observations& obs);

// HTTPS to `host` answered (Ok or Opaque).
bool httpsReached(const Observations& obs, const std::string& host);

// What a row function returns: the row and what it inferred beyond it.
struct RowResult {
  Requirement row;
  std::vector<Text> notes;
};

}  // namespace netready::diag
