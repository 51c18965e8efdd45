// Border elements (DNS, firewall, HTTP proxy, §5.6): evidence helpers every row shares, and the
// inferences the page can only draw, never see: each note or advice names its evidence.
#include <string>
#include <vector>

#include "diagnosis/diagnosis_internal.h"
#include "netready/candidate.h"

namespace netready::diag {

namespace {

using IceOutcome = IceObservation::Outcome;
using Proxy = NetworkHint::Proxy;

// TURN over TCP/TLS by port: 443 is what proxies and 443-only firewalls let through.
struct StreamTally {
  bool udpWorks = false, udpFails = false;
  bool tls443Works = false, works443 = false, fails443 = false;
  bool otherWorks = false, otherFails = false;
  std::vector<std::string> otherFailPorts;
};

StreamTally tallyPaths(const Observations& obs) {
  StreamTally t;
  for (const IceObservation& o : obs.ice) {
    if (!o.parsed.isTurn()) continue;
    TurnPath path = turnPath(o);
    bool works = path == TurnPath::Works, fails = path == TurnPath::Fails;
    if (o.parsed.transport == IceTransport::Udp) {
      t.udpWorks = t.udpWorks || works;
      t.udpFails = t.udpFails || fails;
    } else if (o.parsed.port == 443) {
      t.works443 = t.works443 || works;
      t.fails443 = t.fails443 || fails;
      t.tls443Works = t.tls443Works || (works && o.parsed.transport == IceTransport::Tls);
    } else {
      t.otherWorks = t.otherWorks || works;
      t.otherFails = t.otherFails || fails;
      if (fails) addUnique(t.otherFailPorts, std::to_string(o.parsed.port));
    }
  }
  return t;
}

}  // namespace

// A region failing on every transport while another region relays on the same transports
// points at that server (down, or its address blocked as a whole), not at a port rule.
void regionDownNotes(const Profile& profile, const Observations& obs,
                     std::vector<std::string>& notes) {
  bool someRegionWorks = false;
  for (const IceObservation& o : obs.ice)
    someRegionWorks = someRegionWorks || turnPath(o) == TurnPath::Works;
  if (!someRegionWorks) return;
  for (const TurnServer& s : profile.turn) {
    int judged = 0, failed = 0;
    std::string host;
    for (const IceObservation& o : obs.ice) {
      if (o.region != s.region) continue;
      TurnPath p = turnPath(o);
      if (p == TurnPath::NotJudged || p == TurnPath::Pending) continue;
      ++judged;
      failed += p == TurnPath::Fails ? 1 : 0;
      host = o.parsed.host;
    }
    if (judged >= 2 && failed == judged) {
      notes.push_back("every transport to " + host + " (" + s.region +
                      ") failed while other regions relay: the server may be down or its "
                      "address blocked as a whole; check that region's status before changing "
                      "port rules — inferred");
    }
  }
}

void borderNotes(const Profile& profile, const Observations& obs, std::vector<std::string>& notes) {
  const bool unknown = profile.network.proxy == Proxy::Unknown;
  regionDownNotes(profile, obs, notes);
  StreamTally t = tallyPaths(obs);
  if (t.works443 && !t.otherWorks && t.otherFails && !t.udpWorks && t.udpFails) {
    std::string worked = t.tls443Works ? "TURN over TLS 443" : "TURN over TCP 443";
    notes.push_back(worked + " works but UDP and TCP " + joinList(t.otherFailPorts) +
                    " fail: consistent with " +
                    (unknown ? "a proxy-only or 443-only network — inferred; the page cannot see "
                               "whether a proxy is in use"
                             : "a firewall that allows only TCP 443 (the host page states no "
                               "HTTP proxy is in use) — inferred"));
  } else if (!t.works443 && !t.otherWorks && (t.fails443 || t.otherFails) &&
             httpsReached(obs, "")) {
    notes.push_back(
        std::string("every TURN/TCP and TURN/TLS probe failed while HTTPS works: ") +
        (unknown ? "a firewall filters the TURN servers by host or port, or an HTTP proxy refuses "
                   "CONNECT to them (§6.1) — inferred; the page cannot see whether a proxy is "
                   "in use"
                 : "a firewall filters the TURN servers by host or port (§5.6) — inferred"));
  }
}

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

bool hostLookupFailed(const IceObservation& o) {
  bool answered = o.outcome == IceOutcome::Relay || o.outcome == IceOutcome::Unauthorized;
  // Chromium reports "host lookup received error" (701) for every TURN/UDP URL whose AAAA
  // lookup is empty, even when the A record resolves (measured in the scenario lab). Only a
  // lookup error after which gathering ENDED, with no timeout, means the name did not resolve;
  // a probe still waiting at its deadline resolved the name and got no answer.
  return !answered && !o.waitedToDeadline && o.outcome == IceOutcome::Error &&
         o.errorText.find("host lookup received error") != std::string::npos;
}

std::vector<std::string> unresolvedHosts(const Observations& obs) {
  std::vector<std::string> hosts;
  for (const IceObservation& o : obs.ice) {
    if (hostLookupFailed(o) && !o.parsed.host.empty()) addUnique(hosts, o.parsed.host);
  }
  if (obs.direct && hostLookupFailed(*obs.direct) && !obs.direct->parsed.host.empty()) {
    addUnique(hosts, obs.direct->parsed.host);
  }
  return hosts;
}

bool httpsReached(const Observations& obs, const std::string& host) {
  for (const HttpsObservation& o : obs.https) {
    bool reached = o.outcome == HttpsObservation::Outcome::Ok ||
                   o.outcome == HttpsObservation::Outcome::Opaque;
    if (reached && (host.empty() || splitUrl(o.url).host == host)) return true;
  }
  return false;
}

std::string proxyName(const NetworkHint& network) {
  return network.proxyLabel.empty() ? "the HTTP proxy" : "the HTTP proxy " + network.proxyLabel;
}

bool tlsRelayWorks(const Observations& obs) {
  for (const IceObservation& o : obs.ice) {
    if (o.parsed.isTurn() && o.parsed.transport == IceTransport::Tls &&
        turnPath(o) == TurnPath::Works) {
      return true;
    }
  }
  return false;
}

std::string udpBorderAdvice(const Profile& profile, const Observations& obs, bool allUnanswered,
                            std::vector<std::string>& notes) {
  const bool tls = tlsRelayWorks(obs);
  if (profile.network.proxy == Proxy::Configured) {
    return "With " + proxyName(profile.network) +
           " configured, browsers send TURN/UDP directly, never through the proxy, and a "
           "proxy-only network usually blocks it: this failure is expected there. Media will go "
           "through the proxy over TURN/TLS 443; UDP 3478 direct is optional if TURN/TLS via the "
           "proxy works (" +
           (tls ? "it does here" : "it does not here: see proxy-turn") +
           "; §5.3 right column, §6.1).";
  }
  if (!allUnanswered) return "";
  const IceObservation* direct = obs.direct ? &*obs.direct : nullptr;
  bool srflx = false;
  if (direct != nullptr) {
    for (const Candidate& c : direct->candidates) srflx = srflx || c.type == CandidateType::Srflx;
  }
  if (srflx) {
    notes.push_back(
        "inferred: no TURN server answered over UDP, yet the direct STUN probe got a srflx "
        "candidate: UDP leaves this network, so this is not a plain UDP block (TURN/UDP filtered "
        "by host or port, or the servers are down)");
    return "";
  }
  // Only a finished STUN probe without srflx widens the claim from "UDP 3478 to the TURN
  // servers" to "UDP".
  bool stunSilent =
      direct != nullptr && !direct->url.empty() && !direct->parsed.isTurn() && !direct->cancelled;
  std::string evidence = "no TURN server answered over UDP";
  if (stunSilent) {
    evidence +=
        " and the direct STUN probe to " + hostPort(direct->parsed) + " got no srflx candidate";
  }
  const std::string what = stunSilent ? "UDP looks blocked at the border (firewall)"
                                      : "UDP 3478 to the TURN servers looks blocked";
  notes.push_back("inferred: " + what + ": " + evidence);
  return what + ": " + evidence + " (inferred)." +
         (tls ? " If opening it is not wanted, calls can rely on TURN/TLS 443, which works here."
              : "");
}

void dnsNotes(const Profile& profile, const Observations& obs, std::vector<std::string>& notes) {
  for (const std::string& host : unresolvedHosts(obs)) {
    bool works = false;
    for (const IceObservation& o : obs.ice) {
      works = works || (o.parsed.host == host && turnPath(o) == TurnPath::Works);
    }
    if (!works) continue;
    const bool proxy = profile.network.proxy == Proxy::Configured;
    addUnique(notes, "the name " + host +
                         " did not resolve for TURN/UDP, yet TURN over TCP/TLS to it worked: " +
                         (proxy ? "the HTTP proxy resolves names for CONNECT, while direct UDP "
                                  "needs this device's DNS (§5.6) — inferred"
                                : "the browser resolves UDP TURN names on its own (a proxy or "
                                  "another resolver may serve the rest); direct UDP needs this "
                                  "device's DNS (§5.6) — inferred"));
  }
}

}  // namespace netready::diag
