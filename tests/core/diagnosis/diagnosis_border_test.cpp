// Border-element inferences in the TURN rows: DNS (host lookup errors), UDP blocked, 443-only
// firewalls, silent drop vs reject, and slow relay allocation.
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
using Proxy = NetworkHint::Proxy;
constexpr IceTransport U = IceTransport::Udp, T = IceTransport::Tcp, S = IceTransport::Tls;

// What Chromium reports for a TURN/UDP name that does not resolve, and for TCP/TLS failures.
constexpr const char* kLookup = "STUN host lookup received error.";
constexpr const char* kTcpFailed = "Failed to establish connection";

IceObservation ice(const std::string& region, IceTransport t, IO outcome, std::int64_t ms = 70,
                   const std::string& text = "") {
  IceObservation o = fixtures::turnIce(region, t, outcome, ms);
  if (outcome == IO::Error) o.errorCode = 701;
  o.errorText = text;
  return o;
}

Observations world(const Picker& pick) {
  return fixtures::turnWorld(HttpsObservation::Outcome::Ok, HttpsObservation::Outcome::Ok, 200,
                             fixtures::xmppObservation(XmppObservation::Outcome::Ok, -1, -1), pick);
}

// The direct (non-relay) probe against turn-eu1's STUN port, with the given candidates.
IceObservation direct(bool srflx) {
  IceObservation d;
  d.relayOnly = false;
  d.url = "stun:turn-eu1.openrainbow.com:3478";
  d.parsed = parseIceUrl(d.url).value();
  d.outcome = IO::NoCandidate;
  d.elapsedMs = 6000;
  Candidate host;
  host.type = CandidateType::Host;
  host.address = "10.0.0.4";
  d.candidates.push_back(host);
  if (srflx) {
    Candidate s = host;
    s.type = CandidateType::Srflx;
    s.address = "203.0.113.5";
    d.candidates.push_back(s);
  }
  return d;
}

// na1's name does not resolve: UDP says so, TCP/TLS only "Failed to establish connection".
IceObservation na1Unresolved(const std::string& r, IceTransport t) {
  if (r != "na1") return ice(r, t, IO::Relay);
  return t == U ? ice(r, t, IO::Error, 30, kLookup) : ice(r, t, IO::Error, 40, kTcpFailed);
}

// Chromium emits the lookup error for every TURN/UDP URL whose AAAA answer is empty, even when
// the A record resolves (scenario lab, udp-blocked and turn-region-down). When the probe then
// waited until its deadline, the name resolved: blame the firewall or the server, not DNS.
// Firefox omits a srflx equal to a host address: with TURN/UDP relaying, a missing srflx must
// not be read as "UDP blocked".
TEST(DiagnosisBorder, MissingSrflxWithUdpRelayIsNotUdpBlocked) {
  Observations obs =
      world([](const std::string& r, IceTransport t) { return ice(r, t, IO::Relay); });
  obs.direct = direct(false);
  Report r = diagnose(rainbowDefaultProfile(), obs);
  bool note = false;
  for (const Text& n : r.notes) {
    EXPECT_FALSE(contains(n, "UDP may be blocked")) << n;
    note = note || contains(n, "likely omitted a srflx equal to a host address");
  }
  EXPECT_TRUE(note);
}

TEST(DiagnosisBorder, MissingSrflxWithUdpDeadSaysUdpMayBeBlocked) {
  Observations obs = world([](const std::string& r, IceTransport t) {
    return t == U ? ice(r, t, IO::Timeout, 6000) : ice(r, t, IO::Relay);
  });
  obs.direct = direct(false);
  Report r = diagnose(rainbowDefaultProfile(), obs);
  bool note = false;
  for (const Text& n : r.notes)
    note = note || contains(n, "the STUN server did not answer over UDP (UDP may be blocked");
  EXPECT_TRUE(note);
}

TEST(DiagnosisBorder, LookupErrorFollowedByTimeoutIsNotDns) {
  auto pick = [](const std::string& r, IceTransport t) {
    if (r == "na1" && t == U) {
      IceObservation o =
          ice(r, t, IO::Error, 6000,
              std::string(kLookup) + "; timed out after 6000 ms waiting after error 701");
      o.waitedToDeadline = true;  // the probe kept waiting after the lookup error
      return o;
    }
    return ice(r, t, IO::Relay);
  };
  Report r = diagnose(rainbowDefaultProfile(), world(pick));
  const Requirement& udp = row(r, "turn-udp");
  EXPECT_EQ(udp.status, Status::Fail);
  EXPECT_FALSE(contains(udp.summary, "DNS")) << udp.summary;
  EXPECT_FALSE(contains(udp.advice, "DNS, not the firewall")) << udp.advice;
  for (const Text& n : r.notes) EXPECT_FALSE(contains(n, "did not resolve")) << n;
}

