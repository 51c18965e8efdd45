// Diagnosis of the signalling rows: `https` and `xmpp-wss`.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnosis/diagnosis_fixtures.h"
#include "netready/diagnosis.h"
#include "netready/profile.h"

namespace netready {
namespace {

using fixtures::contains, fixtures::hasNote, fixtures::row;
using HO = HttpsObservation::Outcome;
using XO = XmppObservation::Outcome;

constexpr const char* kWeb = "https://web.openrainbow.com/";
constexpr const char* kRest = "https://openrainbow.com/api/rainbow/ping";
constexpr const char* kWss = "wss://openrainbow.com/websocket";

HttpsObservation https(const std::string& url, HO outcome, std::int64_t ms, int status = 0,
                       const std::string& detail = "") {
  HttpsObservation o;
  o.url = url;
  o.outcome = outcome;
  o.elapsedMs = ms;
  o.status = status;
  o.detail = detail;
  return o;
}

XmppObservation xmpp(XO outcome, std::int64_t connectMs = 40, std::int64_t featuresMs = 140) {
  XmppObservation x = fixtures::xmppObservation(outcome, connectMs, featuresMs);
  x.protocol = outcome == XO::Ok ? "xmpp" : "";
  return x;
}

Observations signalling(HO web, HO rest, std::optional<XO> x = XO::Ok) {
  Observations obs;
  obs.https = {https(kWeb, web, 85, web == HO::Ok ? 200 : 0),
               https(kRest, rest, 6000, rest == HO::BadStatus ? 503 : 200)};
  if (x) obs.xmpp = xmpp(*x);
  // Every TURN URL relays, so only the signalling rows decide.
  fixtures::addProfileIce(obs, rainbowDefaultProfile(), IceObservation::Outcome::Relay,
                          IceObservation::Outcome::Relay, IceObservation::Outcome::Relay);
  obs.elapsedMs = 6100;
  return obs;
}

struct HttpsCase {
  const char* name;
  HO rest;
  Status rowStatus;
  Status evidenceStatus;
  const char* outcome;  // substring of the second evidence's outcome
  const char* advice;   // substring of the row's advice; "" means advice must be empty
};

TEST(DiagnosisHttps, OutcomeTable) {
  const std::vector<HttpsCase> cases = {
      {"ok", HO::Ok, Status::Pass, Status::Pass, "HTTP 200 in 6000 ms", ""},
      {"opaque", HO::Opaque, Status::Pass, Status::Pass, "reachable in 6000 ms", ""},
      {"network error", HO::NetworkError, Status::Fail, Status::Fail, "network error after 6000 ms",
       "Allow HTTPS (TCP 443) from clients to openrainbow.com in the firewall/proxy (guide §5.3 "
       "row 1, §5.4)."},
      {"timeout", HO::Timeout, Status::Fail, Status::Fail, "timed out after 6000 ms",
       "Allow HTTPS (TCP 443) from clients to openrainbow.com"},
      {"bad status", HO::BadStatus, Status::Fail, Status::Fail, "HTTP 503 in 6000 ms",
       "openrainbow.com:443 (HTTP 503) answered with a server error: the service, or a gateway "
       "or proxy in front of it, is failing, not this network's filtering"},
      {"bad body", HO::BadBody, Status::Fail, Status::Fail, "body is not Rainbow's",
       "openrainbow.com:443 (HTTP 200, unexpected body) answered, but not as Rainbow does"},
      {"bad input", HO::BadInput, Status::Fail, Status::Fail, "bad URL in the profile",
       "Fix the HTTPS URL(s) in the profile: https://openrainbow.com/api/rainbow/ping"},
  };
  for (const HttpsCase& c : cases) {
    SCOPED_TRACE(c.name);
    Report r = diagnose(rainbowDefaultProfile(), signalling(HO::Ok, c.rest));
    const Requirement& h = row(r, "https");
    EXPECT_EQ(english(rowTitle(h.id)), "HTTPS 443 to Rainbow web and REST domains");
    EXPECT_EQ(english(rowSection(h.id)), "§5.2, §5.3 row 1, §5.4");
    EXPECT_EQ(h.status, c.rowStatus);
    ASSERT_EQ(h.evidence.size(), 2u);
    EXPECT_EQ(h.evidence[0].target, kWeb);
    EXPECT_EQ(h.evidence[0].outcome, "HTTP 200 in 85 ms");
    EXPECT_EQ(h.evidence[0].elapsedMs, 85);
    EXPECT_EQ(h.evidence[1].target, kRest);
    EXPECT_EQ(h.evidence[1].status, c.evidenceStatus);
    EXPECT_EQ(h.evidence[1].elapsedMs, 6000);
    EXPECT_TRUE(contains(h.evidence[1].outcome, c.outcome)) << h.evidence[1].outcome;
    if (std::string(c.advice).empty()) {
      EXPECT_EQ(h.advice, "");
    } else {
      EXPECT_TRUE(contains(h.advice, c.advice)) << h.advice;
      // The host that works is never blamed.
      EXPECT_FALSE(contains(h.advice, "web.openrainbow.com")) << h.advice;
    }
    bool blocked = c.rowStatus == Status::Fail;
    EXPECT_EQ(r.verdict, blocked ? Verdict::Blocked : Verdict::Ready);
    // No call in these observations: ready, but call quality unmeasured.
    EXPECT_EQ(r.headline, blocked ? HeadlineId::Blocked : HeadlineId::ReadyUntested);
  }
}

TEST(DiagnosisHttps, PassSummarySaysWhatWasOnlyReachable) {
  Report ok = diagnose(rainbowDefaultProfile(), signalling(HO::Ok, HO::Ok));
  EXPECT_EQ(row(ok, "https").summary, "every endpoint answered over HTTPS (2)");
  Report opaque = diagnose(rainbowDefaultProfile(), signalling(HO::Ok, HO::Opaque));
  EXPECT_EQ(row(opaque, "https").summary,
            "every endpoint answered over HTTPS (2); 1 only proven reachable: status and body not "
            "readable across origins");
}

TEST(DiagnosisHttps, OpaqueForOneNetworkErrorForTheOther) {
  Observations obs = signalling(HO::Opaque, HO::NetworkError);
  obs.https[1].detail = "TypeError: Failed to fetch";
  Report r = diagnose(rainbowDefaultProfile(), obs);
  const Requirement& h = row(r, "https");
  EXPECT_EQ(h.status, Status::Fail);
  EXPECT_EQ(h.evidence[0].status, Status::Pass);
  EXPECT_EQ(h.evidence[0].detail,
            "reachable; status and body not readable across origins (no CORS)");
  EXPECT_EQ(h.evidence[1].detail, "TypeError: Failed to fetch");
  EXPECT_EQ(h.summary, "1 of 2 endpoints failed: openrainbow.com:443 unreachable");
  // The browser does not say why a fetch failed: the advice names every possible cause.
  EXPECT_EQ(h.advice,
            "Allow HTTPS (TCP 443) from clients to openrainbow.com in the firewall/proxy (guide "
            "§5.3 row 1, §5.4). The browser does not say why openrainbow.com failed (network "
            "error); possible causes: DNS resolution of openrainbow.com (§5.6), TCP 443 in the "
            "firewall, or an HTTP proxy (§6.1) (inferred).");
  EXPECT_EQ(r.verdict, Verdict::Blocked);
}

TEST(DiagnosisHttps, AdviceGroupsHostsByPort) {
  Profile p = rainbowDefaultProfile();
  p.https.push_back({"https://files.example.com:8443/x", "files", "", "§5.4"});
  Observations obs = signalling(HO::Timeout, HO::NetworkError);
  obs.https.push_back(https("https://files.example.com:8443/x", HO::NetworkError, 30));
  Report r = diagnose(p, obs);
  EXPECT_EQ(row(r, "https").advice,
            "Allow HTTPS (TCP 443) from clients to web.openrainbow.com and openrainbow.com in the "
            "firewall/proxy (guide §5.3 row 1, §5.4). Allow HTTPS (TCP 8443) from clients to "
            "files.example.com in the firewall/proxy (guide §5.3 row 1, §5.4). The browser does "
            "not say why openrainbow.com and files.example.com failed (network error); possible "
            "causes: DNS resolution of openrainbow.com and files.example.com (§5.6), TCP 443 and "
            "8443 in the firewall, or an HTTP proxy (§6.1) (inferred).");
}

TEST(DiagnosisHttps, NetworkErrorCausesFollowTheNetworkHint) {
  using Proxy = NetworkHint::Proxy;
  struct Case {
    Proxy mode;
    const char* causes;
  };
  for (const Case& c :
       {Case{Proxy::Unknown,
             "(§5.6), TCP 443 in the firewall, or an HTTP proxy (§6.1) (inferred)."},
        Case{Proxy::None,
             "(§5.6) or TCP 443 in the firewall (no HTTP proxy in use, as stated by the host "
             "page) (inferred)."},
        Case{Proxy::Configured,
             "(§5.6), TCP 443 in the firewall, or the HTTP proxy squid.corp:3128 refusing "
             "CONNECT to it (§6.1) (inferred)."}}) {
    SCOPED_TRACE(c.causes);
    Profile p = rainbowDefaultProfile();
    p.network = {c.mode, "squid.corp:3128"};
    Report r = diagnose(p, signalling(HO::NetworkError, HO::Timeout));
    const std::string advice = english(row(r, "https").advice);
    // Only the network error is unexplained by the browser; the timeout is not listed.
    EXPECT_TRUE(contains(advice,
                         "The browser does not say why web.openrainbow.com failed (network "
                         "error); possible causes: DNS resolution of web.openrainbow.com "))
        << advice;
    EXPECT_TRUE(contains(advice, c.causes)) << advice;
  }
}

// A refused fetch and WebSocket are told DNS or firewall by the name probes the runner started
// for their hosts (Chromium's lookup error text; silence to the deadline = resolved).
IceObservation nameProbe(const std::string& host, bool resolves) {
  IceObservation o = fixtures::iceObservation(
      host, "stun:" + host + ":443",
      resolves ? IceObservation::Outcome::Timeout : IceObservation::Outcome::NoCandidate,
      resolves ? 1500 : 30);
  if (resolves) {
    o.waitedToDeadline = true;
  } else {
    o.errorCode = 701;
    o.errorText = "STUN host lookup received error.";
  }
  return o;
}

TEST(DiagnosisHttps, NameProbesTellDnsFromFirewall) {
  for (bool resolves : {false, true}) {
    SCOPED_TRACE(resolves ? "resolves: firewall" : "does not resolve: DNS");
    Observations obs = signalling(HO::NetworkError, HO::Ok, XO::ConnectFailed);
    obs.xmpp->connectMs = -1;
    obs.names = {nameProbe("web.openrainbow.com", resolves),
                 nameProbe("openrainbow.com", resolves)};
    obs.https[1] = https(kRest, HO::NetworkError, 40);
    Report r = diagnose(rainbowDefaultProfile(), obs);
    const Requirement& h = row(r, "https");
    const Requirement& x = row(r, "xmpp-wss");
    EXPECT_EQ(h.status, Status::Fail);
    EXPECT_EQ(contains(h.advice, "DNS, not the firewall: web.openrainbow.com and openrainbow.com"),
              !resolves)
        << h.advice;
    EXPECT_EQ(contains(h.advice, "so not DNS: the firewall or a proxy refused the connection"),
              resolves)
        << h.advice;
    EXPECT_EQ(contains(h.advice, "Allow HTTPS (TCP 443)"), resolves) << h.advice;
    EXPECT_FALSE(contains(h.advice, "possible causes")) << "the name probe settled it";
    EXPECT_EQ(contains(x.advice, "DNS, not the firewall: openrainbow.com"), !resolves) << x.advice;
    EXPECT_EQ(contains(x.advice, "so not DNS"), resolves) << x.advice;
  }
}

// A server's body and a browser's text reach the report, the page and the lab's terminal: no
// control character (C0, DEL, C1) survives clip() (#11).
TEST(DiagnosisHttps, ControlCharactersOfABodyNeverReachTheReport) {
  Observations obs = signalling(HO::Ok, HO::BadBody);
  obs.https[1].detail =
      "evil \x1b[2J\x07 \x7f \xc2\x9b"
      "31m body";
  Report r = diagnose(rainbowDefaultProfile(), obs);
  const std::string d = english(row(r, "https").evidence[1].detail);
  EXPECT_TRUE(contains(d, "evil")) << d;
  for (std::size_t i = 0; i < d.size(); ++i) {
    const auto c = static_cast<unsigned char>(d[i]);
    EXPECT_FALSE(c < 0x20 || c == 0x7F) << i;
    EXPECT_FALSE(c == 0xC2 && i + 1 < d.size() &&
                 (static_cast<unsigned char>(d[i + 1]) & 0xE0) == 0x80)
        << i;
  }
}

TEST(DiagnosisHttps, InterceptionIsInferredInNotes) {
  Report r = diagnose(rainbowDefaultProfile(), signalling(HO::Ok, HO::BadBody));
  EXPECT_TRUE(hasNote(r, "inferred: openrainbow.com:443 (HTTP 200, unexpected body)"))
      << r.notes.size();
  EXPECT_TRUE(contains(row(r, "https").advice, "§5.6, §6.1"));
}

TEST(DiagnosisHttps, LongBodyIsClippedOnUtf8Boundary) {
  Observations obs = signalling(HO::Ok, HO::BadBody);
  std::string body(158, 'x');
  body += "éééé<html>captive portal</html>";  // 'é' is 2 bytes; the cut falls inside one
  obs.https[1].detail = body;
  Report r = diagnose(rainbowDefaultProfile(), obs);
  const std::string d = english(row(r, "https").evidence[1].detail);
  EXPECT_EQ(d, std::string(158, 'x') + "é...");
}

TEST(DiagnosisHttps, MissingEndpointIsNotAPass) {
  Observations obs = signalling(HO::Ok, HO::Ok);
  obs.https.pop_back();
  Report r = diagnose(rainbowDefaultProfile(), obs);
  const Requirement& h = row(r, "https");
  EXPECT_EQ(h.status, Status::Skipped);
  ASSERT_EQ(h.evidence.size(), 2u);
  EXPECT_EQ(h.evidence[1].target, kRest);
  EXPECT_EQ(h.evidence[1].status, Status::Skipped);
  EXPECT_EQ(h.evidence[1].outcome, "no result: the probe did not report");
  EXPECT_NE(r.verdict, Verdict::Ready);
}

TEST(DiagnosisHttps, CancelledProbeIsUnfinishedOneAtItsDeadlineFailed) {
  // In a cancelled run, a probe the cancel cut short is unfinished; one that had already
  // reached its own deadline timed out (the observation says which, not the elapsed time).
  struct Case {
    std::int64_t ms;
    bool cancelled;
    Status evidence;
  };
  for (Case c : {Case{2500, true, Status::Skipped}, Case{6000, false, Status::Fail}}) {
    SCOPED_TRACE(c.ms);
    Observations obs = signalling(HO::Ok, HO::Timeout);
    obs.https[1].elapsedMs = c.ms;
    obs.https[1].cancelled = c.cancelled;
    obs.cancelled = true;
    Report r = diagnose(rainbowDefaultProfile(), obs);
    EXPECT_EQ(row(r, "https").evidence[1].status, c.evidence);
    EXPECT_EQ(row(r, "https").status, c.evidence);
    EXPECT_NE(r.verdict, Verdict::Ready);
  }
}

struct XmppCase {
  const char* name;
  std::optional<XO> outcome;
  HO httpsRest;  // same host as the WebSocket
  Status status;
  const char* outcomeText;  // substring of the evidence outcome ("" when no evidence expected)
  const char* detailOrSummary;
  const char* advice;
};

TEST(DiagnosisXmpp, OutcomeTable) {
  const std::vector<XmppCase> cases = {
      {"ok", XO::Ok, HO::Ok, Status::Pass, "stream features in 140 ms",
       "XMPP stream answered over wss to openrainbow.com:443", ""},
      {"upgrade refused while https works", XO::ConnectFailed, HO::Opaque, Status::Fail,
       "connection failed before opening (close code 1006)",
       "HTTPS to openrainbow.com works but the WebSocket upgrade failed (no \"101 Switching "
       "Protocols\" answer): a proxy or firewall is refusing the HTTP Upgrade (§5.7.1), or the "
       "server answered the upgrade with a plain HTTP response or refused the page's origin — the "
       "browser cannot tell which",
       "Allow the WebSocket upgrade (wss, HTTP/1.1 Upgrade) to openrainbow.com:443 on the "
       "proxy/firewall (§5.7.1, §6.1)."},
      {"connect failed, https down too", XO::ConnectFailed, HO::NetworkError, Status::Fail,
       "close code 1006", "the WebSocket to openrainbow.com:443 could not be opened",
       "Allow secure WebSocket (wss, TCP 443) from clients to openrainbow.com in the "
       "firewall/proxy"},
      {"wrong subprotocol", XO::WrongSubprotocol, HO::Ok, Status::Fail,
       "without the xmpp subprotocol",
       "a WebSocket to openrainbow.com:443 opened, but no XMPP stream answered",
       "Exempt openrainbow.com from TLS inspection"},
      {"no xmpp answer", XO::NoXmppAnswer, HO::Ok, Status::Fail,
       "opened in 40 ms, but no XMPP stream answered",
       "a WebSocket to openrainbow.com:443 opened, but no XMPP stream answered",
       "If nothing inspects this traffic, the XMPP service itself answered wrongly"},
      {"timeout", XO::Timeout, HO::Ok, Status::Fail, "no answer within 6000 ms",
       "no answer from openrainbow.com:443 within 6000 ms",
       "opened, then nothing came back within 6000 ms"},
      {"bad input", XO::BadInput, HO::Ok, Status::Fail, "bad URL in the profile",
       "bad XMPP WebSocket URL in the profile", "Fix the XMPP WebSocket URL in the profile"},
      {"absent", std::nullopt, HO::Ok, Status::Skipped, "no result: the probe did not report",
       "no result: the probe did not report", ""},
  };
  for (const XmppCase& c : cases) {
    SCOPED_TRACE(c.name);
    Report r = diagnose(rainbowDefaultProfile(), signalling(HO::Ok, c.httpsRest, c.outcome));
    const Requirement& x = row(r, "xmpp-wss");
    EXPECT_EQ(english(rowTitle(x.id)), "XMPP over secure WebSocket 443");
    EXPECT_EQ(english(rowSection(x.id)), "§5.2, §5.3 row 2, §5.7.1");
    EXPECT_EQ(x.status, c.status);
    ASSERT_EQ(x.evidence.size(), 1u);
    EXPECT_EQ(x.evidence[0].target, kWss);
    EXPECT_EQ(x.evidence[0].status, c.status);
    EXPECT_TRUE(contains(x.evidence[0].outcome, c.outcomeText)) << x.evidence[0].outcome;
    EXPECT_TRUE(contains(x.evidence[0].detail + " | " + x.summary, c.detailOrSummary))
        << x.evidence[0].detail << " | " << x.summary;
    if (std::string(c.advice).empty()) {
      EXPECT_EQ(x.advice, "");
    } else {
      EXPECT_TRUE(contains(x.advice, c.advice)) << x.advice;
    }
  }
}

TEST(DiagnosisXmpp, UpgradeInferenceGoesToNotesOnlyWhenHttpsWorks) {
  Report works =
      diagnose(rainbowDefaultProfile(), signalling(HO::Ok, HO::Opaque, XO::ConnectFailed));
  EXPECT_TRUE(hasNote(works, "HTTPS to openrainbow.com works but the WebSocket upgrade"));
  // HTTPS to a different host (web.) does not count as the same host.
  Report other =
      diagnose(rainbowDefaultProfile(), signalling(HO::Ok, HO::NetworkError, XO::ConnectFailed));
  EXPECT_FALSE(hasNote(other, "WebSocket upgrade failed"));
}

TEST(DiagnosisXmpp, OkWhileHttpsFailsIsBlocked) {
  Report r = diagnose(rainbowDefaultProfile(), signalling(HO::NetworkError, HO::Ok, XO::Ok));
  EXPECT_EQ(row(r, "xmpp-wss").status, Status::Pass);
  EXPECT_EQ(row(r, "https").status, Status::Fail);
  EXPECT_EQ(r.verdict, Verdict::Blocked);
  EXPECT_EQ(r.headline, HeadlineId::Blocked);
}

TEST(DiagnosisXmpp, FailsAloneIsBlocked) {
  Report r = diagnose(rainbowDefaultProfile(), signalling(HO::Ok, HO::Ok, XO::NoXmppAnswer));
  EXPECT_EQ(r.verdict, Verdict::Blocked);
  EXPECT_EQ(r.headline, HeadlineId::Blocked);
}

TEST(DiagnosisXmpp, CancelledBeforeDeadlineIsUnfinished) {
  Observations obs = signalling(HO::Ok, HO::Ok, XO::Timeout);
  obs.xmpp->cancelled = true;
  obs.cancelled = true;
  obs.elapsedMs = 3000;
  Report r = diagnose(rainbowDefaultProfile(), obs);
  EXPECT_EQ(row(r, "xmpp-wss").status, Status::Skipped);
  EXPECT_EQ(row(r, "xmpp-wss").evidence[0].outcome,
            "unfinished: the check was cancelled after 3000 ms");
}

}  // namespace
}  // namespace netready
