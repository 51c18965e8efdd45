// Diagnosis of the proxy rows (`proxy-websocket`, `proxy-turn`) under each network hint, and the
// inferences the page draws when it cannot see whether a proxy is in use.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/diagnosis/diagnosis_fixtures.h"
#include "netready/diagnosis.h"
#include "netready/profile.h"

namespace netready {
namespace {

using fixtures::contains, fixtures::hasNote, fixtures::Picker, fixtures::row;
using IO = IceObservation::Outcome;
using HO = HttpsObservation::Outcome;
using XO = XmppObservation::Outcome;
using Proxy = NetworkHint::Proxy;
constexpr IceTransport U = IceTransport::Udp, T = IceTransport::Tcp;

constexpr HeadlineId kTcpOnly = HeadlineId::TcpOnly;
constexpr HeadlineId kNoCalls = HeadlineId::NoCalls;
constexpr HeadlineId kIncomplete = HeadlineId::Incomplete;
constexpr const char* kInvisible =
    "whether an HTTP proxy is in use is not visible to the page; not measured";
constexpr const char* kNoProxy = "no HTTP proxy in use (as stated by the host page)";

// Error: 701 as the browser reports it (UDP after ~40 s, TCP/TLS refused at once).
IceObservation ice(const std::string& region, IceTransport t, IO outcome) {
  const std::int64_t ms = outcome == IO::Timeout ? 6000
                          : outcome == IO::Error ? (t == U ? 39900 : 90)
                                                 : 70;
  IceObservation o = fixtures::turnIce(region, t, outcome, ms);
  if (outcome == IO::Error) o.errorCode = 701;
  return o;
}

Picker each(IO udp, IO tcp, IO tls) {
  return [=](const std::string& r, IceTransport t) {
    return ice(r, t, t == U ? udp : t == T ? tcp : tls);
  };
}

Observations world(HO https, XO xmpp, const Picker& pick) {
  Observations obs = fixtures::turnWorld(https, https, 200, fixtures::xmppObservation(xmpp), pick);
  obs.elapsedMs = 6200;
  return obs;
}

Profile withProxy(Proxy mode, const std::string& label = "squid.corp:3128") {
  Profile p = rainbowDefaultProfile();
  p.network.proxy = mode;
  p.network.proxyLabel = label;
  return p;
}

TEST(DiagnosisProxy, RowsFollowTheNetworkHint) {
  struct Case {
    Proxy mode;
    Status status;
    const char* summary;  // both rows; "" when measured
  };
  for (const Case& c :
       {Case{Proxy::Unknown, Status::Skipped, kInvisible},
        Case{Proxy::None, Status::Skipped, kNoProxy}, Case{Proxy::Configured, Status::Pass, ""}}) {
    SCOPED_TRACE(static_cast<int>(c.mode));
    Report r =
        diagnose(withProxy(c.mode), world(HO::Ok, XO::Ok, each(IO::Relay, IO::Relay, IO::Relay)));
    const Requirement& ws = row(r, "proxy-websocket");
    const Requirement& turn = row(r, "proxy-turn");
    EXPECT_EQ(english(rowTitle(ws.id)), "HTTP proxy passes the WebSocket upgrade");
    EXPECT_EQ(english(rowSection(ws.id)), "§5.7.1, §6.1");
    EXPECT_EQ(english(rowTitle(turn.id)), "HTTP proxy passes TURN via CONNECT 80/443");
    EXPECT_EQ(english(rowSection(turn.id)), "§5.3 right column, §6.1");
    for (const Requirement* q : {&ws, &turn}) {
      EXPECT_EQ(q->status, c.status) << q->id;
      if (*c.summary != '\0') {
        EXPECT_EQ(q->summary, c.summary) << q->id;
      }
      EXPECT_EQ(q->advice, "") << q->id;
    }
    EXPECT_EQ(r.verdict, Verdict::Ready);
  }
}

struct WsCase {
  const char* name;
  HO https;
  XO xmpp;
  Status status;
  const char* summary;  // substring
  const char* advice;   // substring; "" means none
};

TEST(DiagnosisProxy, WebSocketUpgradeTable) {
  const std::vector<WsCase> cases = {
      {"passes", HO::Ok, XO::Ok, Status::Pass,
       "the HTTP proxy squid.corp:3128 passed the WebSocket upgrade to openrainbow.com:443", ""},
      {"upgrade refused", HO::Opaque, XO::ConnectFailed, Status::Fail,
       "HTTPS through the HTTP proxy squid.corp:3128 works but the WebSocket upgrade to "
       "openrainbow.com:443 failed",
       "Allow HTTP Upgrade / WebSocket (wss) to openrainbow.com:443 on the HTTP proxy "
       "squid.corp:3128 (§5.7.1, §6.1). The browser shows a proxy refusing the upgrade and the "
       "server refusing the page's origin alike (close 1006)"},
      {"xmpp and https both fail", HO::NetworkError, XO::ConnectFailed, Status::Skipped,
       "cannot separate: HTTPS to openrainbow.com does not get through the HTTP proxy "
       "squid.corp:3128 either",
       ""},
      {"upgrade unanswered", HO::Ok, XO::Timeout, Status::Fail,
       "got no answer: the proxy holds or drops it (inferred)",
       "Nothing answered, as when the upgrade is silently dropped (inferred)."},
      {"opened but no xmpp", HO::Ok, XO::NoXmppAnswer, Status::Fail,
       "the proxy likely inspects TLS and terminates the WebSocket (inferred)",
       "Exempt openrainbow.com from TLS inspection on the HTTP proxy squid.corp:3128"},
      {"bad url", HO::Ok, XO::BadInput, Status::Skipped, "not checked", ""},
  };
  for (const WsCase& c : cases) {
    SCOPED_TRACE(c.name);
    Report r = diagnose(withProxy(Proxy::Configured),
                        world(c.https, c.xmpp, each(IO::Relay, IO::Relay, IO::Relay)));
    const Requirement& ws = row(r, "proxy-websocket");
    EXPECT_EQ(ws.status, c.status);
    EXPECT_TRUE(contains(ws.summary, c.summary)) << ws.summary;
    if (*c.advice == '\0') {
      EXPECT_EQ(ws.advice, "");
    } else {
      EXPECT_TRUE(contains(ws.advice, c.advice)) << ws.advice;
    }
  }
}

TEST(DiagnosisProxy, RefusedUpgradeShowsTheHttpsReference) {
  Report r = diagnose(withProxy(Proxy::Configured),
                      world(HO::Ok, XO::ConnectFailed, each(IO::Relay, IO::Relay, IO::Relay)));
  const Requirement& ws = row(r, "proxy-websocket");
  ASSERT_EQ(ws.evidence.size(), 2u);
  EXPECT_EQ(ws.evidence[0].target, "wss://openrainbow.com/websocket");
  EXPECT_EQ(ws.evidence[0].outcome, "connection failed before opening (close code 1006)");
  EXPECT_EQ(ws.evidence[0].detail, "through the HTTP proxy squid.corp:3128");
  EXPECT_EQ(ws.evidence[1].target, "https://openrainbow.com/api/rainbow/ping");
  EXPECT_EQ(ws.evidence[1].status, Status::Pass);
  // The xmpp-wss note points at the configured proxy, still as an inference.
  EXPECT_TRUE(hasNote(r, "— inferred; the HTTP proxy squid.corp:3128 is the first suspect"));
}

TEST(DiagnosisProxy, UnlabelledProxyIsStillNamed) {
  Report r = diagnose(withProxy(Proxy::Configured, ""),
                      world(HO::Ok, XO::ConnectFailed, each(IO::Relay, IO::Relay, IO::Relay)));
  EXPECT_TRUE(contains(row(r, "proxy-websocket").advice,
                       "to openrainbow.com:443 on the HTTP proxy (§5.7.1, §6.1)."));
}

struct TurnCase {
  const char* name;
  HO https;
  Picker pick;
  Status status;
  const char* summary;  // substring
  const char* advice;   // substring; "" means none
  Verdict verdict;
};

TEST(DiagnosisProxy, ConnectTable) {
  const IO R = IO::Relay, E = IO::Error, X = IO::Timeout;
  const std::vector<TurnCase> cases = {
      {"everything passes", HO::Ok, each(R, R, R), Status::Pass,
       "the HTTP proxy squid.corp:3128 passed CONNECT to every TURN server tried "
       "(turn-eu1.openrainbow.com:80, turn-eu1.openrainbow.com:443, ",
       "", Verdict::Ready},
      {"401 proves the tunnel", HO::Ok,
       [](const std::string& r, IceTransport t) {
         IceObservation o = ice(r, t, IO::Unauthorized);
         o.hadCredentials = false;
         return o;
       },
       Status::Pass, "passed CONNECT to every TURN server tried", "", Verdict::Ready},
      {"443 only (squid default)", HO::Ok, each(X, E, R), Status::Warn,
       "CONNECT to port 80 refused or failed (turn-eu1.openrainbow.com:80, ",
       "Media can use TURN through the HTTP proxy squid.corp:3128 on port 443. Optional: allow "
       "CONNECT to turn-eu1.openrainbow.com:80, turn-na1.openrainbow.com:80, "
       "turn-as1.openrainbow.com:80 and turn-oc1.openrainbow.com:80 on the HTTP proxy "
       "squid.corp:3128 as well (§5.3 right column, §6.1).",
       Verdict::Degraded},
      {"nothing through the proxy", HO::Ok, each(X, E, X), Status::Fail,
       "no TURN server reachable through the HTTP proxy squid.corp:3128",
       "Allow CONNECT to turn-eu1.openrainbow.com:443, turn-na1.openrainbow.com:443, "
       "turn-as1.openrainbow.com:443, turn-oc1.openrainbow.com:443, "
       "turn-eu1.openrainbow.com:80, turn-na1.openrainbow.com:80, turn-as1.openrainbow.com:80 "
       "and turn-oc1.openrainbow.com:80 on the HTTP proxy squid.corp:3128 (§5.3 right column, "
       "§6.1); many proxies refuse CONNECT to non-web hosts.",
       Verdict::Blocked},
      {"https through the proxy fails too", HO::NetworkError, each(X, E, X), Status::Skipped,
       "cannot separate: no HTTPS request got through the HTTP proxy squid.corp:3128 either", "",
       Verdict::Blocked},
      {"TLS passes for eu1, fails for na1", HO::Ok,
       [](const std::string& r, IceTransport t) {
         if (t == U) return ice(r, t, IO::Timeout);
         return ice(r, t, (r == "na1") ? IO::Error : IO::Relay);
       },
       Status::Fail,
       "failed to turn-na1.openrainbow.com:443 and turn-na1.openrainbow.com:80 while it passed "
       "to turn-eu1.openrainbow.com:80, turn-eu1.openrainbow.com:443",
       "Allow CONNECT to turn-na1.openrainbow.com:443 and turn-na1.openrainbow.com:80 on the "
       "HTTP proxy squid.corp:3128 (§5.3 right column, §6.1). CONNECT to",
       Verdict::Degraded},
  };
  for (const TurnCase& c : cases) {
    SCOPED_TRACE(c.name);
    Report r = diagnose(withProxy(Proxy::Configured), world(c.https, XO::Ok, c.pick));
    const Requirement& q = row(r, "proxy-turn");
    EXPECT_EQ(q.status, c.status);
    EXPECT_TRUE(contains(q.summary, c.summary)) << q.summary;
    if (*c.advice == '\0') {
      EXPECT_EQ(q.advice, "");
    } else {
      EXPECT_TRUE(contains(q.advice, c.advice)) << q.advice;
    }
    EXPECT_EQ(q.evidence.size(), 8u);  // one CONNECT per TURN/TCP and TURN/TLS URL
    EXPECT_EQ(r.verdict, c.verdict);
  }
}

TEST(DiagnosisProxy, Only443ThroughSquidIsDegradedWithCalmHeadline) {
  Report r = diagnose(withProxy(Proxy::Configured),
                      world(HO::Ok, XO::Ok, each(IO::Timeout, IO::Error, IO::Relay)));
  const Requirement& q = row(r, "proxy-turn");
  EXPECT_EQ(q.evidence[0].target, "CONNECT turn-eu1.openrainbow.com:80 (TURN/TCP, eu1)");
  EXPECT_EQ(q.evidence[0].outcome, "refused or failed: error 701 in 90 ms");
  EXPECT_TRUE(contains(q.evidence[0].detail, "the browser does not show whether the proxy"));
  EXPECT_EQ(q.evidence[1].outcome, "passed: relay candidate in 70 ms");
  EXPECT_TRUE(hasNote(r,
                      "inferred: the HTTP proxy squid.corp:3128 passes CONNECT to port 443 but not "
                      "to port 80: squid's default rules deny CONNECT to ports other than 443"));
  // UDP never goes through the proxy: expected to fail, optional while TURN/TLS works.
  const Requirement& udp = row(r, "turn-udp");
  EXPECT_EQ(udp.status, Status::Fail);
  EXPECT_TRUE(contains(udp.advice,
                       "With the HTTP proxy squid.corp:3128 configured, browsers send TURN/UDP "
                       "directly, never through the proxy"))
      << udp.advice;
  EXPECT_TRUE(contains(udp.advice,
                       "Media will go through the proxy over TURN/TLS 443; UDP 3478 direct is "
                       "optional if TURN/TLS via the proxy works (it does here;"));
  EXPECT_FALSE(contains(udp.advice, "looks blocked")) << "the proxy sentence replaces it";
  // Behind the proxy, TCP leaves only through it: the advice names the proxy, not the firewall.
  const Requirement& tcp = row(r, "turn-tcp");
  EXPECT_EQ(tcp.evidence[0].detail,
            "refused or reset through the HTTP proxy squid.corp:3128: its CONNECT rules, or "
            "nothing listening behind it (inferred)");
  EXPECT_EQ(english(tcp.advice).rfind("Allow CONNECT to turn-eu1.openrainbow.com, turn-na1.openrainbow.com, "
                             "turn-as1.openrainbow.com and turn-oc1.openrainbow.com on port 80 on "
                             "the HTTP proxy squid.corp:3128 (§5.3 right column, §6.1).",
                             0),
            0u)
      << tcp.advice;
  EXPECT_FALSE(contains(tcp.advice, "firewall")) << tcp.advice;
  EXPECT_EQ(row(r, "turn-tls").status, Status::Pass);
  EXPECT_EQ(r.verdict, Verdict::Degraded);
  EXPECT_EQ(r.headline, kTcpOnly);
}

TEST(DiagnosisProxy, UdpAdviceWhenTlsThroughTheProxyFailsToo) {
  Report r = diagnose(withProxy(Proxy::Configured),
                      world(HO::Ok, XO::Ok, each(IO::Timeout, IO::Error, IO::Timeout)));
  EXPECT_TRUE(contains(row(r, "turn-udp").advice, "(it does not here: see proxy-turn;"));
  EXPECT_EQ(r.headline, kNoCalls);
}

TEST(DiagnosisProxy, CancelledRunWithProxyConfiguredClaimsNothingUnfinished) {
  Profile p = withProxy(Proxy::Configured);
  Observations obs = world(HO::Ok, XO::Timeout, [](const std::string& r, IceTransport t) {
    IceObservation o = ice(r, t, t == T ? IO::Error : IO::Timeout);
    if (t != T) {  // still running when the user cancelled
      o.elapsedMs = 2000;
      o.cancelled = true;
    }
    return o;
  });
  obs.xmpp->cancelled = true;
  obs.cancelled = true;
  obs.elapsedMs = 2000;
  Report r = diagnose(p, obs);
  const Requirement& ws = row(r, "proxy-websocket");
  EXPECT_EQ(ws.status, Status::Skipped);
  EXPECT_EQ(ws.summary, "no result: the check was cancelled before the WebSocket probe ended");
  const Requirement& q = row(r, "proxy-turn");
  EXPECT_EQ(q.status, Status::Skipped) << "TLS 443 might still have passed";
  EXPECT_EQ(q.summary,
            "incomplete: CONNECT to turn-eu1.openrainbow.com:80, turn-na1.openrainbow.com:80, "
            "turn-as1.openrainbow.com:80 and turn-oc1.openrainbow.com:80 failed; 4 probe(s) "
            "without a result");
  EXPECT_NE(r.verdict, Verdict::Ready);
  EXPECT_EQ(r.headline, kIncomplete);
}

TEST(DiagnosisProxy, UnknownProxyInferencesInNotes) {
  struct Case {
    const char* name;
    XO xmpp;
    Picker pick;
    const char* note;  // "" means no border inference at all
  };
  const IO R = IO::Relay, E = IO::Error, X = IO::Timeout;
  const std::vector<Case> cases = {
      {"all good", XO::Ok, each(R, R, R), ""},
      {"443 only", XO::Ok, each(X, E, R),
       "TURN over TLS 443 works but UDP and TCP 80 fail: consistent with a proxy-only or "
       "443-only network — inferred; the page cannot see whether a proxy is in use"},
      {"upgrade refused", XO::ConnectFailed, each(R, R, R),
       "HTTPS to openrainbow.com works but the WebSocket upgrade failed (no \"101 Switching "
       "Protocols\" answer): a proxy or firewall is refusing the HTTP Upgrade (§5.7.1), or the "
       "server answered the upgrade with a plain HTTP response or refused the page's origin — the "
       "browser cannot tell which — inferred; the page cannot see whether a proxy is in use"},
      {"no TURN over TCP/TLS", XO::Ok, each(R, E, X),
       "every TURN/TCP and TURN/TLS probe failed while HTTPS works: a firewall filters the TURN "
       "servers by host or port, or an HTTP proxy refuses CONNECT to them (§6.1) — inferred"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Report r = diagnose(rainbowDefaultProfile(), world(HO::Ok, c.xmpp, c.pick));
    EXPECT_EQ(row(r, "proxy-turn").summary, kInvisible);
    EXPECT_EQ(row(r, "proxy-websocket").summary, kInvisible);
    if (*c.note == '\0') {
      EXPECT_FALSE(hasNote(r, "inferred"));
    } else {
      EXPECT_TRUE(hasNote(r, c.note));
    }
  }
}

TEST(DiagnosisProxy, NoProxyStatedButEvidenceLooksLikeOne) {
  Report r = diagnose(withProxy(Proxy::None, ""),
                      world(HO::Ok, XO::ConnectFailed, each(IO::Timeout, IO::Error, IO::Relay)));
  EXPECT_EQ(row(r, "proxy-turn").status, Status::Skipped);
  EXPECT_EQ(row(r, "proxy-turn").summary, kNoProxy);
  EXPECT_TRUE(hasNote(r,
                      "TURN over TLS 443 works but UDP and TCP 80 fail: consistent with a "
                      "firewall that allows only TCP 443 (the host page states no HTTP proxy is "
                      "in use) — inferred"));
  EXPECT_TRUE(hasNote(r,
                      "— inferred; the host page states no HTTP proxy is in use, so a firewall "
                      "(or a transparent proxy) is the likely element"));
  EXPECT_FALSE(hasNote(r, "a proxy-only"));
}

}  // namespace
}  // namespace netready