// A relay after the lookup error (the AAAA case with UDP open) says nothing about DNS either.
TEST(DiagnosisBorder, LookupErrorThenRelayIsNotDns) {
  auto pick = [](const std::string& r, IceTransport t) {
    IceObservation o = ice(r, t, IO::Relay);
    if (t == U) o.errorText = kLookup;
    return o;
  };
  Report r = diagnose(rainbowDefaultProfile(), world(pick));
  EXPECT_EQ(r.verdict, Verdict::Ready);
  for (const Text& n : r.notes) EXPECT_FALSE(contains(n, "resolve")) << n;
}

TEST(DiagnosisBorder, HostLookupErrorNamesDnsForEveryTransportOfThatHost) {
  Report r = diagnose(rainbowDefaultProfile(), world(na1Unresolved));
  for (const char* id : {"turn-udp", "turn-tcp", "turn-tls"}) {
    SCOPED_TRACE(id);
    const Requirement& q = row(r, id);
    EXPECT_EQ(q.status, Status::Fail);
    const Evidence& e = q.evidence[1];
    EXPECT_TRUE(contains(e.target, "turn-na1")) << e.target;
    EXPECT_EQ(english(e.detail).rfind("the name turn-na1.openrainbow.com does not resolve (DNS, §5.6)", 0),
              0u)
        << e.detail;
    // Only the UDP probe saw the lookup error; the others are explained by it.
    EXPECT_EQ(contains(e.detail, "inferred from another probe's host lookup error"),
              std::string(id) != "turn-udp");
    EXPECT_TRUE(contains(q.summary, "DNS: turn-na1.openrainbow.com not resolved")) << q.summary;
    EXPECT_EQ(english(q.advice).rfind("DNS, not the firewall: turn-na1.openrainbow.com does not resolve on "
                             "this device (the browser reported a host lookup error). Make the "
                             "DNS server used by clients resolve it (§5.6)",
                             0),
              0u)
        << q.advice;
    EXPECT_FALSE(contains(q.advice, "Allow")) << "DNS, not the firewall: " << q.advice;
    EXPECT_FALSE(contains(q.advice, "connection refused")) << q.advice;
  }
  EXPECT_EQ(r.verdict, Verdict::Degraded);
}

// Firefox ESR's shapes, captured in the scenario lab (e2e firefox turn_host_unresolvable): an
// unresolvable TURN name gives 701 without any text on every transport within ~160 ms; a dropped
// UDP path gives no event until the deadline (udp-blocked: timeout at 6 s).
IceObservation firefox701(const std::string& region, IceTransport t, std::int64_t ms) {
  IceObservation o = fixtures::turnIce(region, t, IO::Error, ms);
  o.errorCode = 701;  // errorText stays empty: Firefox gives none
  return o;
}

TEST(DiagnosisBorder, FirefoxFastUdp701WithoutTextIsInferredDns) {
  Report r = diagnose(rainbowDefaultProfile(), world([](const std::string& reg, IceTransport t) {
                        return reg == "na1" ? firefox701(reg, t, t == U ? 164 : 150)
                                            : fixtures::turnIce(reg, t, IO::Relay, 70);
                      }));
  for (const char* id : {"turn-udp", "turn-tcp", "turn-tls"}) {
    SCOPED_TRACE(id);
    const Requirement& q = row(r, id);
    EXPECT_EQ(q.status, Status::Fail);
    EXPECT_TRUE(
        contains(q.evidence[1].detail, "the name turn-na1.openrainbow.com does not resolve"))
        << q.evidence[1].detail;
    EXPECT_TRUE(contains(q.advice,
                         "DNS, not the firewall: turn-na1.openrainbow.com does not "
                         "resolve on this device (inferred: the browser gave no reason"))
        << q.advice;
    EXPECT_FALSE(contains(q.advice, "connection refused")) << q.advice;
    EXPECT_FALSE(contains(q.advice, "UDP blocked")) << q.advice;
  }
  EXPECT_TRUE(contains(row(r, "turn-udp").evidence[1].detail,
                       "a UDP probe only fails this fast when the name lookup failed"));
}

