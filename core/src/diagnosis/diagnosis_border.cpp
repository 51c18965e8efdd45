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
void regionDownNotes(const Facts& f, std::vector<Text>& notes) {
  if (!f.anyTurnPathWorks) return;
  for (const TurnServer& s : f.profile.turn) {
    int judged = 0, failed = 0;
    std::string host;
    for (const IceObservation& o : f.obs.ice) {
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

void borderNotes(const Facts& f, std::vector<Text>& notes) {
  const bool unknown = f.profile.network.proxy == Proxy::Unknown;
  regionDownNotes(f, notes);
  StreamTally t = tallyPaths(f.obs);
  if (t.works443 && !t.otherWorks && t.otherFails && !t.udpWorks && t.udpFails) {
    Text worked = t.tls443Works ? "TURN over TLS 443" : "TURN over TCP 443";
    notes.push_back(worked + " works but UDP and TCP " + joinList(t.otherFailPorts) +
                    " fail: consistent with " +
                    (unknown ? "a proxy-only or 443-only network — inferred; the page cannot see "
                               "whether a proxy is in use"
                             : "a firewall that allows only TCP 443 (the host page states no "
                               "HTTP proxy is in use) — inferred"));
  } else if (!t.works443 && !t.otherWorks && (t.fails443 || t.otherFails) && f.httpsAnswered) {
    notes.push_back(
        std::string("every TURN/TCP and TURN/TLS probe failed while HTTPS works: ") +
        (unknown ? "a firewall filters the TURN servers by host or port, or an HTTP proxy refuses "
                   "CONNECT to them (§6.1) — inferred; the page cannot see whether a proxy is "
                   "in use"
                 : "a firewall filters the TURN servers by host or port (§5.6) — inferred"));
  }
}

Text proxyName(const NetworkHint& network) {
  return network.proxyLabel.empty() ? "the HTTP proxy" : "the HTTP proxy " + network.proxyLabel;
}

Text udpBorderAdvice(const Facts& f, bool allUnanswered, std::vector<Text>& notes) {
  const bool tls = f.tlsRelayWorks;
  if (f.viaProxy) {
    return "With " + f.proxy +
           " configured, browsers send TURN/UDP directly, never through the proxy, and a "
           "proxy-only network usually blocks it: this failure is expected there. Media will go "
           "through the proxy over TURN/TLS 443; UDP 3478 direct is optional if TURN/TLS via the "
           "proxy works (" +
           (tls ? "it does here" : "it does not here: see proxy-turn") +
           "; §5.3 right column, §6.1).";
  }
  if (!allUnanswered) return "";
  const IceObservation* direct = f.obs.direct ? &*f.obs.direct : nullptr;
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
  Text evidence = "no TURN server answered over UDP";
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

void dnsNotes(const Facts& f, std::vector<Text>& notes) {
  for (const std::string& host : f.unresolved) {
    bool works = false;
    for (const IceObservation& o : f.obs.ice) {
      works = works || (o.parsed.host == host && turnPath(o) == TurnPath::Works);
    }
    if (!works) continue;
    const bool proxy = f.viaProxy;
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
