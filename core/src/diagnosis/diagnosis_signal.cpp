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
      return msg("xmpp.suspect-no-proxy");
    case NetworkHint::Proxy::Configured:
      return msg("xmpp.suspect-proxy", {proxyName(n)});
    case NetworkHint::Proxy::Unknown:
      break;
  }
  return msg("xmpp.suspect-unknown");
}

// The browser reports every failed fetch alike: name each possible cause, none as fact.
Text networkErrorCauses(const std::vector<std::string>& hosts,
                        const std::vector<std::string>& ports, const NetworkHint& n) {
  // The causes after DNS, as one clause: the firewall, and a proxy as far as the page knows.
  Text causes = n.proxy == NetworkHint::Proxy::None
                    ? msg("https.cause-firewall-no-proxy", {joinList(ports)})
                : n.proxy == NetworkHint::Proxy::Configured
                    ? msg("https.cause-firewall-proxy", {joinList(ports), proxyName(n)})
                    : msg("https.cause-firewall-unknown", {joinList(ports)});
  return msg("https.network-error-causes", {joinList(hosts), causes});
}

Text dnsAdvice(const std::vector<std::string>& hosts) {
  return msg(hosts.size() > 1 ? "https.dns-advice-many" : "https.dns-advice-one",
             {joinList(hosts)});
}

Text noResult(bool cancelled) {
  return msg(cancelled ? "https.no-result-cancelled" : "https.no-result-silent");
}

// "h resolves (a name lookup succeeded ...), so not DNS: ..." for one name or several.
Text resolvesRefused(const std::vector<std::string>& hosts) {
  return msg(hosts.size() > 1 ? "https.resolves-refused-many" : "https.resolves-refused-one",
             {joinList(hosts)});
}

}  // namespace

