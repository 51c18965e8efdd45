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
    std::string d = "relay " + c.address + ":" + std::to_string(c.port) + " " + c.protocol;
    // Observations may come from any host: only the three names reach the report.
    const std::string protocol = relayProtocolName(o.relayProtocol);
    if (!protocol.empty()) d += " (client to server: " + protocol + ")";
    return d;
  }
  return "";
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
      e.outcome = "relay candidate in " + ms(o.elapsedMs);
      e.detail = relayDetail(o);
      addUnique(t.relayRegions, o.region);
      return Kind::Relay;
    case IceOutcome::Unauthorized:
      e.outcome = "401 Unauthorized in " + ms(o.elapsedMs);
      if (!o.hadCredentials) {
        // A 401 proves the server speaks TURN on this transport; relaying stays untested.
        e.outcome += ": reachable, no valid credentials";
        e.detail = "no credentials given: relay not tested";
        addUnique(t.reachableRegions, o.region);
        return Kind::Reachable;
      }
      e.outcome += ": credentials refused";
      addUnique(t.credentialHosts, host);
      addUnique(t.refusedRegions, o.region);
      return Kind::CredentialsRefused;
    case IceOutcome::Error:
      e.outcome = "error " + std::to_string(o.errorCode) + " in " + ms(o.elapsedMs);
      if (!o.errorText.empty()) e.outcome += " (\"" + clip(o.errorText, 80) + "\")";
      if (dns) {
        // Explained below.
      } else if (o.errorCode == 701 && stream && o.elapsedMs < kRefusedWithinMs) {
        // Over TLS the browser reports a failed handshake (a certificate for another name,
        // TLS inspection it does not trust) with the same 701 as a refused connection.
        e.detail = t.viaProxy
                       ? "refused or reset through " + t.proxy +
                             ": its CONNECT rules, or nothing listening behind it (inferred)"
                       : "connection refused or reset (firewall REJECT or nothing listening)";
        if (u.transport == IceTransport::Tls) {
          e.detail +=
              ", or the TLS handshake failed (a certificate for another name, or TLS "
              "inspection the browser does not trust): the browser reports them alike";
          addUnique(t.tlsRefused, host);
        }
        addUnique(t.refused, host);
      } else if (o.errorCode == 701 && stream) {
        e.detail =
            "no answer before the browser gave up: silently dropped (firewall DROP rule "
            "or blackhole), inferred";
        addUnique(t.dropped, host);
      } else if (o.errorCode == 701) {
        e.detail = "no answer over UDP (UDP blocked or server down)";
      }
      break;
    case IceOutcome::NoCandidate:
      e.outcome = "no relay candidate (gathering ended after " + ms(o.elapsedMs) + ")";
      break;
    case IceOutcome::Timeout:
      if (o.cancelled) {
        e.outcome = "unfinished: the check was cancelled after " + ms(o.elapsedMs);
        ++t.pending;
        return Kind::Pending;
      }
      e.outcome = o.silenceRule.empty() ? "timed out after " + ms(o.elapsedMs) +
                                              ": no answer (packets silently dropped?)"
                                        : "no answer in " + ms(o.elapsedMs) + ": " + o.silenceRule;
      if (stream && !dns) {
        e.detail =
            "silently dropped (firewall DROP rule or blackhole), inferred from the absence "
            "of any answer";
        addUnique(t.dropped, host);
      }
      break;
    case IceOutcome::Failed:
    case IceOutcome::BadInput:
      e.outcome = o.outcome == IceOutcome::Failed
                      ? "could not start the check (bad ICE configuration)"
                      : "not checked: bad TURN URL in the profile";
      e.detail = clip(o.errorText);
      addUnique(t.badConfig, o.url);
      addUnique(t.badConfigRegions, o.region);
      return Kind::Failed;
  }
  if (dns) {
    e.detail = "the name " + u.host + " does not resolve (DNS, §5.6)";
    switch (lookupFailure(o)) {
      case LookupFailure::Reported:
        break;
      case LookupFailure::Inferred:
        e.detail +=
            ": inferred: the browser gave no reason, but a UDP probe only fails this fast when "
            "the name lookup failed";
        break;
      case LookupFailure::None:
        e.detail += ": inferred from another probe's host lookup error";
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
std::vector<std::string> failedNames(const Tally& t) {
  std::vector<std::string> names;
  for (const auto& [region, port] : t.failed) {
    int ports = 0;
    for (const auto& f : t.failed) ports += f.first == region && f.second != port ? 1 : 0;
    bool works =
        std::find(t.relayRegions.begin(), t.relayRegions.end(), region) != t.relayRegions.end() ||
        std::find(t.reachableRegions.begin(), t.reachableRegions.end(), region) !=
            t.reachableRegions.end();
    addUnique(names, (works || ports > 0) ? region + " port " + std::to_string(port) : region);
  }
  return names;
}

Text openAdvice(IceTransport transport, int port, const Text& hosts) {
  std::string p = std::to_string(port);
  switch (transport) {
    case IceTransport::Udp:
      return "Allow outbound UDP " + p + " to " + hosts +
             " in the firewall (Rainbow help center; without UDP, media falls back to TCP/TLS 443 "
             "with more latency).";
    case IceTransport::Tcp:
      return "Allow outbound TCP " + p + " to " + hosts +
             " in the firewall (§5.3 row 3, §5.4); behind an HTTP proxy, allow CONNECT to these "
             "hosts on " +
             p + " (§5.3 right column, §6.1).";
    case IceTransport::Tls:
      break;
  }
  return "Allow TCP " + p + " to " + hosts +
         " (§5.3 row 3, §5.4); behind an HTTP proxy, allow CONNECT to these hosts on " + p +
         " (§5.3 right column, §6.1).";
}

Text adviceFor(IceTransport transport, const Tally& t) {
  Text a;
  if (!t.dnsHosts.empty()) {
    bool many = t.dnsHosts.size() > 1;
    bool reported = true;
    for (const std::string& h : t.dnsHosts)
      reported = reported && std::find(t.reported.begin(), t.reported.end(), h) != t.reported.end();
    a += "DNS, not the firewall: " + joinList(t.dnsHosts) + (many ? " do" : " does") +
         " not resolve on this device (" +
         (reported ? "the browser reported a host lookup error"
                   : "inferred: the browser gave no reason, but its UDP probe failed as fast as "
                     "only a failed name lookup does") +
         "). Make the DNS server used by clients resolve " + (many ? "them" : "it") +
         " (§5.6), then run the check again. ";
  }
  for (const auto& [port, hosts] : t.blockedByPort) {
    // Behind a configured proxy TCP/TLS leave only through it: the proxy is what to change.
    a += (t.viaProxy && transport != IceTransport::Udp)
             ? "Allow CONNECT to " + joinList(hosts) + " on port " + std::to_string(port) + " on " +
                   t.proxy + " (§5.3 right column, §6.1). "
             : openAdvice(transport, port, joinList(hosts)) + " ";
  }
  if (!t.dropped.empty()) {
    a += "No answer at all from " + joinList(t.dropped) +
         ": silently dropped (firewall DROP rule or blackhole), inferred from the absence of any "
         "answer. ";
  }
  if (!t.refused.empty()) {
    a += joinList(t.refused) + (t.viaProxy ? ": refused or reset through the proxy (inferred). "
                                           : ": connection refused or reset (firewall REJECT or "
                                             "nothing listening). ");
  }
  if (!t.tlsRefused.empty()) {
    a += "Over TLS, " + joinList(t.tlsRefused) +
         " may also have failed the TLS handshake: check that the server's certificate names "
         "it and that no TLS inspection sits in between (the browser does not tell the two "
         "apart). ";
  }
  if (!t.credentialHosts.empty()) {
    a += "The TURN credentials given were refused (401) by " + joinList(t.credentialHosts) +
         ": the network path is open, the credentials are stale or wrong. Rainbow issues TURN "
         "credentials to signed-in clients and they expire: sign in to Rainbow again (or reload "
         "the page that runs this check) for fresh ones, then run the check again; a profile "
         "file needs its turn[].username and turn[].credential replaced. ";
  }
  if (!t.badConfig.empty())
    a += "Fix the TURN URL(s) in the profile: " + joinList(t.badConfig) + ". ";
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
      std::string why = obs.cancelled ? "no result: the check was cancelled before this probe ended"
                                      : "no result: the probe did not report";
      row.evidence.push_back({hostPort(*u) + " " + transportLabel(*u) + " (" + s.region + ")", why,
                              Status::Skipped, -1, ""});
      ++t.pending;
    }
  }

  if (row.evidence.empty()) {
    row.summary = "not checked: the profile has no " + label + " URL";
    return out;
  }
  if (transport == IceTransport::Udp) dnsNotes(f, notes);
  if (!t.reachableRegions.empty()) {
    addUnique(notes,
              "TURN servers answered 401 because no credentials were given: that proves the "
              "transport reachable, not that relaying works; relay media is not tested");
  }
  const std::string on = " over " + std::string(upper(transport));
  Text unfinishedText =
      t.pending > 0 ? "; " + std::to_string(t.pending) + " probe(s) without a result" : "";
  if (failed + refused401 == 0 && t.pending == 0) {
    row.status = Status::Pass;
    if (t.reachableRegions.empty()) {
      row.summary = "relay candidate from every server: " + joinList(t.relayRegions);
    } else {
      row.summary = "reachable (server answered 401: no credentials given, relay not tested)";
      if (!t.relayRegions.empty())
        row.summary += "; relay candidate from " + joinList(t.relayRegions);
    }
  } else if (failed == 0 && refused401 > 0) {
    // The path is open (every server that answered, answered); only the check's credentials
    // were refused: not the network's failure, and not a pass either (relaying is untested).
    row.status = Status::Warn;
    row.summary = "reachable, but the credentials given were refused (401) by " +
                  joinList(t.refusedRegions) + on + ": relay not tested" + unfinishedText;
    row.advice = adviceFor(transport, t);
  } else if (failed + refused401 == 0) {
    row.summary =
        reached == 0
            ? "no result: " + std::to_string(t.pending) + " probe(s) without a result"
            : "incomplete: " + std::to_string(reached) + " server(s) reachable" + unfinishedText;
  } else {
    // Each server x transport is judged on its own: a client sent to the failing region cannot
    // use this transport, so one failing server fails the row (the verdict stays degraded
    // while other rows or regions still relay).
    row.status = Status::Fail;
    std::vector<Text> parts;
    std::vector<std::string> names = failedNames(t);
    if (!names.empty()) {
      bool none = reached == 0 && t.refusedRegions.empty() && t.badConfigRegions.empty();
      parts.push_back(none ? "no TURN server reachable" + on + " (" + joinList(names) + ")"
                           : Text(names.size() > 1 ? "regions " : "region ") + joinList(names) +
                                 " unreachable" + on);
    }
    if (!t.refusedRegions.empty()) {
      parts.push_back("credentials refused by " + joinList(t.refusedRegions) + on);
    }
    if (!t.badConfigRegions.empty()) {
      parts.push_back("bad TURN configuration for " + joinList(t.badConfigRegions));
    }
    if (!t.dnsHosts.empty()) parts.push_back("DNS: " + joinList(t.dnsHosts) + " not resolved");
    Text summary;
    for (const Text& part : parts) summary += (summary.empty() ? Text() : Text("; ")) + part;
    row.summary = summary + unfinishedText;
    row.advice = adviceFor(transport, t);
    if (transport == IceTransport::Udp) {
      bool allUnanswered = reached == 0 && refused401 == 0 && failed == t.unanswered;
      Text more = udpBorderAdvice(f, allUnanswered, notes);
      if (!more.empty()) row.advice += (row.advice.empty() ? "" : " ") + more;
    }
    if (!t.dropped.empty()) {
      addUnique(notes, "inferred: no answer at all from " + joinList(t.dropped) + " (" + label +
                           "): packets silently dropped (firewall DROP rule or blackhole)");
    }
  }
  return out;
}

}  // namespace netready::diag
