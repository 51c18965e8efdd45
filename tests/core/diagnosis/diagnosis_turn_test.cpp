// Diagnosis of the TURN rows (per server x transport) and the best region.
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

using fixtures::contains, fixtures::Picker, fixtures::row;
using IO = IceObservation::Outcome;

IceObservation ice(const std::string& region, IceTransport t, IO outcome, std::int64_t ms,
                   bool credentials = true, int code = 0) {
  IceObservation o = fixtures::turnIce(region, t, outcome, ms);
  o.hadCredentials = credentials;
  o.errorCode = code;
  return o;
}

// Signalling works; every TURN URL gets `pick(region, transport)`.
Observations world(const Picker& pick) {
  return fixtures::turnWorld(HttpsObservation::Outcome::Ok, HttpsObservation::Outcome::Opaque, 0,
                             fixtures::xmppObservation(XmppObservation::Outcome::Ok, -1, -1), pick);
}

IceObservation relayAll(const std::string& r, IceTransport t) { return ice(r, t, IO::Relay, 70); }

TEST(DiagnosisTurn, EveryServerRelays) {
  Report r = diagnose(rainbowDefaultProfile(), world(relayAll));
  for (const char* id : {"turn-udp", "turn-tcp", "turn-tls"}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(row(r, id).status, Status::Pass);
    EXPECT_EQ(row(r, id).summary, "relay candidate from every server: eu1, na1, as1 and oc1");
    EXPECT_EQ(row(r, id).advice, "");
    EXPECT_EQ(row(r, id).evidence.size(), 4u);
  }
  const Requirement& tls = row(r, "turn-tls");
  EXPECT_EQ(english(rowTitle(tls.id)), "TURN over TLS 443");
  EXPECT_EQ(english(rowSection(tls.id)), "§5.3 row 3");
  EXPECT_EQ(english(rowTitle(row(r, "turn-tcp").id)), "TURN over TCP 80");
  EXPECT_EQ(english(rowTitle(row(r, "turn-udp").id)), "TURN over UDP 3478");
  EXPECT_EQ(english(rowSection(row(r, "turn-udp").id)),
            "practice: Rainbow help center (UDP 3478); not in guide Ed 6 table");
  EXPECT_EQ(tls.evidence[0].target, "turn-eu1.openrainbow.com:443 TURN/TLS (eu1)");
  EXPECT_EQ(tls.evidence[0].outcome, "relay candidate in 70 ms");
  EXPECT_EQ(tls.evidence[0].detail, "relay 198.18.0.21:50000 udp");
  EXPECT_EQ(tls.evidence[0].elapsedMs, 70);
  EXPECT_EQ(r.verdict, Verdict::Ready);
  EXPECT_EQ(r.headline, HeadlineId::ReadyUntested);  // no call placed: quality not measured
  EXPECT_EQ(row(r, "media").summary, "no test call was placed");
}

struct OutcomeCase {
  const char* name;
  IceTransport transport;
  IceObservation obs;
  Status evidence;
  const char* outcome;
  const char* detail;
};

