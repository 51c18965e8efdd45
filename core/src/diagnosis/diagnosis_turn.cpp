// TURN rows (`turn-udp`, `turn-tcp`, `turn-tls`): each server x URL judged by its own relay
// candidate, never by "some candidate arrived".
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "diagnosis/diagnosis_internal.h"
#include "diagnosis/judge.h"
#include "netready/candidate.h"

namespace netready::diag {

namespace {

using IceOutcome = IceObservation::Outcome;

// Chromium and Firefox report "nothing listening" on TCP/TLS as 701 within ~130 ms; a silent drop
// gives no event at all (Chromium) or 701 after ~13 s (Firefox), as measured in the lab (README,
// "What browsers report for TURN errors").
constexpr std::int64_t kRefusedWithinMs = 3000;

enum class Kind { Relay, Reachable, CredentialsRefused, Failed, Pending };

struct Tally {
  std::vector<std::string> relayRegions, reachableRegions, refusedRegions, badConfigRegions;
  std::vector<std::pair<std::string, int>> failed;                      // region, port
  std::vector<std::pair<int, std::vector<std::string>>> blockedByPort;  // advice: what to open
  std::vector<std::string> dropped, refused, tlsRefused, credentialHosts, badConfig;
  std::vector<std::string> unresolved;        // input: names some probe failed to look up
  std::vector<std::string> reported;          // input: of those, names the browser said so for
  std::vector<std::string> resolvedByStream;  // input: of those, names a TCP/TLS probe reached
  std::vector<std::string> dnsHosts;          // failures explained by DNS, not the firewall
  int pending = 0;
  int unanswered = 0;     // UDP failures without any answer (timeout, 701), DNS aside
  bool viaProxy = false;  // TCP/TLS go through a configured proxy, which resolves names itself
  Text proxy;             // its name for advice, when viaProxy
};

void addHost(Tally& t, const IceUrl& u) {
  for (auto& [port, hosts] : t.blockedByPort) {
    if (port == u.port) return addUnique(hosts, u.host);
  }
  t.blockedByPort.push_back({u.port, {u.host}});
}

const char* upper(IceTransport t) {
  return t == IceTransport::Udp ? "UDP" : t == IceTransport::Tcp ? "TCP" : "TLS";
}

Text relayDetail(const IceObservation& o) {
  for (const Candidate& c : o.candidates) {
    if (c.type != CandidateType::Relay) continue;
    const std::string address = c.address + ":" + std::to_string(c.port);
    // Observations may come from any host: only the three names reach the report.
    const std::string protocol = relayProtocolName(o.relayProtocol);
    if (protocol.empty()) return msg("turn.relay-detail", {address, c.protocol});
    return msg("turn.relay-detail-protocol", {address, c.protocol, protocol});
  }
  return {};
}

// Judges one server x URL; fills the evidence and the tally used by summary and advice.
Kind judgeServer(const IceObservation& o, Evidence& e, Tally& t) {
  const IceUrl& u = o.parsed;
  bool stream = u.transport != IceTransport::Udp;
  std::string host = hostPort(u);
  // A lookup error on one transport explains the others' bare failures for the same name.
  // Not for TCP/TLS when one of them reached the name (it resolved there) or a proxy resolves.
  bool dns =
      has(t.unresolved, u.host) && !(stream && (t.viaProxy || has(t.resolvedByStream, u.host)));
  e.elapsedMs = o.elapsedMs;
  e.status = judgeRelay(o);
  switch (o.outcome) {
    case IceOutcome::Relay:
      e.outcome = msg("turn.relay-in", {ms(o.elapsedMs)});
      e.detail = relayDetail(o);
      addUnique(t.relayRegions, o.region);
      return Kind::Relay;
    case IceOutcome::Unauthorized:
      if (!o.hadCredentials) {
        // A 401 proves the server speaks TURN on this transport; relaying stays untested.
        e.outcome = msg("turn.unauthorized-no-credentials", {"401 Unauthorized", ms(o.elapsedMs)});
        e.detail = msg("turn.no-credentials-detail");
        addUnique(t.reachableRegions, o.region);
        return Kind::Reachable;
      }
      e.outcome = msg("turn.unauthorized-refused", {"401 Unauthorized", ms(o.elapsedMs)});
      addUnique(t.credentialHosts, host);
      addUnique(t.refusedRegions, o.region);
      return Kind::CredentialsRefused;
    case IceOutcome::Error:
      e.outcome = o.errorText.empty()
                      ? msg("turn.error-in", {std::to_string(o.errorCode), ms(o.elapsedMs)})
                      : msg("turn.error-in-text", {std::to_string(o.errorCode), ms(o.elapsedMs),
                                                   clipData(o.errorText, 80)});
      if (dns) {
        // Explained below.
      } else if (o.errorCode == 701 && stream && o.elapsedMs < kRefusedWithinMs) {
        // Over TLS the browser reports a failed handshake (a certificate for another name,
        // TLS inspection it does not trust) with the same 701 as a refused connection.
        e.detail = t.viaProxy ? msg("turn.refused-via-proxy", {t.proxy}) : msg("turn.refused");
        if (u.transport == IceTransport::Tls) {
          e.detail += msg("turn.or-tls-handshake");
          addUnique(t.tlsRefused, host);
        }
        addUnique(t.refused, host);
      } else if (o.errorCode == 701 && stream) {
        e.detail = msg("turn.dropped-before-give-up");
        addUnique(t.dropped, host);
      } else if (o.errorCode == 701) {
        e.detail = msg("turn.no-answer-udp");
      }
      break;
    case IceOutcome::NoCandidate:
      e.outcome = msg("turn.no-candidate", {ms(o.elapsedMs)});
      break;
    case IceOutcome::Timeout:
      if (o.cancelled) {
        e.outcome = msg("turn.cancelled-after", {ms(o.elapsedMs)});
        ++t.pending;
        return Kind::Pending;
      }
      // The silence rule's arithmetic comes with the observation (silenceRuleText, a message).
      e.outcome = o.silenceRule.empty() ? msg("turn.timed-out", {ms(o.elapsedMs)})
                                        : msg("turn.silent", {ms(o.elapsedMs), o.silenceRule});
      if (stream && !dns) {
        e.detail = msg("turn.dropped-no-answer");
        addUnique(t.dropped, host);
      }
      break;
    case IceOutcome::Failed:
    case IceOutcome::BadInput:
      e.outcome =
          o.outcome == IceOutcome::Failed ? msg("turn.bad-ice-configuration") : msg("turn.bad-url");
      e.detail = clipData(o.errorText);
      addUnique(t.badConfig, o.url);
      addUnique(t.badConfigRegions, o.region);
      return Kind::Failed;
  }
  if (dns) {
    switch (lookupFailure(o)) {
      case LookupFailure::Reported:
        e.detail = msg("turn.dns", {u.host});
        break;
      case LookupFailure::Inferred:
        e.detail = msg("turn.dns-inferred-fast", {u.host});
        break;
      case LookupFailure::None:
        e.detail = msg("turn.dns-inferred-other", {u.host});
        break;
    }
    addUnique(t.dnsHosts, u.host);
    t.failed.push_back({o.region, u.port});
    return Kind::Failed;
  }
  bool silent = o.outcome == IceOutcome::Timeout || o.errorCode == 701;
  t.unanswered += (!stream && silent) ? 1 : 0;
  addHost(t, u);
  t.failed.push_back({o.region, u.port});
  return Kind::Failed;
}

// Region names for the summary; the port is added where the region also works on another
// port of this transport or fails on several, so "unreachable" never overstates.
std::vector<Text> failedNames(const Tally& t) {
  std::vector<Text> names;
  for (const auto& [region, port] : t.failed) {
    int ports = 0;
    for (const auto& f : t.failed) ports += f.first == region && f.second != port ? 1 : 0;
    bool works =
        std::find(t.relayRegions.begin(), t.relayRegions.end(), region) != t.relayRegions.end() ||
        std::find(t.reachableRegions.begin(), t.reachableRegions.end(), region) !=
            t.reachableRegions.end();
    addUnique(names, (works || ports > 0) ? msg("turn.region-port", {region, std::to_string(port)})
                                          : Text(region));
  }
  return names;
}

Text openAdvice(IceTransport transport, int port, const Text& hosts) {
  std::string p = std::to_string(port);
  switch (transport) {
    case IceTransport::Udp:
      return msg("turn.advice-open-udp", {p, hosts});
    case IceTransport::Tcp:
      return msg("turn.advice-open-tcp", {p, hosts});
    case IceTransport::Tls:
      break;
  }
  return msg("turn.advice-open-tls", {p, hosts});
}

Text adviceFor(IceTransport transport, const Tally& t) {
  Text a;
  if (!t.dnsHosts.empty()) {
    bool many = t.dnsHosts.size() > 1;
    bool reported = true;
    for (const std::string& h : t.dnsHosts)
      reported = reported && std::find(t.reported.begin(), t.reported.end(), h) != t.reported.end();
    Text why = reported ? msg("turn.dns-reported") : msg("turn.dns-inferred");
    a += msg(many ? "turn.advice-dns-many" : "turn.advice-dns-one", {joinList(t.dnsHosts), why}) +
         " ";
  }
  for (const auto& [port, hosts] : t.blockedByPort) {
    // Behind a configured proxy TCP/TLS leave only through it: the proxy is what to change.
    a += (t.viaProxy && transport != IceTransport::Udp)
             ? msg("turn.advice-proxy-connect", {joinList(hosts), std::to_string(port), t.proxy}) +
                   " "
             : openAdvice(transport, port, joinList(hosts)) + " ";
  }
  if (!t.dropped.empty()) {
    a += msg("turn.advice-dropped", {joinList(t.dropped)}) + " ";
  }
  if (!t.refused.empty()) {
    a += msg(t.viaProxy ? "turn.advice-refused-via-proxy" : "turn.advice-refused",
             {joinList(t.refused)}) +
         " ";
  }
  if (!t.tlsRefused.empty()) {
    a += msg("turn.advice-tls-handshake", {joinList(t.tlsRefused)}) + " ";
  }
  if (!t.credentialHosts.empty()) {
    a += msg("turn.advice-credentials", {joinList(t.credentialHosts)}) + " ";
  }
  if (!t.badConfig.empty()) a += msg("turn.advice-bad-url", {joinList(t.badConfig)}) + " ";
  return trimmedEnd(a);
}

}  // namespace

RowResult turnRow(IceTransport transport, const Facts& f) {
  const RowId id = transport == IceTransport::Udp   ? RowId::TurnUdp
                   : transport == IceTransport::Tcp ? RowId::TurnTcp
                                                    : RowId::TurnTls;
  RowResult out{makeRow(id), {}};
  Requirement& row = out.row;
  std::vector<Text>& notes = out.notes;
  const Observations& obs = f.obs;
  const std::string label = std::string("TURN/") + upper(transport);
  Tally t;
  t.unresolved = f.unresolved;
  t.reported = f.unresolvedReported;
  t.resolvedByStream = f.resolvedByStream;
  t.viaProxy = f.viaProxy;
  t.proxy = f.proxy;
  int reached = 0, failed = 0, refused401 = 0;
  for (const IceObservation& o : obs.ice) {
    if (!o.parsed.isTurn() || o.parsed.transport != transport) continue;
    Evidence e;
    e.target = hostPort(o.parsed) + " " + transportLabel(o.parsed) + " (" + o.region + ")";
    Kind k = judgeServer(o, e, t);
    // A failed lookup or connection tried again (ice_probe.cpp): whatever came next, IT should
    // know the first attempt failed.
    if (!o.retried.empty()) e.detail = e.detail.empty() ? o.retried : e.detail + "; " + o.retried;
    reached += (k == Kind::Relay || k == Kind::Reachable) ? 1 : 0;
    failed += k == Kind::Failed ? 1 : 0;
    refused401 += k == Kind::CredentialsRefused ? 1 : 0;
    row.evidence.push_back(std::move(e));
  }
  // Profile URLs with no observation: unfinished, so the row cannot claim pass.
  for (const TurnServer& s : f.profile.turn) {
    for (const std::string& url : s.urls) {
      Result<IceUrl> u = parseIceUrl(url);
      if (!u || !u->isTurn() || u->transport != transport) continue;
      bool seen = false;
      for (const IceObservation& o : obs.ice) seen = seen || (o.region == s.region && o.url == url);
      if (seen) continue;
      Text why = obs.cancelled ? msg("turn.no-result-cancelled") : msg("turn.no-result-silent");
      row.evidence.push_back({hostPort(*u) + " " + transportLabel(*u) + " (" + s.region + ")", why,
                              Status::Skipped, -1, ""});
      ++t.pending;
    }
  }

  if (row.evidence.empty()) {
    row.summary = msg("turn.not-checked", {label});
    return out;
  }
  if (transport == IceTransport::Udp) dnsNotes(f, notes);
  if (!t.reachableRegions.empty()) {
    addUnique(notes, msg("turn.note-401-no-credentials"));
  }
  const Text on = upper(transport);
  Text unfinishedText =
      t.pending > 0 ? msg("turn.unfinished", {std::to_string(t.pending)}) : Text();
  if (failed + refused401 == 0 && t.pending == 0) {
    row.status = Status::Pass;
    if (t.reachableRegions.empty()) {
      row.summary = msg("turn.pass", {joinList(t.relayRegions)});
    } else {
      row.summary = msg("turn.pass-401");
      if (!t.relayRegions.empty())
        row.summary += msg("turn.pass-401-relay", {joinList(t.relayRegions)});
    }
  } else if (failed == 0 && refused401 > 0) {
    // The path is open (every server that answered, answered); only the check's credentials
    // were refused: not the network's failure, and not a pass either (relaying is untested).
    row.status = Status::Warn;
    row.summary = msg("turn.warn-credentials", {joinList(t.refusedRegions), on}) + unfinishedText;
    row.advice = adviceFor(transport, t);
  } else if (failed + refused401 == 0) {
    row.summary = reached == 0 ? msg("turn.no-result", {std::to_string(t.pending)})
                               : msg("turn.incomplete", {std::to_string(reached)}) + unfinishedText;
  } else {
    // Each server x transport is judged on its own: a client sent to the failing region cannot
    // use this transport, so one failing server fails the row (the verdict stays degraded
    // while other rows or regions still relay).
    row.status = Status::Fail;
    std::vector<Text> parts;
    std::vector<Text> names = failedNames(t);
    if (!names.empty()) {
      bool none = reached == 0 && t.refusedRegions.empty() && t.badConfigRegions.empty();
      parts.push_back(msg(none               ? "turn.fail-none"
                          : names.size() > 1 ? "turn.fail-regions"
                                             : "turn.fail-region",
                          {joinList(names), on}));
    }
    if (!t.refusedRegions.empty()) {
      parts.push_back(msg("turn.fail-credentials", {joinList(t.refusedRegions), on}));
    }
    if (!t.badConfigRegions.empty()) {
      parts.push_back(msg("turn.fail-bad-configuration", {joinList(t.badConfigRegions)}));
    }
    if (!t.dnsHosts.empty()) {
      parts.push_back(msg(t.dnsHosts.size() > 1 ? "turn.fail-dns-many" : "turn.fail-dns-one",
                          {joinList(t.dnsHosts)}));
    }
    Text summary;
    for (const Text& part : parts) summary += (summary.empty() ? Text() : msg("turn.sep")) + part;
    row.summary = summary + unfinishedText;
    row.advice = adviceFor(transport, t);
    if (transport == IceTransport::Udp) {
      bool allUnanswered = reached == 0 && refused401 == 0 && failed == t.unanswered;
      Text more = udpBorderAdvice(f, allUnanswered, notes);
      if (!more.empty()) row.advice += (row.advice.empty() ? "" : " ") + more;
    }
    if (!t.dropped.empty()) {
      addUnique(notes, msg("turn.note-dropped", {joinList(t.dropped), label}));
    }
  }
  return out;
}

}  // namespace netready::diag