RowResult httpsRow(const Facts& f) {
  const Profile& profile = f.profile;
  const Observations& obs = f.obs;
  RowResult out{makeRow(RowId::Https), {}};
  Requirement& row = out.row;
  std::vector<Text>& notes = out.notes;
  std::vector<std::pair<int, std::vector<std::string>>> blocked;
  std::vector<std::string> serverErrors, badInput, netErrorHosts, netErrorPorts;
  std::vector<Text> intercepted, problems;
  std::vector<std::string> dnsHosts, refusedHosts;  // network errors the name probes explained
  int passed = 0, failed = 0, pending = 0, opaque = 0;
  for (const HttpsObservation& o : obs.https) {
    Evidence e{o.url, "", judge(o), o.elapsedMs, ""};
    HostPort hp = splitUrl(o.url);
    std::string http = "HTTP " + std::to_string(o.status);
    switch (o.outcome) {
      case HttpsOutcome::Ok:
        e.status = Status::Pass;
        e.outcome = o.status > 0 ? msg("https.status-in", {http, ms(o.elapsedMs)})
                                 : msg("https.answered-in", {ms(o.elapsedMs)});
        break;
      case HttpsOutcome::Opaque:
        ++opaque;
        e.status = Status::Pass;
        e.outcome = msg("https.reachable-in", {ms(o.elapsedMs)});
        e.detail = msg("https.opaque-detail");
        break;
      case HttpsOutcome::BadStatus:
      case HttpsOutcome::BadBody: {
        bool badStatus = o.outcome == HttpsOutcome::BadStatus;
        e.outcome = msg(badStatus ? "https.bad-status" : "https.bad-body", {http, ms(o.elapsedMs)});
        e.detail = clipData(o.detail);
        if (badStatus && o.status >= 500 && o.status <= 599) {
          // A server error is the server (or a gateway in front of it) failing, not a filter.
          addUnique(serverErrors, where(hp) + " (" + http + ")");
          addUnique(problems, msg("https.problem-server-error", {where(hp), http}));
          break;
        }
        addUnique(intercepted, badStatus ? Text(where(hp) + " (" + http + ")")
                                         : msg("https.intercepted-body", {where(hp), http}));
        addUnique(problems, msg("https.problem-not-rainbow", {where(hp)}));
        break;
      }
      case HttpsOutcome::NetworkError:
        e.outcome = msg("https.network-error", {ms(o.elapsedMs)});
        e.detail = clipData(o.detail);
        if (has(f.namesUnresolved, hp.host)) {
          // The name probe settles what the fetch cannot say.
          e.detail = msg("https.name-unresolved-detail", {hp.host});
          addUnique(dnsHosts, hp.host);
          addUnique(problems, msg("https.problem-name-unresolved", {hp.host}));
          break;
        }
        addBlocked(blocked, hp);
        addUnique(problems, msg("https.problem-unreachable", {where(hp)}));
        if (has(f.namesResolved, hp.host)) {
          e.detail = msg("https.name-resolves-refused", {hp.host, e.detail});
          addUnique(refusedHosts, hp.host);
          break;
        }
        addUnique(netErrorHosts, hp.host);
        addUnique(netErrorPorts, std::to_string(hp.port));
        break;
      case HttpsOutcome::Timeout:
        if (o.cancelled) {
          e.outcome = msg("https.unfinished-cancelled", {ms(o.elapsedMs)});
          break;
        }
        e.outcome = msg("https.timed-out", {ms(o.elapsedMs)});
        addBlocked(blocked, hp);
        addUnique(problems, msg("https.problem-no-answer", {where(hp)}));
        break;
      case HttpsOutcome::BadInput:
        e.outcome = msg("https.bad-url-outcome");
        e.detail = clipData(o.detail);
        addUnique(badInput, o.url);
        addUnique(problems, msg("https.problem-bad-url", {o.url}));
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
    row.summary = msg("https.no-endpoint");
  } else if (failed > 0) {
    row.status = Status::Fail;
    row.summary = msg("https.failed-summary",
                      {std::to_string(failed), std::to_string(total), joinList(problems)});
    std::vector<Text> advice;
    if (!dnsHosts.empty()) advice.push_back(dnsAdvice(dnsHosts));
    for (const auto& [port, hosts] : blocked) {
      advice.push_back(msg("https.allow-advice", {std::to_string(port), joinList(hosts)}));
    }
    if (!refusedHosts.empty()) advice.push_back(resolvesRefused(refusedHosts));
    if (!netErrorHosts.empty()) {
      advice.push_back(networkErrorCauses(netErrorHosts, netErrorPorts, profile.network));
    }
    if (!intercepted.empty()) {
      Text what = joinList(intercepted);
      advice.push_back(msg("https.intercepted-advice", {what}));
      notes.push_back(msg("https.intercepted-note", {what}));
    }
    if (!serverErrors.empty()) {
      advice.push_back(msg("https.server-error-advice", {joinList(serverErrors)}));
    }
    if (!badInput.empty()) advice.push_back(msg("https.fix-urls-advice", {joinList(badInput)}));
    row.advice = sentences(advice);
  } else if (pending > 0) {
    row.summary = msg("https.incomplete-summary", {std::to_string(passed), std::to_string(total)});
  } else {
    row.status = Status::Pass;
    row.summary = msg("https.pass-summary", {std::to_string(total)});
    if (opaque > 0) row.summary += msg("https.opaque-summary", {std::to_string(opaque)});
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
      row.summary = msg("xmpp.no-url");
      return out;
    }
    row.summary = noResult(obs.cancelled);
    row.evidence.push_back({profile.xmpp.url, row.summary, Status::Skipped, -1, ""});
    return out;
  }
  const XmppObservation& x = *obs.xmpp;
  HostPort hp = splitUrl(x.url);
  Evidence e{x.url, "", Status::Fail, x.connectMs, ""};
  const Text allowWss = msg("xmpp.allow-wss", {std::to_string(hp.port), hp.host});
  switch (x.outcome) {
    case XmppOutcome::Ok:
      e.status = row.status = Status::Pass;
      e.outcome = msg("xmpp.features-in", {ms(x.featuresMs)});
      e.elapsedMs = x.featuresMs;
      e.detail = msg("xmpp.opened-detail", {ms(x.connectMs), x.protocol});
      row.summary = msg("xmpp.pass-summary", {where(hp)});
      break;
    case XmppOutcome::ConnectFailed: {
      e.outcome = msg("xmpp.connect-failed", {std::to_string(x.closeCode)});
      if (httpsReached(obs, hp.host)) {
        // The browser shows a refused Upgrade, a refused Origin and an answer that is not
        // "101 Switching Protocols" alike (close 1006).
        e.detail = msg("xmpp.upgrade-failed-detail", {hp.host});
        notes.push_back(msg("xmpp.upgrade-failed-note", {e.detail, proxySuspect(profile.network)}));
        row.summary = msg("xmpp.upgrade-failed-summary", {where(hp)});
        row.advice = msg("xmpp.upgrade-failed-advice", {where(hp)});
      } else if (has(f.namesUnresolved, hp.host)) {
        e.detail = msg("https.name-unresolved-detail", {hp.host});
        row.summary = msg("xmpp.unresolved-summary", {where(hp), hp.host});
        row.advice = dnsAdvice({hp.host});
      } else {
        row.summary = msg("xmpp.not-opened-summary", {where(hp)});
        row.advice = allowWss;
        if (has(f.namesResolved, hp.host)) row.advice += " " + resolvesRefused({hp.host});
      }
      break;
    }
    case XmppOutcome::WrongSubprotocol:
    case XmppOutcome::NoXmppAnswer:
      if (x.outcome == XmppOutcome::WrongSubprotocol) {
        e.outcome = msg("xmpp.wrong-subprotocol", {ms(x.connectMs), clip(x.protocol, 40)});
      } else {
        e.outcome = msg("xmpp.no-stream", {ms(x.connectMs)});
        if (x.closeCode != 0) e.outcome += msg("xmpp.closed-code", {std::to_string(x.closeCode)});
      }
      // What the probe saw (a non-XMPP frame quoted, an oversized frame, where it closed) is
      // the evidence; who is at fault is the inference.
      e.detail = clipData(x.detail);
      notes.push_back(msg("xmpp.not-xmpp-note", {where(hp)}));
      row.summary = msg("xmpp.not-xmpp-summary", {where(hp)});
      row.advice = msg("xmpp.not-xmpp-advice", {hp.host, where(hp)});
      break;
    case XmppOutcome::Timeout:
      if (x.cancelled) {
        e.status = Status::Skipped;
        e.outcome = msg("https.unfinished-cancelled", {ms(obs.elapsedMs)});
        row.summary = noResult(true);
        break;
      }
      e.outcome = msg("xmpp.no-answer-within", {ms(profile.timeouts.xmppMs)});
      if (x.connectMs >= 0) e.outcome += msg("xmpp.timeout-opened", {ms(x.connectMs)});
      e.elapsedMs = profile.timeouts.xmppMs;
      row.summary = msg("xmpp.timeout-summary", {where(hp), ms(profile.timeouts.xmppMs)});
      if (x.connectMs >= 0) {
        // Opened, then silence: the path works, whoever holds the other end does not answer.
        row.advice = msg("xmpp.silent-after-open-advice", {where(hp), ms(profile.timeouts.xmppMs)});
      } else {
        row.advice = allowWss + " " + msg("xmpp.nothing-answered");
      }
      break;
    case XmppOutcome::BadInput:
      e.outcome = msg("https.bad-url-outcome");
      e.detail = clipData(x.detail);
      row.summary = msg("xmpp.bad-url-summary");
      row.advice = msg("xmpp.fix-url-advice", {x.url});
      break;
  }
  if (x.outcome != XmppOutcome::Ok && e.status == Status::Fail) row.status = Status::Fail;
  if (e.detail.empty() && !x.detail.empty()) e.detail = clipData(x.detail);
  row.evidence.push_back(std::move(e));
  return out;
}

}  // namespace netready::diag