TEST(DiagnosisTurn, EvidenceTable) {
  const IceTransport U = IceTransport::Udp, T = IceTransport::Tcp, S = IceTransport::Tls;
  const std::vector<OutcomeCase> cases = {
      {"relay", U, ice("na1", U, IO::Relay, 95), Status::Pass, "relay candidate in 95 ms",
       "relay 198.18.0.21:50000 udp"},
      {"401 no credentials", U, ice("na1", U, IO::Unauthorized, 12, false), Status::Pass,
       "401 Unauthorized in 12 ms: reachable, no valid credentials",
       "no credentials given: relay not tested"},
      {"401 with credentials", T, ice("na1", T, IO::Unauthorized, 12, true), Status::Warn,
       "401 Unauthorized in 12 ms: credentials refused", ""},
      {"udp 701", U, ice("na1", U, IO::Error, 39900, true, 701), Status::Fail,
       "error 701 in 39900 ms", "no answer over UDP (UDP blocked or server down)"},
      {"tcp 701 fast", T, ice("na1", T, IO::Error, 90, true, 701), Status::Fail,
       "error 701 in 90 ms", "connection refused or reset (firewall REJECT or nothing listening)"},
      {"tls 701 late", S, ice("na1", S, IO::Error, 13000, true, 701), Status::Fail,
       "error 701 in 13000 ms",
       "no answer before the browser gave up: silently dropped (firewall DROP rule or blackhole), "
       "inferred"},
      {"tls timeout", S, ice("na1", S, IO::Timeout, 6000), Status::Fail,
       "timed out after 6000 ms: no answer (packets silently dropped?)",
       "silently dropped (firewall DROP rule or blackhole), inferred from the absence of any "
       "answer"},
      {"udp timeout", U, ice("na1", U, IO::Timeout, 6000), Status::Fail,
       "timed out after 6000 ms: no answer (packets silently dropped?)", ""},
      {"no candidate", T, ice("na1", T, IO::NoCandidate, 400), Status::Fail,
       "no relay candidate (gathering ended after 400 ms)", ""},
      {"failed", T, ice("na1", T, IO::Failed, 1), Status::Fail,
       "could not start the check (bad ICE configuration)", ""},
  };
  for (const OutcomeCase& c : cases) {
    SCOPED_TRACE(c.name);
    Observations obs = world([&](const std::string& r, IceTransport t) {
      return (r == "na1" && t == c.transport) ? c.obs : relayAll(r, t);
    });
    Report rep = diagnose(rainbowDefaultProfile(), obs);
    const char* id = c.transport == U ? "turn-udp" : c.transport == T ? "turn-tcp" : "turn-tls";
    const Evidence& e = row(rep, id).evidence[1];
    EXPECT_TRUE(contains(e.target, "turn-na1.openrainbow.com")) << e.target;
    EXPECT_EQ(e.status, c.evidence);
    EXPECT_EQ(e.outcome, c.outcome);
    EXPECT_EQ(e.detail, c.detail);
    // One region failing while the others relay: the row fails for that server (verdict
    // degraded); refused credentials make it warn (the path is open, the relay untested).
    EXPECT_EQ(row(rep, id).status, c.evidence);
    EXPECT_EQ(rep.verdict, c.evidence == Status::Pass ? Verdict::Ready : Verdict::Degraded);
  }
}

TEST(DiagnosisTurn, UdpRelaysForEu1ButTimesOutForNa1) {
  Observations obs = world([](const std::string& r, IceTransport t) {
    return (r == "na1" && t == IceTransport::Udp) ? ice(r, t, IO::Timeout, 6000) : relayAll(r, t);
  });
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  const Requirement& udp = row(rep, "turn-udp");
  EXPECT_EQ(udp.status, Status::Fail);
  EXPECT_EQ(udp.summary, "region na1 unreachable over UDP");
  EXPECT_EQ(udp.advice,
            "Allow outbound UDP 3478 to turn-na1.openrainbow.com in the firewall (Rainbow help "
            "center; without UDP, media falls back to TCP/TLS 443 with more latency).");
  EXPECT_EQ(rep.verdict, Verdict::Degraded);
  EXPECT_EQ(rep.headline, HeadlineId::Degraded);
}

TEST(DiagnosisTurn, UdpBlockedEverywhereFallsBackToTcp) {
  Observations obs = world([](const std::string& r, IceTransport t) {
    return t == IceTransport::Udp ? ice(r, t, IO::Timeout, 6000) : relayAll(r, t);
  });
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  const Requirement& udp = row(rep, "turn-udp");
  EXPECT_EQ(udp.status, Status::Fail);
  EXPECT_EQ(udp.summary, "no TURN server reachable over UDP (eu1, na1, as1 and oc1)");
  EXPECT_TRUE(contains(udp.advice,
                       "Allow outbound UDP 3478 to turn-eu1.openrainbow.com, "
                       "turn-na1.openrainbow.com, turn-as1.openrainbow.com and "
                       "turn-oc1.openrainbow.com in the firewall"))
      << udp.advice;
  EXPECT_EQ(rep.verdict, Verdict::Degraded);
  EXPECT_EQ(rep.headline, HeadlineId::TcpOnly);
}

TEST(DiagnosisTurn, OnlyTlsWorks) {
  Observations obs = world([](const std::string& r, IceTransport t) {
    return t == IceTransport::Tls ? relayAll(r, t) : ice(r, t, IO::Timeout, 6000);
  });
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  EXPECT_EQ(row(rep, "turn-tcp").status, Status::Fail);
  EXPECT_TRUE(
      contains(row(rep, "turn-tcp").advice,
               "Allow outbound TCP 80 to turn-eu1.openrainbow.com, "
               "turn-na1.openrainbow.com, turn-as1.openrainbow.com and "
               "turn-oc1.openrainbow.com in the firewall (§5.3 row 3, §5.4); behind an "
               "HTTP proxy, allow CONNECT to these hosts on 80 (§5.3 right column, §6.1)."));
  EXPECT_EQ(rep.verdict, Verdict::Degraded);
  EXPECT_EQ(rep.headline, HeadlineId::TcpOnly);
}