TEST(DiagnosisBorder, FirefoxSlowOrStreamOnly701IsNotDns) {
  // A 701 without text after the deadline (UDP), or on TCP/TLS alone (refused): not DNS.
  Report r = diagnose(rainbowDefaultProfile(), world([](const std::string& reg, IceTransport t) {
                        if (reg != "na1") return fixtures::turnIce(reg, t, IO::Relay, 70);
                        if (t == U) {
                          IceObservation o = firefox701(reg, t, 6000);
                          o.waitedToDeadline = true;
                          return o;
                        }
                        return firefox701(reg, t, 140);
                      }));
  for (const char* id : {"turn-udp", "turn-tcp", "turn-tls"}) {
    SCOPED_TRACE(id);
    EXPECT_FALSE(contains(row(r, id).advice, "DNS")) << row(r, id).advice;
  }
  EXPECT_TRUE(contains(row(r, "turn-tcp").advice, "connection refused or reset"));
}

TEST(DiagnosisBorder, LookupErrorOnUdpOnlyWhileTcpAndTlsWork) {
  struct Case {
    Proxy mode;
    const char* note;
  };
  for (const Case& c : {Case{Proxy::Unknown, "the browser resolves UDP TURN names on its own"},
                        Case{Proxy::Configured,
                             "the HTTP proxy resolves names for CONNECT, while direct UDP "
                             "needs this device's DNS (§5.6) — inferred"}}) {
    SCOPED_TRACE(c.note);
    Profile p = rainbowDefaultProfile();
    p.network.proxy = c.mode;
    Report r = diagnose(p, world([](const std::string& reg, IceTransport t) {
                          return (reg == "na1" && t == U) ? ice(reg, t, IO::Error, 30, kLookup)
                                                          : ice(reg, t, IO::Relay);
                        }));
    EXPECT_EQ(row(r, "turn-udp").status, Status::Fail);
    EXPECT_EQ(row(r, "turn-tcp").status, Status::Pass);
    EXPECT_EQ(row(r, "turn-tls").status, Status::Pass);
    EXPECT_TRUE(contains(row(r, "turn-udp").advice, "DNS, not the firewall"));
    EXPECT_TRUE(hasNote(r,
                        "the name turn-na1.openrainbow.com did not resolve for TURN/UDP, yet TURN "
                        "over TCP/TLS to it worked: "));
    EXPECT_TRUE(hasNote(r, c.note));
  }
}

TEST(DiagnosisBorder, BehindAProxyTcpFailuresAreNotBlamedOnLocalDns) {
  Profile p = rainbowDefaultProfile();
  p.network.proxy = Proxy::Configured;
  Report r = diagnose(p, world(na1Unresolved));
  const Evidence& tls = row(r, "turn-tls").evidence[1];
  EXPECT_FALSE(contains(tls.detail, "does not resolve")) << "the proxy resolves for CONNECT";
  EXPECT_TRUE(contains(row(r, "turn-udp").evidence[1].detail, "does not resolve"));
}

TEST(DiagnosisBorder, NameReachedOverTlsIsNotBlamedOnDnsForTcp) {
  // na1: lookup error over UDP, TCP 80 refused, TLS relays: the name resolved for TLS.
  Report r = diagnose(rainbowDefaultProfile(), world([](const std::string& reg, IceTransport t) {
                        if (reg != "na1" || t == S) return ice(reg, t, IO::Relay);
                        return t == U ? ice(reg, t, IO::Error, 30, kLookup)
                                      : ice(reg, t, IO::Error, 40, kTcpFailed);
                      }));
  EXPECT_TRUE(contains(row(r, "turn-udp").evidence[1].detail, "does not resolve"));
  const Requirement& tcp = row(r, "turn-tcp");
  EXPECT_EQ(tcp.evidence[1].detail,
            "connection refused or reset (firewall REJECT or nothing listening)");
  EXPECT_FALSE(contains(tcp.advice, "DNS")) << tcp.advice;
  EXPECT_TRUE(contains(tcp.advice, "Allow outbound TCP 80 to turn-na1.openrainbow.com"));
}

struct UdpCase {
  const char* name;
  bool withDirect;
  bool srflx;
  IO udp;
  const char* advice;  // substring of turn-udp advice; "" means no blocked-UDP inference
  const char* note;
};

