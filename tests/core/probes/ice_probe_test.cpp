#include "probes/ice_probe.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "core/probes/probe_fixtures.h"
#include "fakes/fake_ports.h"
#include "probes/lookup_failure.h"

namespace netready {
namespace {

using fake::FakePeerConnection;
using fixtures::kRelay, fixtures::kSrflx;
using Outcome = IceObservation::Outcome;

constexpr const char* kHost = "candidate:2 1 udp 2122260223 10.0.0.2 61000 typ host generation 0";
constexpr const char* kBad = "candidate:3 0 udp 2122260223 10.0.0.2 61000 typ host";

class IceProbeTest : public fixtures::ProbeTest<IceObservation> {
 protected:
  std::unique_ptr<IceProbe> make(const std::string& url, const std::string& user = "alice",
                                 const std::string& pass = "s3cret-pass", int timeoutMs = 6000) {
    TurnServer server{"eu1", {url}, user, pass};
    return makeWith(relayProbeConfig(server, url, timeoutMs));
  }
  std::unique_ptr<IceProbe> makeWith(IceProbeConfig config) {
    return std::make_unique<IceProbe>(std::move(config), clock, pc, record());
  }
  OpId id() { return pc.last().id; }

  FakePeerConnection pc;
};

TEST_F(IceProbeTest, RelayCandidateWinsImmediatelyAndClosesPeerConnection) {
  auto probe = make("turns:turn-eu1.rainbow.lab:443?transport=tcp");
  probe->start();
  ASSERT_EQ(pc.gatherings.size(), 1u);
  const auto& g = pc.last();
  EXPECT_TRUE(g.relayOnly);
  ASSERT_EQ(g.servers.size(), 1u);
  EXPECT_EQ(g.servers[0].urls,
            std::vector<std::string>{"turns:turn-eu1.rainbow.lab:443?transport=tcp"});
  EXPECT_EQ(g.servers[0].username, "alice");
  EXPECT_EQ(g.servers[0].credential, "s3cret-pass");
  clock.advance(70);
  pc.deliverCandidate(id(), kRelay, "tls");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Relay);
  EXPECT_EQ(results[0].elapsedMs, 70);
  EXPECT_EQ(results[0].relayProtocol, "tls");
  EXPECT_TRUE(results[0].hadCredentials);
  EXPECT_EQ(results[0].region, "eu1");
  EXPECT_EQ(results[0].parsed.transport, IceTransport::Tls);
  ASSERT_EQ(results[0].candidates.size(), 1u);
  EXPECT_EQ(results[0].candidates[0].type, CandidateType::Relay);
  EXPECT_EQ(pc.closedIds, std::vector<OpId>{id()});
  EXPECT_EQ(clock.pendingTimers(), 0u);
}

TEST_F(IceProbeTest, MissingCredentialsUsePlaceholders) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp", "", "");
  probe->start();
  EXPECT_EQ(pc.last().servers[0].username, kPlaceholderUsername);
  EXPECT_EQ(pc.last().servers[0].credential, kPlaceholderCredential);
  pc.deliverCandidate(id(), kRelay);  // Chromium: relayProtocol null for UDP
  ASSERT_EQ(results.size(), 1u);
  EXPECT_FALSE(results[0].hadCredentials);
  EXPECT_EQ(results[0].relayProtocol, "");
}

TEST_F(IceProbeTest, Unauthorized401CompletesImmediately) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp", "", "");
  probe->start();
  clock.advance(12);
  pc.deliverError(id(), 401, "");  // Firefox: empty text
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Unauthorized);
  EXPECT_EQ(results[0].errorCode, 401);
  EXPECT_EQ(results[0].elapsedMs, 12);
  EXPECT_EQ(pc.closedIds.size(), 1u);
  pc.deliverError(id(), 401, "Unauthorized.");  // Chromium's second 401 for turns:
  EXPECT_EQ(results.size(), 1u);
}

TEST_F(IceProbeTest, Error701ThenRelayStillWins) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
  probe->start();
  clock.advance(40);
  pc.deliverError(id(), 701, "STUN binding request timed out.");
  EXPECT_TRUE(results.empty());
  clock.advance(30);
  pc.deliverCandidate(id(), kRelay);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Relay);
  EXPECT_EQ(results[0].elapsedMs, 70);
}