TEST(DiagnosisTurn, EveryTransportFailsBlocksCalls) {
  Observations obs = world([](const std::string& r, IceTransport t) {
    if (t == IceTransport::Tls) return ice(r, t, IO::Timeout, 6000);
    IceObservation o = ice(r, t, IO::Error, 80, true, 701);
    // Chromium's words (a 701 without any text on UDP is Firefox's failed name lookup).
    o.errorText = t == IceTransport::Udp ? "TURN allocate request timed out."
                                         : "Failed to establish connection";
    return o;
  });
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  const Requirement& tls = row(rep, "turn-tls");
  EXPECT_EQ(tls.status, Status::Fail);
  EXPECT_TRUE(contains(tls.advice,
                       "Allow TCP 443 to turn-eu1.openrainbow.com, turn-na1.openrainbow.com, "
                       "turn-as1.openrainbow.com and turn-oc1.openrainbow.com (§5.3 row 3, §5.4); "
                       "behind an HTTP proxy, allow CONNECT to these hosts on 443 (§5.3 right "
                       "column, §6.1)."));
  EXPECT_TRUE(contains(tls.advice,
                       "silently dropped (firewall DROP rule or blackhole), inferred "
                       "from the absence of any answer"));
  EXPECT_TRUE(contains(row(rep, "turn-tcp").advice,
                       "turn-oc1.openrainbow.com:80: connection refused or reset (firewall "
                       "REJECT or nothing listening)"));
  EXPECT_EQ(rep.verdict, Verdict::Blocked);
  EXPECT_EQ(rep.headline, HeadlineId::NoCalls);
  EXPECT_EQ(rep.bestTurnRegion, "");
}

TEST(DiagnosisTurn, UnauthorizedWithoutCredentialsProvesReachability) {
  Profile p = rainbowDefaultProfile();  // no credentials
  Observations obs = world(
      [](const std::string& r, IceTransport t) { return ice(r, t, IO::Unauthorized, 12, false); });
  Report rep = diagnose(p, obs);
  for (const char* id : {"turn-udp", "turn-tcp", "turn-tls"}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(row(rep, id).status, Status::Pass);
    EXPECT_EQ(row(rep, id).summary,
              "reachable (server answered 401: no credentials given, relay not tested)");
  }
  EXPECT_EQ(row(rep, "media").status, Status::Skipped);
  EXPECT_EQ(row(rep, "media").summary, "no TURN credentials: relay media not tested");
  EXPECT_EQ(rep.bestTurnRegion, "");
  int noted = 0;
  for (const Text& n : rep.notes)
    noted += contains(n, "answered 401 because no credentials") ? 1 : 0;
  EXPECT_EQ(noted, 1);
  EXPECT_EQ(rep.verdict, Verdict::Ready);
}

// Stale credentials are not a blocked network: the rows warn "credentials refused", the advice
// says where fresh ones come from, the headline says calls could not be tested (#13).
TEST(DiagnosisTurn, UnauthorizedWithCredentialsIsRefusedNotBlocked) {
  Observations obs = world(
      [](const std::string& r, IceTransport t) { return ice(r, t, IO::Unauthorized, 12, true); });
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  for (const char* id : {"turn-udp", "turn-tcp", "turn-tls"}) {
    EXPECT_EQ(row(rep, id).status, Status::Warn) << id;
    EXPECT_TRUE(contains(row(rep, id).summary, "credentials given were refused (401)")) << id;
  }
  const Requirement& udp = row(rep, "turn-udp");
  EXPECT_EQ(udp.summary,
            "reachable, but the credentials given were refused (401) by eu1, na1, as1 and oc1 "
            "over UDP: relay not tested");
  EXPECT_TRUE(contains(udp.advice,
                       "The TURN credentials given were refused (401) by "
                       "turn-eu1.openrainbow.com:3478"));
  EXPECT_TRUE(contains(udp.advice, "sign in to Rainbow again")) << udp.advice;
  EXPECT_FALSE(contains(udp.advice, "Allow outbound")) << "the path is open";
  EXPECT_EQ(rep.verdict, Verdict::Degraded);
  EXPECT_EQ(rep.headline, HeadlineId::CredentialsRefused);
}

