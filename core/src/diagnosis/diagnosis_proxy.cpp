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

constexpr const char* kInvisible =
    "whether an HTTP proxy is in use is not visible to the page; not measured";
constexpr const char* kNoProxy = "no HTTP proxy in use (as stated by the host page)";

RowResult unmeasured(RowId id, const Profile& profile) {
  RowResult r{makeRow(id), {}};
  r.row.summary = profile.network.proxy == Proxy::None ? kNoProxy : kInvisible;
  return r;
}

std::string where(const HostPort& hp) { return hp.host + ":" + std::to_string(hp.port); }

Text connectOutcome(const IceObservation& o) {
  switch (o.outcome) {
    case IceOutcome::Timeout:
      return "no answer: timed out after " + ms(o.elapsedMs);
    case IceOutcome::NoCandidate:
      return "failed: no relay candidate (gathering ended after " + ms(o.elapsedMs) + ")";
    default:
      break;
  }
  return "refused or failed: error " + std::to_string(o.errorCode) + " in " + ms(o.elapsedMs);
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
    row.summary = profile.xmpp.url.empty() || obs.xmpp ? "not checked: no usable XMPP WebSocket URL"
                  : obs.cancelled ? "no result: the check was cancelled before the WebSocket "
                                    "probe ended"
                                  : "no result: the WebSocket probe did not report";
    return out;
  }
  const XmppObservation& x = *obs.xmpp;
  const HostPort hp = splitUrl(x.url);
  Evidence e{x.url, "", Status::Fail, x.connectMs, "through " + proxy};
  if (x.cancelled) {
    row.summary = "no result: the check was cancelled before the WebSocket probe ended";
    return out;
  }
  if (x.outcome == XmppOutcome::Ok) {
    e.status = row.status = Status::Pass;
    e.outcome = "WebSocket opened, XMPP stream features in " + ms(x.featuresMs);
    e.elapsedMs = x.featuresMs;
    row.summary = proxy + " passed the WebSocket upgrade to " + where(hp);
    row.evidence.push_back(std::move(e));
    return out;
  }
  // The reference is HTTPS to the same host when the profile checks it, else any HTTPS.
  bool sameHost = false;
  for (const HttpsObservation& o : obs.https)
    sameHost = sameHost || splitUrl(o.url).host == hp.host;
  const std::string refHost = sameHost ? hp.host : "";
  e.outcome =
      x.outcome == XmppOutcome::ConnectFailed
          ? "connection failed before opening (close code " + std::to_string(x.closeCode) + ")"
      : x.outcome == XmppOutcome::Timeout
          ? "no answer within " + ms(profile.timeouts.xmppMs)
          : "WebSocket opened in " + ms(x.connectMs) + ", but no XMPP stream answered";
  row.evidence.push_back(e);
  if (!httpsReached(obs, refHost)) {
    // Both fail: the proxy may be unreachable or refuse everything; the upgrade is not the point.
    row.summary = "cannot separate: HTTPS to " + (sameHost ? hp.host : std::string("Rainbow")) +
                  " does not get through " + proxy +
                  " either, so the WebSocket upgrade cannot be judged on its own (see https)";
    return out;
  }
  for (const HttpsObservation& o : obs.https) {
    bool reached = o.outcome == HttpsObservation::Outcome::Ok ||
                   o.outcome == HttpsObservation::Outcome::Opaque;
    if (!reached || (sameHost && splitUrl(o.url).host != hp.host)) continue;
    row.evidence.push_back({o.url, "HTTPS reached in " + ms(o.elapsedMs) + " (reference)",
                            Status::Pass, o.elapsedMs, "through " + proxy});
    break;
  }
  row.status = Status::Fail;
  const Text allow =
      "Allow HTTP Upgrade / WebSocket (wss) to " + where(hp) + " on " + proxy + " (§5.7.1, §6.1).";
  switch (x.outcome) {
    case XmppOutcome::ConnectFailed:
      row.summary =
          "HTTPS through " + proxy + " works but the WebSocket upgrade to " + where(hp) + " failed";
      row.advice = allow +
                   " The browser shows a proxy refusing the upgrade and the server refusing the "
                   "page's origin alike (close 1006): run the check from the Rainbow web app for "
                   "a conclusive result.";
      break;
    case XmppOutcome::Timeout:
      row.summary = "HTTPS through " + proxy + " works but the WebSocket upgrade to " + where(hp) +
                    " got no answer: the proxy holds or drops it (inferred)";
      row.advice = allow + " Nothing answered, as when the upgrade is silently dropped (inferred).";
      break;
    default:
      row.summary = "the WebSocket to " + where(hp) + " opened through " + proxy +
                    ", but no XMPP stream answered: the proxy likely inspects TLS and terminates "
                    "the WebSocket (inferred)";
      row.advice = "Exempt " + hp.host + " from TLS inspection on " + proxy +
                   " and let it pass the WebSocket unchanged (§5.7.1, §6.1).";
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
          std::string("passed: ") +
          (o.outcome == IceOutcome::Relay ? "relay candidate" : "the TURN server answered 401") +
          " in " + ms(o.elapsedMs);
      addUnique(passed, target);
      addUnique(passedPorts, std::to_string(o.parsed.port));
    } else if (path == TurnPath::Pending) {
      e.status = Status::Skipped;
      e.outcome = "unfinished: the check was cancelled after " + ms(o.elapsedMs);
      ++pending;
    } else {
      e.outcome = connectOutcome(o);
      e.detail = "through " + proxy +
                 "; the browser does not show whether the proxy refused the CONNECT or the TURN "
                 "server did not answer behind it";
      addUnique(o.parsed.port == 443 ? failed443 : failedOther, target);
      if (o.parsed.port != 443) addUnique(failedPorts, std::to_string(o.parsed.port));
    }
    row.evidence.push_back(std::move(e));
  }
  if (row.evidence.empty()) {
    row.summary = "not checked: no TURN/TCP or TURN/TLS result to judge";
    return out;
  }
  const std::string unfinishedText =
      pending > 0 ? "; " + std::to_string(pending) + " probe(s) without a result" : "";
  std::vector<std::string> failed = failed443;
  failed.insert(failed.end(), failedOther.begin(), failedOther.end());
  if (failed.empty()) {
    if (pending > 0) {
      row.summary = passed.empty()
                        ? "no result" + unfinishedText
                        : "incomplete: CONNECT passed to " + joinList(passed) + unfinishedText;
      return out;
    }
    row.status = Status::Pass;
    row.summary = proxy + " passed CONNECT to every TURN server tried (" + joinList(passed) + ")";
    return out;
  }
  if (passed.empty() && pending > 0) {
    // An unfinished probe might still have passed: "nothing gets through" would overstate.
    row.summary = "incomplete: CONNECT to " + joinList(failed) + " failed" + unfinishedText;
    return out;
  }
  if (passed.empty() && !f.httpsAnswered) {
    row.summary = "cannot separate: no HTTPS request got through " + proxy +
                  " either, so its handling of CONNECT to the TURN servers cannot be judged "
                  "(see https)" +
                  unfinishedText;
    return out;
  }
  const Text allow = "Allow CONNECT to " + joinList(failed) + " on " + proxy;
  if (passed.empty()) {
    row.status = Status::Fail;
    row.summary = "no TURN server reachable through " + proxy + " (CONNECT to " + joinList(failed) +
                  " failed) while HTTPS through it works" + unfinishedText;
    row.advice =
        allow + " (§5.3 right column, §6.1); many proxies refuse CONNECT to non-web hosts.";
  } else if (failed443.empty()) {
    row.status = Status::Warn;
    row.summary = "CONNECT passed to " + joinList(passed) + "; CONNECT to port " +
                  joinList(failedPorts) + " refused or failed (" + joinList(failedOther) + ")" +
                  unfinishedText;
    row.advice = "Media can use TURN through " + proxy + " on port " + joinList(passedPorts) +
                 ". Optional: allow CONNECT to " + joinList(failedOther) + " on " + proxy +
                 " as well (§5.3 right column, §6.1).";
    if (std::find(passedPorts.begin(), passedPorts.end(), "443") != passedPorts.end()) {
      notes.push_back("inferred: " + proxy + " passes CONNECT to port 443 but not to port " +
                      joinList(failedPorts) +
                      ": squid's default rules deny CONNECT to ports other than 443 "
                      "(\"http_access deny CONNECT !SSL_ports\"), a likely cause");
    }
  } else {
    row.status = Status::Fail;
    row.summary = "CONNECT through " + proxy + " failed to " + joinList(failed) +
                  " while it passed to " + joinList(passed) + unfinishedText;
    row.advice = allow + " (§5.3 right column, §6.1). CONNECT to " + joinList(passed) +
                 " works, so the proxy likely filters by destination, or the failing server is "
                 "down (inferred).";
  }
  return out;
}

}  // namespace netready::diag