TEST_F(IceProbeTest, Error701ThenCompleteIsErrorWithFirstCode) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
  probe->start();
  clock.advance(100);
  pc.deliverError(id(), 701, "STUN binding request timed out.");
  pc.deliverError(id(), 702, "TURN allocate request timed out.");
  pc.deliverComplete(id());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Error);
  EXPECT_EQ(results[0].errorCode, 701);
  EXPECT_EQ(results[0].errorText, "STUN binding request timed out.");
  EXPECT_EQ(results[0].elapsedMs, 100);
  EXPECT_EQ(pc.closedIds.size(), 1u);
}

// A failed lookup is looked up once more (a resolver that gave up on lost packets reports it
// like NXDOMAIN): Firefox's bare 701 after the lab resolver's 1 s x 2, then the second answers.
TEST_F(IceProbeTest, FailedLookupIsRetriedOnceAndTheSecondCanRelay) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
  probe->start();
  OpId first = id();
  clock.advance(2004);
  pc.deliverError(first, 701, "");
  pc.deliverComplete(first);
  EXPECT_TRUE(results.empty());
  ASSERT_EQ(pc.gatherings.size(), 2u);
  EXPECT_EQ(pc.closedIds, std::vector<OpId>{first});
  EXPECT_EQ(pc.last().servers[0].urls, pc.gatherings[0].servers[0].urls);
  EXPECT_EQ(pc.last().servers[0].credential, "s3cret-pass");
  // The first gathering's late events are not the second's.
  pc.deliverAfterClose = true;
  pc.deliverError(first, 701, "");
  pc.deliverComplete(first);
  EXPECT_TRUE(results.empty());
  clock.advance(56);
  pc.deliverCandidate(id(), kRelay);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Relay);
  EXPECT_EQ(results[0].elapsedMs, 2060);
  EXPECT_EQ(results[0].errorCode, 0);
  EXPECT_EQ(results[0].retried,
            "the first attempt failed after 2004 ms (error 701) and was tried again");
  EXPECT_EQ(lookupFailure(results[0]), LookupFailure::None);
  EXPECT_EQ(pc.closedIds.size(), 2u);
  EXPECT_EQ(clock.pendingTimers(), 0u);
}

TEST_F(IceProbeTest, NameThatDoesNotExistFailsTwiceThenEnds) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
  probe->start();
  clock.advance(160);
  pc.deliverError(id(), 701, "");
  pc.deliverComplete(id());
  clock.advance(150);
  pc.deliverError(id(), 701, "");
  pc.deliverComplete(id());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(pc.gatherings.size(), 2u);  // once more, not more
  EXPECT_EQ(results[0].outcome, Outcome::Error);
  EXPECT_EQ(results[0].elapsedMs, 310);
  EXPECT_EQ(lookupFailure(results[0]), LookupFailure::Inferred);
  EXPECT_FALSE(results[0].retried.empty());
  EXPECT_EQ(pc.closedIds.size(), 2u);
}

TEST_F(IceProbeTest, RetriedLookupKeepsTheFirstDeadline) {
  // Chromium's words for a failed lookup, late in the probe: the retry gets what is left.
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
  probe->start();
  clock.advance(2900);
  pc.deliverError(id(), 701, "STUN host lookup received error.");
  pc.deliverComplete(id());
  ASSERT_EQ(pc.gatherings.size(), 2u);
  clock.advance(3099);
  EXPECT_TRUE(results.empty());
  clock.advance(1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Timeout);
  EXPECT_EQ(results[0].elapsedMs, 6000);
  EXPECT_EQ(lookupFailure(results[0]), LookupFailure::None);  // resolved: silent, not DNS
}