// One server refusing the credentials and another unreachable: the row fails (a real network
// problem) and names both.
TEST(DiagnosisTurn, RefusedAndUnreachableServersFailTheRowNamingBoth) {
  Observations obs = world([](const std::string& r, IceTransport t) {
    return r == "eu1" ? ice(r, t, IO::Unauthorized, 12, true) : ice(r, t, IO::Timeout, 6000);
  });
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  const Requirement& tcp = row(rep, "turn-tcp");
  EXPECT_EQ(tcp.status, Status::Fail);
  EXPECT_TRUE(contains(tcp.summary, "credentials refused by eu1 over TCP")) << tcp.summary;
  EXPECT_TRUE(contains(tcp.summary, "unreachable")) << tcp.summary;
}

TEST(DiagnosisTurn, MixedRelayAndUnauthorizedWithoutCredentialsPasses) {
  Observations obs = world([](const std::string& r, IceTransport t) {
    return r == "eu1" ? relayAll(r, t) : ice(r, t, IO::Unauthorized, 12, false);
  });
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  EXPECT_EQ(row(rep, "turn-tcp").status, Status::Pass);
  EXPECT_EQ(row(rep, "turn-tcp").summary,
            "reachable (server answered 401: no credentials given, relay not tested); relay "
            "candidate from eu1");
}

TEST(DiagnosisTurn, PortFailingWhereAnotherPortWorksIsNamed) {
  Profile p = rainbowDefaultProfile();
  p.turn[0].urls.push_back("turn:turn-eu1.openrainbow.com:443?transport=tcp");
  Observations obs = world([](const std::string& r, IceTransport t) {
    return (r == "eu1" && t == IceTransport::Tcp) ? ice(r, t, IO::Timeout, 6000) : relayAll(r, t);
  });
  IceObservation tcp443 = ice("eu1", IceTransport::Tcp, IO::Relay, 110);
  tcp443.url = p.turn[0].urls.back();
  tcp443.parsed = parseIceUrl(tcp443.url).value();
  obs.ice.push_back(tcp443);
  Report rep = diagnose(p, obs);
  const Requirement& tcp = row(rep, "turn-tcp");
  EXPECT_EQ(tcp.status, Status::Fail);
  EXPECT_EQ(tcp.evidence.size(), 5u);
  EXPECT_EQ(tcp.summary, "region eu1 port 80 unreachable over TCP");
  EXPECT_TRUE(contains(tcp.advice, "Allow outbound TCP 80 to turn-eu1.openrainbow.com in"));
}

TEST(DiagnosisTurn, BadConfigIsNotCalledUnreachable) {
  Observations obs = world([](const std::string& r, IceTransport t) {
    return (r == "as1" && t == IceTransport::Udp) ? ice(r, t, IO::Failed, 1) : relayAll(r, t);
  });
  obs.ice[6].errorText = "InvalidAccessError";
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  const Requirement& udp = row(rep, "turn-udp");
  EXPECT_EQ(udp.status, Status::Fail);
  EXPECT_EQ(udp.summary, "bad TURN configuration for as1");
  EXPECT_EQ(
      udp.advice,
      "Fix the TURN URL(s) in the profile: turn:turn-as1.openrainbow.com:3478?transport=udp.");
  EXPECT_EQ(udp.evidence[2].detail, "InvalidAccessError");
}

TEST(DiagnosisTurn, TransportMissingFromProfileIsSkipped) {
  Profile p = rainbowDefaultProfile();
  for (TurnServer& s : p.turn) s.urls.pop_back();  // drop turns:
  Observations obs = world(relayAll);
  std::erase_if(obs.ice,
                [](const IceObservation& o) { return o.parsed.transport == IceTransport::Tls; });
  Report rep = diagnose(p, obs);
  EXPECT_EQ(row(rep, "turn-tls").status, Status::Skipped);
  EXPECT_EQ(row(rep, "turn-tls").summary, "not checked: the profile has no TURN/TLS URL");
  EXPECT_TRUE(row(rep, "turn-tls").evidence.empty());
  EXPECT_EQ(rep.verdict, Verdict::Ready);
}

