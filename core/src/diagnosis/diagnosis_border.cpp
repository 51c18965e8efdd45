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
      notes.push_back(msg("border.region-down", {host, s.region}));
    }
  }
}

void borderNotes(const Facts& f, std::vector<Text>& notes) {
  const bool unknown = f.profile.network.proxy == Proxy::Unknown;
  regionDownNotes(f, notes);
  StreamTally t = tallyPaths(f.obs);
  if (t.works443 && !t.otherWorks && t.otherFails && !t.udpWorks && t.udpFails) {
    const Text worked = t.tls443Works ? "TLS" : "TCP";
    notes.push_back(msg(unknown ? "border.only-443-unknown" : "border.only-443-no-proxy",
                        {worked, joinList(t.otherFailPorts)}));
  } else if (!t.works443 && !t.otherWorks && (t.fails443 || t.otherFails) && f.httpsAnswered) {
    notes.push_back(
        msg(unknown ? "border.stream-filtered-unknown" : "border.stream-filtered-no-proxy"));
  }
}

Text proxyName(const NetworkHint& network) {
  return network.proxyLabel.empty() ? msg("border.proxy")
                                    : msg("border.proxy-named", {network.proxyLabel});
}

Text udpBorderAdvice(const Facts& f, bool allUnanswered, std::vector<Text>& notes) {
  const bool tls = f.tlsRelayWorks;
  if (f.viaProxy) {
    return msg("border.udp-via-proxy",
               {f.proxy, msg(tls ? "border.proxy-tls-works-here" : "border.proxy-tls-fails-here")});
  }
  if (!allUnanswered) return {};
  const IceObservation* direct = f.obs.direct ? &*f.obs.direct : nullptr;
  bool srflx = false;
  if (direct != nullptr) {
    for (const Candidate& c : direct->candidates) srflx = srflx || c.type == CandidateType::Srflx;
  }
  if (srflx) {
    notes.push_back(msg("border.udp-leaves"));
    return {};
  }
  // Only a finished STUN probe without srflx widens the claim from "UDP 3478 to the TURN
  // servers" to "UDP".
  bool stunSilent =
      direct != nullptr && !direct->url.empty() && !direct->parsed.isTurn() && !direct->cancelled;
  const Text evidence = stunSilent ? msg("border.udp-evidence-stun", {hostPort(direct->parsed)})
                                   : msg("border.udp-evidence");
  notes.push_back(
      msg(stunSilent ? "border.udp-blocked-note" : "border.udp-3478-blocked-note", {evidence}));
  Text advice =
      msg(stunSilent ? "border.udp-blocked-advice" : "border.udp-3478-blocked-advice", {evidence});
  if (tls) advice += " " + msg("border.tls-fallback");
  return advice;
}

void dnsNotes(const Facts& f, std::vector<Text>& notes) {
  for (const std::string& host : f.unresolved) {
    bool works = false;
    for (const IceObservation& o : f.obs.ice) {
      works = works || (o.parsed.host == host && turnPath(o) == TurnPath::Works);
    }
    if (!works) continue;
    const bool proxy = f.viaProxy;
    addUnique(notes, msg(proxy ? "border.dns-udp-only-proxy" : "border.dns-udp-only", {host}));
  }
}

}  // namespace netready::diag