TEST_F(IceProbeTest, FailedConnectionIsTriedAgainButNotTimeouts) {
  // Over TCP a failed lookup reads like a refusal (701, no text in Firefox, "Failed to establish
  // connection" in Chromium): tried again; a refusal fails again as fast.
  auto probe = make("turn:turn-eu1.rainbow.lab:80?transport=tcp");
  probe->start();
  clock.advance(130);
  pc.deliverError(id(), 701, "Failed to establish connection");
  pc.deliverComplete(id());
  EXPECT_TRUE(results.empty());
  ASSERT_EQ(pc.gatherings.size(), 2u);
  clock.advance(120);
  pc.deliverError(id(), 701, "Failed to establish connection");
  pc.deliverComplete(id());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Error);
  EXPECT_EQ(results[0].elapsedMs, 250);
  EXPECT_EQ(results[0].errorText, "Failed to establish connection");
  EXPECT_FALSE(results[0].retried.empty());
  // A STUN/TURN timeout is the server's silence, not a lookup: not tried again. Nor another code.
  for (const char* text : {"STUN binding request timed out.", "TURN allocate request timed out."}) {
    results.clear();
    auto silent = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
    silent->start();
    const std::size_t before = pc.gatherings.size();
    pc.deliverError(id(), 701, text);
    pc.deliverComplete(id());
    ASSERT_EQ(results.size(), 1u) << text;
    EXPECT_EQ(pc.gatherings.size(), before);
    EXPECT_TRUE(results[0].retried.empty());
  }
  results.clear();
  auto other = make("turns:turn-eu1.rainbow.lab:443?transport=tcp");
  other->start();
  pc.deliverError(id(), 600, "Role Conflict");
  pc.deliverComplete(id());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].retried.empty());
}

TEST_F(IceProbeTest, CompleteWithoutRelayIsNoCandidate) {
  auto probe = make("turn:turn-eu1.rainbow.lab:80?transport=tcp");
  probe->start();
  pc.deliverCandidate(id(), kHost);  // should not happen with policy relay; tolerated
  EXPECT_TRUE(results.empty());
  pc.deliverComplete(id());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NoCandidate);
  EXPECT_EQ(results[0].candidates.size(), 1u);
}

TEST_F(IceProbeTest, SilenceTimesOutAtDeadline) {
  auto probe = make("turns:turn-eu1.rainbow.lab:443?transport=tcp");
  probe->start();
  clock.advance(5999);
  EXPECT_TRUE(results.empty());
  clock.advance(1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Timeout);
  EXPECT_EQ(results[0].elapsedMs, 6000);
  EXPECT_EQ(results[0].errorText, "timed out after 6000 ms");
  EXPECT_EQ(pc.closedIds.size(), 1u);
}

TEST_F(IceProbeTest, DeadlineAfterErrorIsErrorSayingItTimedOut) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
  probe->start();
  clock.advance(2000);
  pc.deliverError(id(), 701, "");
  clock.advance(4000);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Error);
  EXPECT_EQ(results[0].errorCode, 701);
  EXPECT_EQ(results[0].elapsedMs, 6000);
  EXPECT_EQ(results[0].errorText, "timed out after 6000 ms waiting after error 701");
}

TEST_F(IceProbeTest, LateEventsAfterTimeoutAreIgnored) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp", "u", "p", 500);
  probe->start();
  clock.advance(500);
  ASSERT_EQ(results.size(), 1u);
  pc.deliverAfterClose = true;
  EXPECT_TRUE(pc.deliverCandidate(id(), kRelay));
  EXPECT_TRUE(pc.deliverError(id(), 401));
  EXPECT_TRUE(pc.deliverComplete(id()));
  EXPECT_EQ(results.size(), 1u);
  EXPECT_EQ(probe->observation().outcome, Outcome::Timeout);
  EXPECT_TRUE(probe->observation().candidates.empty());
  EXPECT_EQ(probe->observation().errorCode, 0);
}

TEST_F(IceProbeTest, BadCandidateLineIsStoredWithReason) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
  probe->start();
  pc.deliverCandidate(id(), kBad);
  pc.deliverCandidate(id(), "");  // end-of-candidates marker
  EXPECT_TRUE(results.empty());
  pc.deliverCandidate(id(), kRelay);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].badCandidates.size(), 1u);
  EXPECT_NE(results[0].badCandidates[0].find("component"), std::string::npos);
  EXPECT_NE(results[0].badCandidates[0].find(kBad), std::string::npos);
  EXPECT_EQ(results[0].outcome, Outcome::Relay);
}

TEST_F(IceProbeTest, ConstructorFailureIsFailed) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
  probe->start();
  pc.deliverFailure(id(), "InvalidAccessError: bad credentials");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Failed);
  EXPECT_EQ(results[0].errorText, "InvalidAccessError: bad credentials");
  EXPECT_EQ(pc.closedIds.size(), 1u);
}

