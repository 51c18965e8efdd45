// diagnose() as a whole: rows present, unmeasured rows, verdict and headline, cancelled and
// empty runs, the direct probe note, and no secret in the report.
#include "netready/diagnosis.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/diagnosis/diagnosis_fixtures.h"
#include "netready/profile.h"
#include "netready/report.h"

namespace netready {
namespace {

using fixtures::contains, fixtures::hasNote, fixtures::row;
using HO = HttpsObservation::Outcome;
using IO = IceObservation::Outcome;

constexpr HeadlineId kBlocked = HeadlineId::Blocked;
constexpr HeadlineId kNoCalls = HeadlineId::NoCalls;
constexpr HeadlineId kTcpOnly = HeadlineId::TcpOnly;
constexpr HeadlineId kLimited = HeadlineId::Degraded;
// These observations place no call: a ready network is "ready, call quality not measured".
constexpr HeadlineId kReady = HeadlineId::ReadyUntested;
constexpr HeadlineId kIncomplete = HeadlineId::Incomplete;
constexpr const char* kCancelledNote =
    "the check was cancelled before every probe ended; rows with unfinished probes are "
    "incomplete";

// Per transport: what every TURN server of that transport returns.
struct TurnPlan {
  IO udp = IO::Relay, tcp = IO::Relay, tls = IO::Relay;
};

Observations run(const Profile& p, HO https, XmppObservation::Outcome xmpp, TurnPlan turn,
                 bool credentials = true) {
  Observations obs;
  for (const HttpsEndpoint& e : p.https)
    obs.https.push_back({e.url, e.purpose, https, 200, 80, ""});
  XmppObservation x;
  x.url = p.xmpp.url;
  x.outcome = xmpp;
  x.connectMs = 40;
  x.featuresMs = 120;
  obs.xmpp = x;
  fixtures::addProfileIce(obs, p, turn.udp, turn.tcp, turn.tls, credentials);
  obs.elapsedMs = 6200;
  return obs;
}

Observations allGood(const Profile& p) { return run(p, HO::Ok, XmppObservation::Outcome::Ok, {}); }

TEST(Diagnosis, RowsInOrderWithReportFields) {
  Profile p = rainbowDefaultProfile();
  Report r = diagnose(p, allGood(p));
  std::vector<std::string> ids;
  for (const Requirement& q : r.requirements) ids.push_back(toString(q.id));
  EXPECT_EQ(ids, (std::vector<std::string>{"https", "xmpp-wss", "turn-udp", "turn-tcp", "turn-tls",
                                           "media", "bandwidth", "proxy-websocket", "proxy-turn"}));
  EXPECT_EQ(r.profileName, "rainbow");
  EXPECT_EQ(r.elapsedMs, 6200);
  EXPECT_EQ(r.browser, "");
  EXPECT_EQ(r.startedAt, "");
  EXPECT_EQ(r.verdict, Verdict::Ready);
  EXPECT_EQ(r.headline, kReady);
  EXPECT_EQ(r.bestTurnRegion, "eu1");  // all equal: profile order
  for (const Requirement& q : r.requirements) {
    for (const Evidence& e : q.evidence) EXPECT_EQ(e.status, q.status) << q.id << " " << e.target;
  }
}

TEST(Diagnosis, UnmeasuredRowsAreSkippedWithReasons) {
  Profile p = rainbowDefaultProfile();
  Report r = diagnose(p, allGood(p));
  struct Case {
    const char* id;
    const char* section;
    const char* summary;
  };
  const std::vector<Case> cases = {
      // The fixture's observations hold no call (MediaObservation): nothing to judge.
      {"media", "§5.3 row 4, §5.7.3", "no test call was placed"},
      {"bandwidth", "§5.5.1",
       "not measured: no test call was placed (targets: audio 80/15 kbit/s, video 350/150, "
       "screen sharing 15-400)"},
      // Default network hint: the page cannot see a proxy (DiagnosisProxy covers the others).
      {"proxy-websocket", "§5.7.1, §6.1",
       "whether an HTTP proxy is in use is not visible to the page; not measured"},
      {"proxy-turn", "§5.3 right column, §6.1",
       "whether an HTTP proxy is in use is not visible to the page; not measured"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.id);
    EXPECT_EQ(row(r, c.id).status, Status::Skipped);
    EXPECT_EQ(english(rowSection(row(r, c.id).id)), c.section);
    EXPECT_EQ(row(r, c.id).summary, c.summary);
    EXPECT_EQ(row(r, c.id).advice, "");
  }
}

struct HeadlineCase {
  const char* name;
  HO https;
  XmppObservation::Outcome xmpp;
  TurnPlan turn;
  Verdict verdict;
  HeadlineId headline;
};

TEST(Diagnosis, VerdictAndHeadlineTable) {
  using XO = XmppObservation::Outcome;
  const IO R = IO::Relay, T = IO::Timeout, E = IO::Error;
  const std::vector<HeadlineCase> cases = {
      {"all good", HO::Ok, XO::Ok, {R, R, R}, Verdict::Ready, kReady},
      {"https fails", HO::NetworkError, XO::Ok, {R, R, R}, Verdict::Blocked, kBlocked},
      {"xmpp fails", HO::Ok, XO::ConnectFailed, {R, R, R}, Verdict::Blocked, kBlocked},
      {"everything fails", HO::Timeout, XO::Timeout, {T, T, T}, Verdict::Blocked, kBlocked},
      {"no turn at all", HO::Ok, XO::Ok, {T, E, T}, Verdict::Blocked, kNoCalls},
      {"udp blocked, tcp works", HO::Ok, XO::Ok, {T, R, T}, Verdict::Degraded, kTcpOnly},
      {"udp blocked, tls works", HO::Ok, XO::Ok, {E, T, R}, Verdict::Degraded, kTcpOnly},
      {"udp works, tcp and tls blocked", HO::Ok, XO::Ok, {R, T, T}, Verdict::Degraded, kLimited},
      {"https opaque", HO::Opaque, XO::Ok, {R, R, R}, Verdict::Ready, kReady},
  };
  Profile p = rainbowDefaultProfile();
  for (const HeadlineCase& c : cases) {
    SCOPED_TRACE(c.name);
    Report r = diagnose(p, run(p, c.https, c.xmpp, c.turn));
    EXPECT_EQ(r.verdict, c.verdict);
    EXPECT_EQ(r.headline, c.headline);
  }
}

TEST(Diagnosis, ZeroObservationsClaimNothing) {
  Report r = diagnose(rainbowDefaultProfile(), Observations{});
  for (const Requirement& q : r.requirements) {
    SCOPED_TRACE(q.id);
    EXPECT_EQ(q.status, Status::Skipped);
    for (const Evidence& e : q.evidence) EXPECT_EQ(e.status, Status::Skipped);
  }
  EXPECT_EQ(row(r, "https").evidence.size(), 2u);
  EXPECT_EQ(row(r, "turn-udp").evidence.size(), 4u);
  EXPECT_EQ(row(r, "turn-udp").summary, "no result: 4 probe(s) without a result");
  EXPECT_EQ(row(r, "xmpp-wss").summary, "no result: the probe did not report");
  EXPECT_EQ(r.verdict, Verdict::Degraded);
  EXPECT_EQ(r.headline, kIncomplete);
  EXPECT_EQ(r.bestTurnRegion, "");
}

TEST(Diagnosis, EmptyProfileAndNoObservationsIsNotReady) {
  Report r = diagnose(Profile{}, Observations{});
  EXPECT_EQ(row(r, "https").summary, "not checked: the profile has no HTTPS endpoint");
  EXPECT_EQ(row(r, "xmpp-wss").summary, "not checked: the profile has no XMPP WebSocket URL");
  EXPECT_EQ(row(r, "turn-udp").summary, "not checked: the profile has no TURN/UDP URL");
  EXPECT_EQ(r.verdict, Verdict::Degraded);
  EXPECT_EQ(r.headline, kIncomplete);
}

TEST(Diagnosis, CancelledRunIsIncomplete) {
  Profile p = rainbowDefaultProfile();
  Observations obs = allGood(p);
  obs.cancelled = true;
  obs.elapsedMs = 2000;
  // TLS probes were still running when the user cancelled; na1 UDP never reported.
  for (IceObservation& o : obs.ice) {
    if (o.parsed.transport == IceTransport::Tls) {
      o.outcome = IO::Timeout;
      o.elapsedMs = 2000;
      o.cancelled = true;
    }
  }
  std::erase_if(obs.ice, [](const IceObservation& o) {
    return o.region == "na1" && o.parsed.transport == IceTransport::Udp;
  });
  Report r = diagnose(p, obs);
  EXPECT_EQ(r.notes.front(), kCancelledNote);
  EXPECT_EQ(row(r, "turn-tls").status, Status::Skipped);
  EXPECT_EQ(row(r, "turn-tls").evidence[0].outcome,
            "unfinished: the check was cancelled after 2000 ms");
  const Requirement& udp = row(r, "turn-udp");
  EXPECT_EQ(udp.status, Status::Skipped);
  EXPECT_EQ(udp.evidence.back().target, "turn-na1.openrainbow.com:3478 TURN/UDP (na1)");
  EXPECT_EQ(udp.evidence.back().outcome,
            "no result: the check was cancelled before this probe ended");
  EXPECT_EQ(udp.summary, "incomplete: 3 server(s) reachable; 1 probe(s) without a result");
  EXPECT_EQ(row(r, "turn-tcp").status, Status::Pass);  // finished probes still count
  EXPECT_EQ(r.verdict, Verdict::Degraded);
  EXPECT_EQ(r.headline, kIncomplete);
}

TEST(Diagnosis, NoTurnWhileMessagingUnfinished) {
  Profile p = rainbowDefaultProfile();
  Observations obs =
      run(p, HO::Ok, XmppObservation::Outcome::Ok, {IO::Timeout, IO::Timeout, IO::Timeout});
  obs.xmpp.reset();
  Report r = diagnose(p, obs);
  EXPECT_EQ(row(r, "xmpp-wss").status, Status::Skipped);
  EXPECT_EQ(r.verdict, Verdict::Blocked);
  EXPECT_EQ(r.headline, HeadlineId::NoCallsPartial);
}

TEST(Diagnosis, CancelledRunStillReportsWhatFailed) {
  Profile p = rainbowDefaultProfile();
  Observations obs = run(p, HO::NetworkError, XmppObservation::Outcome::Ok, {});
  obs.cancelled = true;
  obs.ice.clear();
  Report r = diagnose(p, obs);
  EXPECT_EQ(row(r, "https").status, Status::Fail);
  EXPECT_EQ(r.verdict, Verdict::Blocked);
  EXPECT_EQ(r.headline, kBlocked);
}

TEST(Diagnosis, NoSecretInReport) {
  Profile p = rainbowDefaultProfile();
  for (TurnServer& s : p.turn) {
    s.username = "1700000000:alice-user";
    s.credential = "s3cret";
  }
  for (TurnPlan plan : {TurnPlan{}, TurnPlan{IO::Unauthorized, IO::Error, IO::Timeout}}) {
    Observations obs = run(p, HO::Ok, XmppObservation::Outcome::Ok, plan);
    Report r = diagnose(p, obs);
    // Nothing put in on purpose (no redaction list), and the redacted form too.
    for (const std::string& json : {reportToJson(r, {}), reportToJson(r, profileSecrets(p))}) {
      EXPECT_FALSE(contains(json, "s3cret"));
      EXPECT_FALSE(contains(json, "alice-user"));
      EXPECT_FALSE(contains(json, "[redacted]"));
    }
  }
}

Candidate cand(CandidateType type, const std::string& address, AddressKind kind) {
  Candidate c;
  c.type = type;
  c.address = address;
  c.addressKind = kind;
  c.protocol = "udp";
  c.port = 54000;
  return c;
}

TEST(Diagnosis, DirectProbeNote) {
  struct Case {
    const char* name;
    std::vector<Candidate> candidates;
    std::string url;
    std::vector<std::string> expected;  // substrings of the note
    std::vector<std::string> absent;
  };
  const std::string mdns = "3f1c0a8e-4b7d-4c1e-9a0b-1d2e3f4a5b6c.local";
  const std::vector<Case> cases = {
      {"nat",
       {cand(CandidateType::Host, "192.168.1.10", AddressKind::IPv4),
        cand(CandidateType::Host, mdns, AddressKind::Mdns),
        cand(CandidateType::Srflx, "203.0.113.5", AddressKind::IPv4)},
       "stun:turn-eu1.openrainbow.com:3478",
       {"direct probe (no relay, 45 ms): 2 host and 1 srflx candidates",
        "host addresses: 192.168.1.10 and mDNS-hidden",
        "this device is behind NAT with public address 203.0.113.5"},
       {mdns, "did not answer"}},
      {"public interface",
       {cand(CandidateType::Host, "198.51.100.7", AddressKind::IPv4),
        cand(CandidateType::Srflx, "198.51.100.7", AddressKind::IPv4)},
       "stun:turn-eu1.openrainbow.com:3478",
       {"srflx 198.51.100.7 equals a host address: no NAT on this path"},
       {"behind NAT"}},
      // TURN/UDP relays in this world, so a missing srflx is not "UDP blocked" (Firefox omits a
      // srflx equal to a host address); the blocked case is in DiagnosisBorder.UdpBlockedTable.
      {"no srflx while UDP relays",
       {cand(CandidateType::Host, "10.0.0.4", AddressKind::IPv4)},
       "stun:turn-eu1.openrainbow.com:3478",
       {"1 host candidate",
        "no srflx candidate from turn-eu1.openrainbow.com:3478: UDP reaches the TURN servers, "
        "so the browser likely omitted a srflx equal to a host address"},
       {"UDP may be blocked"}},
      {"nothing", {}, "", {"no candidate gathered"}, {"STUN"}},
  };
  Profile p = rainbowDefaultProfile();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Observations obs = allGood(p);
    IceObservation d;
    d.relayOnly = false;
    d.url = c.url;
    if (!c.url.empty()) d.parsed = parseIceUrl(c.url).value();
    d.outcome = IO::NoCandidate;
    d.elapsedMs = 45;
    d.candidates = c.candidates;
    obs.direct = d;
    Report r = diagnose(p, obs);
    for (const std::string& s : c.expected) EXPECT_TRUE(hasNote(r, s)) << s;
    for (const std::string& s : c.absent) EXPECT_FALSE(hasNote(r, s)) << s;
    EXPECT_EQ(r.verdict, Verdict::Ready);  // the direct probe never changes a row
  }
}

TEST(Diagnosis, NoDirectProbeNoNote) {
  Profile p = rainbowDefaultProfile();
  Report r = diagnose(p, allGood(p));
  EXPECT_FALSE(hasNote(r, "direct probe"));
  EXPECT_FALSE(hasNote(r, "cancelled"));
  EXPECT_TRUE(hasNote(r, "best region eu1: relay in 70 ms (na1: 70 ms, as1: 70 ms, oc1: 70 ms)"));
}

}  // namespace
}  // namespace netready
