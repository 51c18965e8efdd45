// Signalling rows: `https` (§5.2, §5.3 row 1, §5.4) and `xmpp-wss` (§5.2, §5.3 row 2, §5.7.1).
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "diagnosis/diagnosis_internal.h"
#include "diagnosis/judge.h"

namespace netready::diag {

namespace {

using HttpsOutcome = HttpsObservation::Outcome;
using XmppOutcome = XmppObservation::Outcome;

constexpr const char* kOpaqueDetail =
    "reachable; status and body not readable across origins (no CORS)";

std::string where(const HostPort& hp) { return hp.host + ":" + std::to_string(hp.port); }

// Hosts blocked per port, in first-seen order, so advice names "TCP 8443" separately.
void addBlocked(std::vector<std::pair<int, std::vector<std::string>>>& byPort, const HostPort& hp) {
  for (auto& [port, hosts] : byPort) {
    if (port == hp.port) return addUnique(hosts, hp.host);
  }
  byPort.push_back({hp.port, {hp.host}});
}

// Who else may stand between the browser and Rainbow, as far as the host page told us.
Text proxySuspect(const NetworkHint& n) {
  switch (n.proxy) {
    case NetworkHint::Proxy::None:
      return "the host page states no HTTP proxy is in use, so a firewall (or a transparent "
             "proxy) is the likely element";
    case NetworkHint::Proxy::Configured:
      return proxyName(n) + " is the first suspect (see proxy-websocket)";
    case NetworkHint::Proxy::Unknown:
      break;
  }
  return "the page cannot see whether a proxy is in use";
}

// The browser reports every failed fetch alike: name each possible cause, none as fact.
Text networkErrorCauses(const std::vector<std::string>& hosts,
                               const std::vector<std::string>& ports, const NetworkHint& n) {
  Text firewall = "TCP " + joinList(ports) + " in the firewall";
  Text causes =
      n.proxy == NetworkHint::Proxy::None
          ? " or " + firewall + " (no HTTP proxy in use, as stated by the host page)"
      : n.proxy == NetworkHint::Proxy::Configured
          ? ", " + firewall + ", or " + proxyName(n) + " refusing CONNECT to it (§6.1)"
          : ", " + firewall + ", or an HTTP proxy (§6.1)";
  return "The browser does not say why " + joinList(hosts) +
         " failed (network error); possible causes: DNS resolution of " + joinList(hosts) +
         " (§5.6)" + causes + " (inferred).";
}

Text dnsAdvice(const std::vector<std::string>& hosts) {
  const bool many = hosts.size() > 1;
  return "DNS, not the firewall: " + joinList(hosts) + (many ? " do" : " does") +
         " not resolve on this device (a name lookup for " + (many ? "them" : "it") +
         " failed in the browser). Make the DNS server used by clients resolve " +
         (many ? "them" : "it") + " (§5.6), then run the check again.";
}

Text noResult(bool cancelled) {
  return cancelled ? "no result: the check was cancelled before this probe ended"
                   : "no result: the probe did not report";
}

}  // namespace

RowResult httpsRow(const Facts& f) {
  const Profile& profile = f.profile;
  const Observations& obs = f.obs;
  RowResult out{makeRow(RowId::Https), {}};
  Requirement& row = out.row;
  std::vector<Text>& notes = out.notes;
  std::vector<std::pair<int, std::vector<std::string>>> blocked;
  std::vector<std::string> intercepted, serverErrors, problems, badInput, netErrorHosts,
      netErrorPorts;
  std::vector<std::string> dnsHosts, refusedHosts;  // network errors the name probes explained
  int passed = 0, failed = 0, pending = 0, opaque = 0;
  for (const HttpsObservation& o : obs.https) {
    Evidence e{o.url, "", judge(o), o.elapsedMs, ""};
    HostPort hp = splitUrl(o.url);
    std::string http = "HTTP " + std::to_string(o.status);
    switch (o.outcome) {
      case HttpsOutcome::Ok:
        e.status = Status::Pass;
        e.outcome = (o.status > 0 ? http : std::string("answered")) + " in " + ms(o.elapsedMs);
        break;
      case HttpsOutcome::Opaque:
        ++opaque;
        e.status = Status::Pass;
        e.outcome = "reachable in " + ms(o.elapsedMs);
        e.detail = kOpaqueDetail;
        break;
      case HttpsOutcome::BadStatus:
      case HttpsOutcome::BadBody: {
        bool badStatus = o.outcome == HttpsOutcome::BadStatus;
        e.outcome =
            http + " in " + ms(o.elapsedMs) +
            (badStatus ? ": not the answer Rainbow gives" : ", but the body is not Rainbow's");
        e.detail = clip(o.detail);
        if (badStatus && o.status >= 500 && o.status <= 599) {
          // A server error is the server (or a gateway in front of it) failing, not a filter.
          addUnique(serverErrors, where(hp) + " (" + http + ")");
          addUnique(problems, where(hp) + " answered with a server error (" + http + ")");
          break;
        }
        addUnique(intercepted, where(hp) + " (" + http + (badStatus ? ")" : ", unexpected body)"));
        addUnique(problems, where(hp) + " answered but not as Rainbow");
        break;
      }
      case HttpsOutcome::NetworkError:
        e.outcome = "network error after " + ms(o.elapsedMs) +
                    ": no HTTPS connection (DNS, TCP or TLS failed, or blocked)";
        e.detail = clip(o.detail);
        if (has(f.namesUnresolved, hp.host)) {
          // The name probe settles what the fetch cannot say.
          e.detail = "the name " + hp.host + " does not resolve (DNS, §5.6): a name lookup for " +
                     "it failed in this browser";
          addUnique(dnsHosts, hp.host);
          addUnique(problems, hp.host + ": name does not resolve (DNS)");
          break;
        }
        addBlocked(blocked, hp);
        addUnique(problems, where(hp) + " unreachable");
        if (has(f.namesResolved, hp.host)) {
          e.detail = "the name " + hp.host + " resolves, so the connection itself was refused " +
                     "or reset (firewall REJECT, proxy, or nothing listening), inferred; " +
                     e.detail;
          addUnique(refusedHosts, hp.host);
          break;
        }
        addUnique(netErrorHosts, hp.host);
        addUnique(netErrorPorts, std::to_string(hp.port));
        break;
      case HttpsOutcome::Timeout:
        if (o.cancelled) {
          e.outcome = "unfinished: the check was cancelled after " + ms(o.elapsedMs);
          break;
        }
        e.outcome = "timed out after " + ms(o.elapsedMs) + ": no answer";
        addBlocked(blocked, hp);
        addUnique(problems, where(hp) + " did not answer");
        break;
      case HttpsOutcome::BadInput:
        e.outcome = "not checked: bad URL in the profile";
        e.detail = clip(o.detail);
        addUnique(badInput, o.url);
        addUnique(problems, "bad URL " + o.url);
        break;
    }
    if (e.status == Status::Pass) ++passed;
    if (e.status == Status::Fail) ++failed;
    if (e.status == Status::Skipped) ++pending;
    row.evidence.push_back(std::move(e));
  }
  // Endpoints the profile asked for but no probe reported: the row must not claim pass.
  for (const HttpsEndpoint& p : profile.https) {
    bool seen = false;
    for (const HttpsObservation& o : obs.https) seen = seen || o.url == p.url;
    if (seen) continue;
    row.evidence.push_back({p.url, noResult(obs.cancelled), Status::Skipped, -1, ""});
    ++pending;
  }

  int total = static_cast<int>(row.evidence.size());
  if (total == 0) {
    row.summary = "not checked: the profile has no HTTPS endpoint";
  } else if (failed > 0) {
    row.status = Status::Fail;
    row.summary = std::to_string(failed) + " of " + std::to_string(total) +
                  " endpoints failed: " + joinList(problems);
    std::vector<Text> advice;
    if (!dnsHosts.empty()) advice.push_back(dnsAdvice(dnsHosts));
    for (const auto& [port, hosts] : blocked) {
      advice.push_back("Allow HTTPS (TCP " + std::to_string(port) + ") from clients to " +
                       joinList(hosts) + " in the firewall/proxy (guide §5.3 row 1, §5.4).");
    }
    if (!refusedHosts.empty()) {
      advice.push_back(joinList(refusedHosts) +
                       (refusedHosts.size() > 1 ? " resolve" : " resolves") +
                       " (a name lookup succeeded in this browser), so not DNS: the firewall or a "
                       "proxy refused the connection (inferred).");
    }
    if (!netErrorHosts.empty()) {
      advice.push_back(networkErrorCauses(netErrorHosts, netErrorPorts, profile.network));
    }
    if (!intercepted.empty()) {
      Text what = joinList(intercepted);
      advice.push_back(what +
                       " answered, but not as Rainbow does: a TLS-intercepting proxy or a captive "
                       "portal is likely in the path (inferred). Exempt the Rainbow domains from "
                       "TLS inspection and sign in to any captive portal (§5.4, §5.6, §6.1).");
      notes.push_back("inferred: " + what +
                      " answered HTTPS but not as Rainbow does: a TLS-intercepting proxy or a "
                      "captive portal is likely between this device and Rainbow");
    }
    if (!serverErrors.empty()) {
      advice.push_back(joinList(serverErrors) +
                       " answered with a server error: the service, or a gateway or proxy in "
                       "front of it, is failing, not this network's filtering. Try again later; "
                       "if it persists, send this report to Rainbow support (§5.4).");
    }
    if (!badInput.empty()) advice.push_back("Fix the HTTPS URL(s) in the profile: " + joinList(badInput));
    row.advice = sentences(advice);
  } else if (pending > 0) {
    row.summary = "incomplete: " + std::to_string(passed) + " of " + std::to_string(total) +
                  " endpoints answered; the others have no result";
  } else {
    row.status = Status::Pass;
    row.summary = "every endpoint answered over HTTPS (" + std::to_string(total) + ")";
    if (opaque > 0) {
      row.summary += "; " + std::to_string(opaque) +
                     " only proven reachable: status and body not readable across origins";
    }
  }
  return out;
}

RowResult xmppRow(const Facts& f) {
  const Profile& profile = f.profile;
  const Observations& obs = f.obs;
  RowResult out{makeRow(RowId::XmppWss), {}};
  Requirement& row = out.row;
  std::vector<Text>& notes = out.notes;
  if (!obs.xmpp) {
    if (profile.xmpp.url.empty()) {
      row.summary = "not checked: the profile has no XMPP WebSocket URL";
      return out;
    }
    row.summary = noResult(obs.cancelled);
    row.evidence.push_back({profile.xmpp.url, row.summary, Status::Skipped, -1, ""});
    return out;
  }
  const XmppObservation& x = *obs.xmpp;
  HostPort hp = splitUrl(x.url);
  Evidence e{x.url, "", Status::Fail, x.connectMs, ""};
  Text opened = "opened in " + ms(x.connectMs);
  const std::string allowWss = "Allow secure WebSocket (wss, TCP " + std::to_string(hp.port) +
                               ") from clients to " + hp.host +
                               " in the firewall/proxy; a proxy must pass the HTTP Upgrade "
                               "(§5.3 row 2, §5.7.1, §6.1).";
  switch (x.outcome) {
    case XmppOutcome::Ok:
      e.status = row.status = Status::Pass;
      e.outcome = "stream features in " + ms(x.featuresMs);
      e.elapsedMs = x.featuresMs;
      e.detail = "WebSocket " + opened + ", subprotocol \"" + x.protocol + "\"";
      row.summary = "XMPP stream answered over wss to " + where(hp);
      break;
    case XmppOutcome::ConnectFailed: {
      e.outcome =
          "connection failed before opening (close code " + std::to_string(x.closeCode) + ")";
      if (httpsReached(obs, hp.host)) {
        // The browser shows a refused Upgrade, a refused Origin and an answer that is not
        // "101 Switching Protocols" alike (close 1006).
        e.detail = "HTTPS to " + hp.host +
                   " works but the WebSocket upgrade failed (no \"101 Switching Protocols\" "
                   "answer): a proxy or firewall is refusing the HTTP Upgrade (§5.7.1), or the "
                   "server answered the upgrade with a plain HTTP response or refused the page's "
                   "origin — the browser cannot tell which";
        notes.push_back(e.detail + " — inferred; " + proxySuspect(profile.network));
        row.summary = "the WebSocket upgrade to " + where(hp) + " failed while HTTPS works";
        row.advice = "Allow the WebSocket upgrade (wss, HTTP/1.1 Upgrade) to " + where(hp) +
                     " on the proxy/firewall (§5.7.1, §6.1). Run the check from the Rainbow web "
                     "app for a conclusive result: there the server accepts the page's origin.";
      } else if (has(f.namesUnresolved, hp.host)) {
        e.detail = "the name " + hp.host +
                   " does not resolve (DNS, §5.6): a name lookup for it "
                   "failed in this browser";
        row.summary = "the WebSocket to " + where(hp) + " could not be opened: " + hp.host +
                      " does not resolve (DNS)";
        row.advice = dnsAdvice({hp.host});
      } else {
        row.summary = "the WebSocket to " + where(hp) + " could not be opened";
        row.advice = allowWss;
        if (has(f.namesResolved, hp.host)) {
          row.advice += " " + hp.host +
                        " resolves (a name lookup succeeded in this browser), so not DNS: the "
                        "firewall or a proxy refused the connection (inferred).";
        }
      }
      break;
    }
    case XmppOutcome::WrongSubprotocol:
    case XmppOutcome::NoXmppAnswer:
      e.outcome =
          x.outcome == XmppOutcome::WrongSubprotocol
              ? opened + " without the xmpp subprotocol (got \"" + clip(x.protocol, 40) + "\")"
              : opened + ", but no XMPP stream answered" +
                    (x.closeCode != 0 ? " (closed, code " + std::to_string(x.closeCode) + ")"
                                      : std::string());
      // What the probe saw (a non-XMPP frame quoted, an oversized frame, where it closed) is
      // the evidence; who is at fault is the inference.
      e.detail = clip(x.detail);
      notes.push_back("inferred for " + where(hp) +
                      ": the WebSocket opened but what answered is not an XMPP stream: something "
                      "between the client and Rainbow altered or ended the WebSocket (TLS "
                      "inspection or a proxy), or the XMPP service behind it misbehaves");
      row.summary = "a WebSocket to " + where(hp) + " opened, but no XMPP stream answered";
      row.advice = "Exempt " + hp.host + " from TLS inspection and let the proxy pass the " +
                   "WebSocket to " + where(hp) +
                   " unchanged (§5.7.1, §6.1). If nothing inspects this traffic, the XMPP "
                   "service itself answered wrongly: send this report to Rainbow support.";
      break;
    case XmppOutcome::Timeout:
      if (x.cancelled) {
        e.status = Status::Skipped;
        e.outcome = "unfinished: the check was cancelled after " + ms(obs.elapsedMs);
        row.summary = noResult(true);
        break;
      }
      e.outcome = "no answer within " + ms(profile.timeouts.xmppMs);
      if (x.connectMs >= 0) e.outcome += " (the WebSocket " + opened + ")";
      e.elapsedMs = profile.timeouts.xmppMs;
      row.summary = "no answer from " + where(hp) + " within " + ms(profile.timeouts.xmppMs);
      if (x.connectMs >= 0) {
        // Opened, then silence: the path works, whoever holds the other end does not answer.
        row.advice = "The WebSocket to " + where(hp) + " opened, then nothing came back within " +
                     ms(profile.timeouts.xmppMs) +
                     ": the XMPP service behind it is not answering, or a proxy holds the "
                     "upgraded connection without passing it on (inferred). Let the proxy pass "
                     "the WebSocket unchanged (§5.7.1, §6.1); if nothing is in between, send "
                     "this report to Rainbow support.";
      } else {
        row.advice = allowWss +
                     " Nothing answered at all, as when a firewall silently drops the traffic, "
                     "or a middlebox accepts the connection and never completes TLS (inferred).";
      }
      break;
    case XmppOutcome::BadInput:
      e.outcome = "not checked: bad URL in the profile";
      e.detail = clip(x.detail);
      row.summary = "bad XMPP WebSocket URL in the profile";
      row.advice = "Fix the XMPP WebSocket URL in the profile: " + x.url;
      break;
  }
  if (x.outcome != XmppOutcome::Ok && e.status == Status::Fail) row.status = Status::Fail;
  if (e.detail.empty() && !x.detail.empty()) e.detail = clip(x.detail);
  row.evidence.push_back(std::move(e));
  return out;
}

}  // namespace netready::diag