TEST_F(IceProbeTest, SynchronousFailureInsideGatherCompletesOnceAndClosesKnownId) {
  pc.failSynchronously = "InvalidAccessError";
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
  probe->start();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Failed);
  EXPECT_EQ(pc.closedIds, std::vector<OpId>{id()});
  EXPECT_EQ(clock.pendingTimers(), 0u);
}

TEST_F(IceProbeTest, UnparseableOrStunUrlIsBadInputWithoutGathering) {
  auto bad = make("tun:turn-eu1.rainbow.lab");
  bad->start();
  auto stun = make("stun:turn-eu1.rainbow.lab:3478");
  stun->start();
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].outcome, Outcome::BadInput);
  EXPECT_FALSE(results[0].errorText.empty());
  EXPECT_EQ(results[1].outcome, Outcome::BadInput);
  EXPECT_TRUE(pc.gatherings.empty());
  EXPECT_EQ(clock.pendingTimers(), 0u);
}

TEST_F(IceProbeTest, CancelClosesAndCompletesOnce) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
  probe->start();
  clock.advance(300);
  probe->cancel("cancelled");
  probe->cancel("cancelled");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Timeout);
  EXPECT_EQ(results[0].errorText, "cancelled");
  EXPECT_EQ(results[0].elapsedMs, 300);
  EXPECT_EQ(pc.closedIds, std::vector<OpId>{id()});
  clock.advance(10000);
  EXPECT_EQ(results.size(), 1u);
}

TEST_F(IceProbeTest, DestructionClosesWithoutCallback) {
  auto probe = make("turn:turn-eu1.rainbow.lab:3478?transport=udp");
  probe->start();
  probe.reset();
  EXPECT_EQ(pc.closedIds.size(), 1u);
  EXPECT_EQ(clock.pendingTimers(), 0u);
  EXPECT_FALSE(pc.deliverCandidate(pc.last().id, kRelay));
  EXPECT_TRUE(results.empty());
}

TEST_F(IceProbeTest, DirectProbeUsesStunOnFirstTurnHostAndCollectsCandidates) {
  Profile profile;
  profile.turn = {TurnServer{"eu1", {"bogus", "turns:turn-eu1.rainbow.lab:443"}, "u", "p"},
                  TurnServer{"na1", {"turn:turn-na1.rainbow.lab"}, "", ""}};
  auto config = directProbeConfig(profile);
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(config->url, "stun:turn-eu1.rainbow.lab:3478");
  EXPECT_FALSE(config->relayOnly);
  auto probe = makeWith(*config);
  probe->start();
  const auto& g = pc.last();
  EXPECT_FALSE(g.relayOnly);
  ASSERT_EQ(g.servers.size(), 1u);
  EXPECT_EQ(g.servers[0].urls, std::vector<std::string>{"stun:turn-eu1.rainbow.lab:3478"});
  EXPECT_TRUE(g.servers[0].username.empty());
  EXPECT_TRUE(g.servers[0].credential.empty());
  pc.deliverCandidate(id(), kHost);
  clock.advance(12);
  pc.deliverCandidate(id(), kSrflx);
  EXPECT_TRUE(results.empty());  // keeps gathering until complete
  pc.deliverComplete(id());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NoCandidate);  // no relay by design; see candidates
  EXPECT_FALSE(results[0].relayOnly);
  EXPECT_FALSE(results[0].parsed.isTurn());
  ASSERT_EQ(results[0].candidates.size(), 2u);
  EXPECT_EQ(results[0].candidates[1].type, CandidateType::Srflx);
}

TEST_F(IceProbeTest, DirectProbeTimesOutKeepingCandidates) {
  Profile profile;
  profile.turn = {TurnServer{"eu1", {"turn:[2001:db8::1]:3478"}, "", ""}};
  auto config = directProbeConfig(profile);
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(config->url, "stun:[2001:db8::1]:3478");
  auto probe = makeWith(*config);
  probe->start();
  pc.deliverCandidate(id(), kHost);
  pc.deliverError(id(), 701, "STUN binding request timed out.");
  clock.advance(6000);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Timeout);
  EXPECT_EQ(results[0].candidates.size(), 1u);
  EXPECT_EQ(results[0].errorCode, 701);
  EXPECT_FALSE(directProbeConfig(Profile{}).has_value());
}

}  // namespace
}  // namespace netready
