// Proxy rows `proxy-websocket` (§5.7.1, §6.1) and `proxy-turn` (§5.3 right column, §6.1). The
// page cannot see whether the browser uses an HTTP proxy: the host page states it
// (Profile::network). Without that statement the rows stay skipped and only inferences, named as
// such with their evidence, go to the notes (diagnosis_border.cpp).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "diagnosis/diagnosis_internal.h"

namespace netready::diag {

namespace {

using IceOutcome = IceObservation::Outcome;
using XmppOutcome = XmppObservation::Outcome;
using Proxy = NetworkHint::Proxy;

RowResult unmeasured(RowId id, const Profile& profile) {
  RowResult r{makeRow(id), {}};
  r.row.summary =
      msg(profile.network.proxy == Proxy::None ? "proxy.none-stated" : "proxy.not-visible");
  return r;
}

std::string where(const HostPort& hp) { return hp.host + ":" + std::to_string(hp.port); }

// "port 3478" / "port 3478 and 5349": French words it by number.
Text portsText(const std::vector<std::string>& ports) {
  return msg(ports.size() == 1 ? "proxy.port" : "proxy.ports", {joinList(ports)});
}

// "; 2 probe(s) without a result", appended to a summary; empty when none is pending.
Text pendingText(int pending) {
  if (pending <= 0) return {};
  return msg(pending == 1 ? "proxy.turn.pending-one" : "proxy.turn.pending-many",
             {std::to_string(pending)});
}

Text connectOutcome(const IceObservation& o) {
  switch (o.outcome) {
    case IceOutcome::Timeout:
      return msg("proxy.connect.timeout", {ms(o.elapsedMs)});
    case IceOutcome::NoCandidate:
      return msg("proxy.connect.no-candidate", {ms(o.elapsedMs)});
    default:
      break;
  }
  return msg("proxy.connect.error", {std::to_string(o.errorCode), ms(o.elapsedMs)});
}

}  // namespace

RowResult proxyWebSocketRow(const Facts& f) {
  const Profile& profile = f.profile;
  const Observations& obs = f.obs;
  if (!f.viaProxy) return unmeasured(RowId::ProxyWebSocket, profile);
  RowResult out{makeRow(RowId::ProxyWebSocket), {}};
  Requirement& row = out.row;
  const Text& proxy = f.proxy;
  if (!obs.xmpp || obs.xmpp->outcome == XmppOutcome::BadInput) {
    row.summary = msg(profile.xmpp.url.empty() || obs.xmpp ? "proxy.ws.no-url"
                      : obs.cancelled                      ? "proxy.ws.cancelled"
                                                           : "proxy.ws.no-report");
    return out;
  }
  const XmppObservation& x = *obs.xmpp;
  const HostPort hp = splitUrl(x.url);
  Evidence e{x.url, "", Status::Fail, x.connectMs, msg("proxy.through", {proxy})};
  if (x.cancelled) {
    row.summary = msg("proxy.ws.cancelled");
    return out;
  }
  if (x.outcome == XmppOutcome::Ok) {
    e.status = row.status = Status::Pass;
    e.outcome = msg("proxy.ws.opened", {ms(x.featuresMs)});
    e.elapsedMs = x.featuresMs;
    row.summary = msg("proxy.ws.passed", {proxy, where(hp)});
    row.evidence.push_back(std::move(e));
    return out;
  }
  // The reference is HTTPS to the same host when the profile checks it, else any HTTPS.
  bool sameHost = false;
  for (const HttpsObservation& o : obs.https)
    sameHost = sameHost || splitUrl(o.url).host == hp.host;
  const std::string refHost = sameHost ? hp.host : "";
  e.outcome = x.outcome == XmppOutcome::ConnectFailed
                  ? msg("proxy.ws.connect-failed", {std::to_string(x.closeCode)})
              : x.outcome == XmppOutcome::Timeout
                  ? msg("proxy.ws.timeout", {ms(profile.timeouts.xmppMs)})
                  : msg("proxy.ws.no-stream", {ms(x.connectMs)});
  row.evidence.push_back(e);
  if (!httpsReached(obs, refHost)) {
    // Both fail: the proxy may be unreachable or refuse everything; the upgrade is not the point.
    row.summary =
        msg("proxy.ws.cannot-separate", {sameHost ? hp.host : std::string("Rainbow"), proxy});
    return out;
  }
  for (const HttpsObservation& o : obs.https) {
    bool reached = o.outcome == HttpsObservation::Outcome::Ok ||
                   o.outcome == HttpsObservation::Outcome::Opaque;
    if (!reached || (sameHost && splitUrl(o.url).host != hp.host)) continue;
    row.evidence.push_back({o.url, msg("proxy.ws.reference", {ms(o.elapsedMs)}), Status::Pass,
                            o.elapsedMs, msg("proxy.through", {proxy})});
    break;
  }
  row.status = Status::Fail;
  const Text allow = msg("proxy.ws.advice.allow", {where(hp), proxy});
  switch (x.outcome) {
    case XmppOutcome::ConnectFailed:
      row.summary = msg("proxy.ws.upgrade-failed", {proxy, where(hp)});
      row.advice = sentences({allow, msg("proxy.ws.advice.close-1006")});
      break;
    case XmppOutcome::Timeout:
      row.summary = msg("proxy.ws.upgrade-timeout", {proxy, where(hp)});
      row.advice = sentences({allow, msg("proxy.ws.advice.dropped")});
      break;
    default:
      row.summary = msg("proxy.ws.tls-inspection", {where(hp), proxy});
      row.advice = msg("proxy.ws.advice.exempt", {hp.host, proxy});
      break;
  }
  return out;
}

RowResult proxyTurnRow(const Facts& f) {
  const Observations& obs = f.obs;
  if (!f.viaProxy) {
    RowResult r = unmeasured(RowId::ProxyTurn, f.profile);
    borderNotes(f, r.notes);
    return r;
  }
  RowResult out{makeRow(RowId::ProxyTurn), {}};
  Requirement& row = out.row;
  std::vector<Text>& notes = out.notes;
  const Text& proxy = f.proxy;
  // host:port lists: CONNECT is per destination, whatever TURN transport rides inside.
  std::vector<std::string> passed, passedPorts, failed443, failedOther, failedPorts;
  int pending = 0;
  for (const IceObservation& o : obs.ice) {
    if (!o.parsed.isTurn() || o.parsed.transport == IceTransport::Udp) continue;
    TurnPath path = turnPath(o);
    if (path == TurnPath::NotJudged) continue;  // bad configuration: the TURN rows say so
    const std::string target = hostPort(o.parsed);
    Evidence e{"CONNECT " + target + " (" + transportLabel(o.parsed) + ", " + o.region + ")", "",
               Status::Fail, o.elapsedMs, ""};
    if (path == TurnPath::Works) {
      e.status = Status::Pass;
      e.outcome =
          msg(o.outcome == IceOutcome::Relay ? "proxy.turn.passed-relay" : "proxy.turn.passed-401",
              {ms(o.elapsedMs)});
      addUnique(passed, target);
      addUnique(passedPorts, std::to_string(o.parsed.port));
    } else if (path == TurnPath::Pending) {
      e.status = Status::Skipped;
      e.outcome = msg("proxy.turn.unfinished", {ms(o.elapsedMs)});
      ++pending;
    } else {
      e.outcome = connectOutcome(o);
      e.detail = msg("proxy.turn.failed-detail", {proxy});
      addUnique(o.parsed.port == 443 ? failed443 : failedOther, target);
      if (o.parsed.port != 443) addUnique(failedPorts, std::to_string(o.parsed.port));
    }
    row.evidence.push_back(std::move(e));
  }
  if (row.evidence.empty()) {
    row.summary = msg("proxy.turn.none");
    return out;
  }
  const Text unfinishedText = pendingText(pending);
  std::vector<std::string> failed = failed443;
  failed.insert(failed.end(), failedOther.begin(), failedOther.end());
  if (failed.empty()) {
    if (pending > 0) {
      row.summary = (passed.empty() ? msg("proxy.turn.no-result")
                                    : msg("proxy.turn.incomplete-passed", {joinList(passed)})) +
                    unfinishedText;
      return out;
    }
    row.status = Status::Pass;
    row.summary = msg("proxy.turn.all-passed", {proxy, joinList(passed)});
    return out;
  }
  if (passed.empty() && pending > 0) {
    // An unfinished probe might still have passed: "nothing gets through" would overstate.
    row.summary = msg("proxy.turn.incomplete-failed", {joinList(failed)}) + unfinishedText;
    return out;
  }
  if (passed.empty() && !f.httpsAnswered) {
    row.summary = msg("proxy.turn.cannot-separate", {proxy}) + unfinishedText;
    return out;
  }
  if (passed.empty()) {
    row.status = Status::Fail;
    row.summary = msg("proxy.turn.none-reachable", {proxy, joinList(failed)}) + unfinishedText;
    row.advice = msg("proxy.turn.advice.allow-non-web", {joinList(failed), proxy});
  } else if (failed443.empty()) {
    row.status = Status::Warn;
    row.summary = msg("proxy.turn.port-refused",
                      {joinList(passed), portsText(failedPorts), joinList(failedOther)}) +
                  unfinishedText;
    row.advice =
        msg("proxy.turn.advice.optional", {proxy, portsText(passedPorts), joinList(failedOther)});
    if (std::find(passedPorts.begin(), passedPorts.end(), "443") != passedPorts.end()) {
      notes.push_back(msg("proxy.turn.squid-note", {proxy, portsText(failedPorts)}));
    }
  } else {
    row.status = Status::Fail;
    row.summary =
        msg("proxy.turn.some-failed", {proxy, joinList(failed), joinList(passed)}) + unfinishedText;
    row.advice = msg("proxy.turn.advice.allow-filter", {joinList(failed), proxy, joinList(passed)});
  }
  return out;
}

}  // namespace netready::diag