TEST(DiagnosisTurn, StunUrlsAreNotTurnEvidence) {
  Observations obs = world(relayAll);
  IceObservation stun = ice("eu1", IceTransport::Udp, IO::Timeout, 6000);
  stun.url = "stun:turn-eu1.openrainbow.com:3478";
  stun.parsed = parseIceUrl(stun.url).value();
  obs.ice.push_back(stun);
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  EXPECT_EQ(row(rep, "turn-udp").status, Status::Pass);
  EXPECT_EQ(row(rep, "turn-udp").evidence.size(), 4u);
}

struct BestCase {
  const char* name;
  std::vector<IceObservation> relays;  // added on top of an all-timeout world
  const char* best;
  const char* note;  // "" when no note expected
};

TEST(DiagnosisBestRegion, Table) {
  const IceTransport U = IceTransport::Udp, S = IceTransport::Tls;
  const std::vector<BestCase> cases = {
      {"none", {}, "", ""},
      {"fastest wins",
       {ice("na1", U, IO::Relay, 95), ice("eu1", S, IO::Relay, 70)},
       "eu1",
       "best region eu1: relay in 70 ms (na1: 95 ms)"},
      {"fastest allocation of a region counts",
       {ice("eu1", U, IO::Relay, 300), ice("eu1", S, IO::Relay, 60), ice("na1", U, IO::Relay, 95)},
       "eu1",
       "best region eu1: relay in 60 ms (na1: 95 ms)"},
      {"tie goes to profile order",
       {ice("oc1", U, IO::Relay, 80), ice("na1", U, IO::Relay, 80), ice("as1", U, IO::Relay, 200)},
       "na1",
       "best region na1: relay in 80 ms (oc1: 80 ms, as1: 200 ms)"},
      {"401 is not a relay", {ice("eu1", U, IO::Unauthorized, 5, false)}, "", ""},
  };
  for (const BestCase& c : cases) {
    SCOPED_TRACE(c.name);
    Observations obs =
        world([](const std::string& r, IceTransport t) { return ice(r, t, IO::Timeout, 6000); });
    std::erase_if(obs.ice, [&](const IceObservation& o) {
      for (const IceObservation& x : c.relays) {
        if (x.url == o.url) return true;
      }
      return false;
    });
    obs.ice.insert(obs.ice.end(), c.relays.begin(), c.relays.end());
    Report rep = diagnose(rainbowDefaultProfile(), obs);
    EXPECT_EQ(rep.bestTurnRegion, c.best);
    bool found = false;
    for (const Text& n : rep.notes) found = found || n == c.note;
    for (const Text& n : rep.notes) EXPECT_FALSE(contains(n, "best region") && n != c.note);
    EXPECT_EQ(found, std::string(c.note) != "");
  }
}

TEST(DiagnosisTurn, OneRegionDownFailsEveryRowButCallsStillWork) {
  // na1 unreachable on every transport, the other regions relay: each row fails naming na1,
  // yet calls can be relayed, so the verdict is degraded, not blocked.
  Observations obs = world([](const std::string& r, IceTransport t) {
    return r == "na1" ? ice(r, t, IO::Timeout, 6000) : relayAll(r, t);
  });
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  for (const char* id : {"turn-udp", "turn-tcp", "turn-tls"}) {
    EXPECT_EQ(row(rep, id).status, Status::Fail) << id;
    EXPECT_TRUE(contains(row(rep, id).advice, "turn-na1.openrainbow.com")) << id;
  }
  EXPECT_EQ(rep.verdict, Verdict::Degraded);
  EXPECT_EQ(rep.headline, HeadlineId::Degraded);
  bool regionNote = false;
  for (const Text& n : rep.notes)
    regionNote = regionNote || contains(n,
                                        "every transport to turn-na1.openrainbow.com (na1) "
                                        "failed while other regions relay");
  EXPECT_TRUE(regionNote);
  for (const Text& n : rep.notes) EXPECT_FALSE(contains(n, "(eu1) failed")) << n;
}

TEST(DiagnosisTurn, NoRelayAnywhereIsBlocked) {
  Observations obs =
      world([](const std::string& r, IceTransport t) { return ice(r, t, IO::Timeout, 6000); });
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  EXPECT_EQ(rep.verdict, Verdict::Blocked);
}

}  // namespace
}  // namespace netready
