// The diagnosis pipeline: facts collected once from the observations, rows as functions of the
// facts returning their own notes, and the notes assembled once in diagnose().
#include "diagnosis/facts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/diagnosis/diagnosis_fixtures.h"
#include "diagnosis/diagnosis_internal.h"
#include "netready/diagnosis.h"
#include "netready/profile.h"
#include "netready/report.h"

namespace netready {
namespace {

using IO = IceObservation::Outcome;
constexpr IceTransport U = IceTransport::Udp, S = IceTransport::Tls;

Observations world(const fixtures::Picker& pick) {
  return fixtures::turnWorld(HttpsObservation::Outcome::Ok, HttpsObservation::Outcome::Ok, 200,
                             fixtures::xmppObservation(XmppObservation::Outcome::Ok, -1, -1), pick);
}

TEST(DiagnosisFacts, CollectedOnceFromTheObservations) {
  const Profile p = rainbowDefaultProfile();
  // eu1 does not resolve for UDP (gathering ended on the lookup error); na1 relays over TLS only.
  const Observations obs = world([](const std::string& r, IceTransport t) {
    IceObservation o = fixtures::turnIce(r, t, t == S && r == "na1" ? IO::Relay : IO::Timeout,
                                         t == S && r == "na1" ? 90 : 6000);
    if (r == "eu1" && t == U) {
      o.outcome = IO::Error;
      o.errorCode = 701;
      o.errorText = "STUN host lookup received error.";
      o.elapsedMs = 20;
    }
    return o;
  });
  const diag::Facts f = diag::collectFacts(p, obs);
  EXPECT_EQ(f.unresolved, std::vector<std::string>{"turn-eu1.openrainbow.com"});
  EXPECT_EQ(f.resolvedByStream, std::vector<std::string>{"turn-na1.openrainbow.com"});
  EXPECT_TRUE(f.tlsRelayWorks);
  EXPECT_TRUE(f.anyTurnPathWorks);
  EXPECT_FALSE(f.udpRelayWorked);
  EXPECT_TRUE(f.httpsAnswered);
  EXPECT_FALSE(f.viaProxy);
  EXPECT_EQ(f.media.media, Status::Skipped);  // no call in these observations
  EXPECT_EQ(f.call.detail, "no test call was placed");
}

TEST(DiagnosisFacts, EachRowReturnsItsNotesAndTheReportHoldsEachOnce) {
  const Profile p = rainbowDefaultProfile();
  // No credentials: every TURN server answers 401 on every transport.
  Observations obs = world([](const std::string& r, IceTransport t) {
    IceObservation o = fixtures::turnIce(r, t, IO::Unauthorized, 60);
    o.hadCredentials = false;
    return o;
  });
  const diag::Facts f = diag::collectFacts(p, obs);
  const std::string note = "TURN servers answered 401 because no credentials were given";
  for (IceTransport t : {IceTransport::Udp, IceTransport::Tcp, IceTransport::Tls}) {
    const diag::RowResult r = diag::turnRow(t, f);
    EXPECT_TRUE(std::any_of(r.notes.begin(), r.notes.end(), [&](const Text& n) {
      return fixtures::contains(n, note);
    })) << toString(r.row.id);
  }
  const Report report = diagnose(p, obs);
  EXPECT_EQ(std::count_if(report.notes.begin(), report.notes.end(),
                          [&](const Text& n) { return fixtures::contains(n, note); }),
            1);
  // A pure function of the facts: the same observations give the same report.
  EXPECT_EQ(reportToJson(diagnose(p, obs), {}), reportToJson(report, {}));
}

}  // namespace
}  // namespace netready