TEST(DiagnosisBorder, UdpBlockedTable) {
  const std::vector<UdpCase> cases = {
      {"timeouts and no srflx", true, false, IO::Timeout,
       "UDP looks blocked at the border (firewall): no TURN server answered over UDP and the "
       "direct STUN probe to turn-eu1.openrainbow.com:3478 got no srflx candidate (inferred). If "
       "opening it is not wanted, calls can rely on TURN/TLS 443, which works here.",
       "inferred: UDP looks blocked at the border (firewall): no TURN server answered over UDP"},
      {"701s and no srflx", true, false, IO::Error, "UDP looks blocked at the border (firewall)",
       "inferred: UDP looks blocked"},
      {"no direct probe", false, false, IO::Timeout,
       "UDP 3478 to the TURN servers looks blocked: no TURN server answered over UDP (inferred).",
       "inferred: UDP 3478 to the TURN servers looks blocked"},
      {"srflx arrived", true, true, IO::Timeout, "",
       "yet the direct STUN probe got a srflx candidate: UDP leaves this network, so this is not "
       "a plain UDP block"},
      {"no candidate is not silence", true, false, IO::NoCandidate, "", ""},
  };
  for (const UdpCase& c : cases) {
    SCOPED_TRACE(c.name);
    Observations obs = world([&](const std::string& r, IceTransport t) {
      return t == U ? ice(r, t, c.udp, 39900) : ice(r, t, IO::Relay);
    });
    if (c.withDirect) obs.direct = direct(c.srflx);
    Report rep = diagnose(rainbowDefaultProfile(), obs);
    const Requirement& udp = row(rep, "turn-udp");
    EXPECT_EQ(udp.status, Status::Fail);
    // The per-host advice stays first.
    EXPECT_EQ(english(udp.advice).rfind("Allow outbound UDP 3478 to turn-eu1.openrainbow.com, ", 0), 0u);
    if (*c.advice == '\0') {
      EXPECT_FALSE(contains(udp.advice, "looks blocked")) << udp.advice;
    } else {
      EXPECT_TRUE(contains(udp.advice, c.advice)) << udp.advice;
    }
    if (*c.note != '\0') {
      EXPECT_TRUE(hasNote(rep, c.note));
    }
    EXPECT_EQ(rep.headline, HeadlineId::TcpOnly);
  }
}

TEST(DiagnosisBorder, OneUdpServerRelayingMeansUdpIsNotBlocked) {
  Observations obs = world([](const std::string& r, IceTransport t) {
    return (t == U && r != "eu1") ? ice(r, t, IO::Timeout, 6000) : ice(r, t, IO::Relay);
  });
  obs.direct = direct(false);
  Report rep = diagnose(rainbowDefaultProfile(), obs);
  EXPECT_EQ(row(rep, "turn-udp").status, Status::Fail);
  EXPECT_FALSE(contains(row(rep, "turn-udp").advice, "looks blocked"));
  EXPECT_FALSE(hasNote(rep, "looks blocked"));
}

TEST(DiagnosisBorder, Only443AllowedDropVersusReject) {
  struct Case {
    const char* name;
    IceObservation (*tcp)(const std::string&);
    const char* detail;
  };
  const std::vector<Case> cases = {
      {"reject", [](const std::string& r) { return ice(r, T, IO::Error, 90, kTcpFailed); },
       "connection refused or reset (firewall REJECT or nothing listening)"},
      {"drop", [](const std::string& r) { return ice(r, T, IO::Timeout, 6000); },
       "silently dropped (firewall DROP rule or blackhole), inferred from the absence of any "
       "answer"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Observations obs = world([&](const std::string& r, IceTransport t) {
      return t == U ? ice(r, t, IO::Timeout, 6000) : t == T ? c.tcp(r) : ice(r, t, IO::Relay);
    });
    Report rep = diagnose(rainbowDefaultProfile(), obs);
    EXPECT_EQ(row(rep, "turn-udp").status, Status::Fail);
    EXPECT_EQ(row(rep, "turn-tcp").status, Status::Fail);
    EXPECT_EQ(row(rep, "turn-tls").status, Status::Pass);
    EXPECT_EQ(row(rep, "turn-tcp").evidence[0].detail, c.detail);
    EXPECT_EQ(rep.verdict, Verdict::Degraded);
    EXPECT_EQ(rep.headline, HeadlineId::TcpOnly);
    EXPECT_TRUE(hasNote(rep, "TURN over TLS 443 works but UDP and TCP 80 fail"));
  }
}

TEST(DiagnosisBorder, SlowRelayAllocationIsANoteOnly) {
  struct Case {
    std::int64_t fastest;
    bool noted;
  };
  for (Case c : {Case{1500, true}, Case{1000, false}, Case{70, false}}) {
    SCOPED_TRACE(c.fastest);
    Report r = diagnose(rainbowDefaultProfile(), world([&](const std::string& reg, IceTransport t) {
                          return ice(reg, t, IO::Relay, reg == "eu1" ? c.fastest : 2500);
                        }));
    EXPECT_EQ(hasNote(r, "slow path to TURN servers (fastest allocation " +
                             std::to_string(c.fastest) + " ms): expect call setup delays"),
              c.noted);
    EXPECT_EQ(r.verdict, Verdict::Ready);
    EXPECT_EQ(row(r, "turn-udp").status, Status::Pass);
    EXPECT_EQ(row(r, "bandwidth").status, Status::Skipped);
    EXPECT_EQ(row(r, "media").status, Status::Skipped);
  }
}

}  // namespace
}  // namespace netready
