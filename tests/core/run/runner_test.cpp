#include "netready/runner.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/probes/probe_fixtures.h"
#include "core/vocabulary_print.h"
#include "fakes/fake_ports.h"

namespace netready {
namespace {

using fake::FakeHttp;
using fake::FakePorts;
using fixtures::kRelay, fixtures::kSrflx;
using Phase = ProgressEvent::Phase;

constexpr const char* kSecret = "s3cret-pass";
constexpr const char* kUser = "alice-turn-user";

// 2 HTTPS + 1 XMPP + 2 servers x 2 URLs + 1 direct = 8 probes.
Profile labProfile() {
  Profile p;
  p.name = "lab";
  p.https = {{"https://web.rainbow.lab/", "resources", "", "§5.4"},
             {"https://rainbow.lab/api/rainbow/ping", "rest", "\"status\":\"OK\"", "§5.4"}};
  p.xmpp = {"wss://rainbow.lab/websocket", "rainbow.lab"};
  p.turn = {TurnServer{"eu1",
                       {"turn:turn-eu1.rainbow.lab:3478?transport=udp",
                        "turns:turn-eu1.rainbow.lab:443?transport=tcp"},
                       kUser,
                       kSecret},
            TurnServer{"na1",
                       {"turn:turn-na1.rainbow.lab:3478?transport=udp",
                        "turn:turn-na1.rainbow.lab:80?transport=tcp"},
                       kUser,
                       kSecret}};
  return p;
}

class RunnerTest : public ::testing::Test {
 protected:
  void make(Profile profile = labProfile()) {
    RunnerCallbacks cb;
    cb.onProgress = [this](const ProgressEvent& e) { events.push_back(e); };
    cb.onDone = [this](const Observations& o) {
      ++doneCalls;
      result = o;
    };
    runner = std::make_unique<Runner>(std::move(profile), fakes.ports(), std::move(cb));
  }
  std::vector<ProgressEvent> finished() const {
    std::vector<ProgressEvent> out;
    for (const auto& e : events) {
      if (e.phase == Phase::Finished) out.push_back(e);
    }
    return out;
  }
  const ProgressEvent* finishedFor(const std::string& target) const {
    for (const auto& e : events) {
      if (e.phase == Phase::Finished && e.target == target) return &e;
    }
    return nullptr;
  }
  OpId gatherId(const std::string& url) {
    for (const auto& g : fakes.pc.gatherings) {
      if (g.servers[0].urls[0] == url) return g.id;
    }
    return 0;
  }
  void answerXmpp() {
    OpId ws = fakes.ws.last().id;
    fakes.ws.deliverOpen(ws, "xmpp");
    fakes.ws.deliverMessage(ws,
                            "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>"
                            "<stream:features xmlns:stream='http://etherx.jabber.org/streams'/>");
  }

  FakePorts fakes;
  std::unique_ptr<Runner> runner;
  std::vector<ProgressEvent> events;
  int doneCalls = 0;
  Observations result;
};

TEST_F(RunnerTest, StartsEveryProbeAtOnce) {
  make();
  runner->start();
  EXPECT_EQ(fakes.http.requests.size(), 2u);
  EXPECT_EQ(fakes.ws.sockets.size(), 1u);
  EXPECT_EQ(fakes.pc.gatherings.size(), 5u);  // 4 relay + 1 direct
  ASSERT_EQ(events.size(), 8u);
  for (const auto& e : events) {
    EXPECT_EQ(e.phase, Phase::Started);
    EXPECT_EQ(e.done, 0);
    EXPECT_EQ(e.total, 8);
  }
  EXPECT_EQ(events[0].probe, ProbeKind::Https);
  EXPECT_EQ(events[0].target, "https://web.rainbow.lab/");
  EXPECT_EQ(events[2].probe, ProbeKind::XmppWss);
  EXPECT_EQ(events[3].probe, ProbeKind::Ice);
  EXPECT_EQ(events[3].target, "turn-eu1.rainbow.lab:3478 TURN/UDP");
  EXPECT_EQ(events[4].target, "turn-eu1.rainbow.lab:443 TURN/TLS");
  EXPECT_EQ(events[6].target, "turn-na1.rainbow.lab:80 TURN/TCP");
  EXPECT_EQ(events[7].target, "turn-eu1.rainbow.lab:3478 STUN/UDP");
  EXPECT_FALSE(runner->done());
}

TEST_F(RunnerTest, FullRunReportsProgressAndCallsOnDoneOnce) {
  make();
  runner->start();
  fakes.clock.advance(12);
  fakes.pc.deliverError(gatherId("turn:turn-na1.rainbow.lab:80?transport=tcp"), 401,
                        "Unauthorized.");
  fakes.clock.advance(28);
  fakes.http.respond(fakes.http.requests[0].id,
                     FakeHttp::networkError("TypeError: Failed to fetch"));
  fakes.http.respond(fakes.http.requests[1].id, FakeHttp::response(200, "{\"status\":\"OK\"}"));
  answerXmpp();
  fakes.clock.advance(30);
  fakes.pc.deliverCandidate(gatherId("turn:turn-eu1.rainbow.lab:3478?transport=udp"), kRelay);
  fakes.pc.deliverCandidate(gatherId("turns:turn-eu1.rainbow.lab:443?transport=tcp"), kRelay,
                            "tls");
  OpId direct = gatherId("stun:turn-eu1.rainbow.lab:3478");
  fakes.pc.deliverCandidate(direct, kSrflx);
  fakes.pc.deliverComplete(direct);
  EXPECT_EQ(doneCalls, 0);
  // na1 UDP stays silent: the silence rule ends it at max(2000, 3 x 70 ms) = 2000 ms, long
  // before its own 6000 ms deadline.
  fakes.clock.advance(1929);
  EXPECT_EQ(doneCalls, 0);
  fakes.clock.advance(1);
  ASSERT_EQ(doneCalls, 1);
  EXPECT_TRUE(runner->done());

  // The failed fetch of web.rainbow.lab added one name probe (silent to its 1.5 s deadline: the
  // name resolved), so the total grew from 8 to 9 as it started; the successful ones added none.
  auto fin = finished();
  ASSERT_EQ(fin.size(), 9u);
  for (std::size_t i = 0; i < fin.size(); ++i) {
    EXPECT_EQ(fin[i].done, static_cast<int>(i) + 1);
    EXPECT_EQ(fin[i].total, i == 0 ? 8 : 9);  // the 401 at 12 ms came before the fetch failed
  }
  ASSERT_EQ(result.names.size(), 1u);
  EXPECT_EQ(result.names[0].url, "stun:web.rainbow.lab:443");
  const ProgressEvent* name = finishedFor("web.rainbow.lab");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->probe, ProbeKind::Names);
  EXPECT_EQ(name->status, Status::Pass);
  EXPECT_EQ(name->outcome, "the name web.rainbow.lab resolves");
  const ProgressEvent* e = finishedFor("turn-na1.rainbow.lab:80 TURN/TCP");
  ASSERT_NE(e, nullptr);
  // The same status the report gives this 401 (credentials were given and refused: the path is
  // open, the relay untested).
  EXPECT_EQ(e->status, Status::Warn);
  EXPECT_EQ(e->outcome, "401 Unauthorized in 12 ms: server reachable, credentials refused");
  e = finishedFor("https://web.rainbow.lab/");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, Status::Fail);
  EXPECT_EQ(e->outcome, "network error: TypeError: Failed to fetch");
  e = finishedFor("turn-eu1.rainbow.lab:3478 TURN/UDP");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, Status::Pass);
  EXPECT_EQ(e->outcome, "relay candidate in 70 ms");
  e = finishedFor("turn-na1.rainbow.lab:3478 TURN/UDP");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, Status::Fail);
  EXPECT_EQ(e->outcome, "no answer in 2000 ms");
  e = finishedFor("turn-eu1.rainbow.lab:3478 STUN/UDP");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, Status::Pass);
  EXPECT_EQ(finishedFor("rainbow.lab/websocket"), nullptr);
  EXPECT_EQ(finishedFor("wss://rainbow.lab/websocket")->status, Status::Pass);

  ASSERT_EQ(result.https.size(), 2u);
  EXPECT_EQ(result.https[1].outcome, HttpsObservation::Outcome::Ok);
  ASSERT_TRUE(result.xmpp.has_value());
  EXPECT_EQ(result.xmpp->outcome, XmppObservation::Outcome::Ok);
  ASSERT_EQ(result.ice.size(), 4u);
  EXPECT_EQ(result.ice[0].outcome, IceObservation::Outcome::Relay);
  EXPECT_EQ(result.ice[1].relayProtocol, "tls");
  EXPECT_EQ(result.ice[2].outcome, IceObservation::Outcome::Timeout);
  EXPECT_EQ(result.ice[3].outcome, IceObservation::Outcome::Unauthorized);
  ASSERT_TRUE(result.direct.has_value());
  EXPECT_EQ(result.direct->candidates.size(), 1u);
  EXPECT_FALSE(result.cancelled);
  EXPECT_NE(english(result.ice[2].silenceRule).find("silent past max(2000 ms, 3 x 70 ms"),
            std::string::npos)
      << english(result.ice[2].silenceRule);
  EXPECT_EQ(result.elapsedMs, 2000);
  EXPECT_EQ(result.verdictMs, 2000);  // no call in this profile: the last probe decided it
  // Every op opened was closed or aborted.
  EXPECT_EQ(fakes.http.aborted.size(), 2u);
  EXPECT_EQ(fakes.ws.closedIds.size(), 1u);
  EXPECT_EQ(fakes.pc.closedIds.size(), 6u);  // 5 ICE probes and the name probe
  EXPECT_EQ(fakes.clock.pendingTimers(), 0u);
}

TEST_F(RunnerTest, NoCredentialInAnyProgressString) {
  Profile p = labProfile();
  p.https.push_back(
      {std::string("https://") + kUser + ":" + kSecret + "@rainbow.lab/", "x", "", ""});
  p.turn[0].urls.push_back(std::string("turn:") + kSecret + "@bad");
  make(p);
  runner->start();
  // The browser gets the real credentials...
  EXPECT_EQ(fakes.pc.gatherings[0].servers[0].credential, kSecret);
  // ...and may echo them back in its texts.
  fakes.pc.deliverFailure(fakes.pc.gatherings[1].id,
                          std::string("InvalidAccessError: ") + kUser + "/" + kSecret);
  fakes.pc.deliverError(fakes.pc.gatherings[2].id, 701, std::string("bad ") + kSecret);
  fakes.clock.advance(6000);
  ASSERT_EQ(doneCalls, 1);
  ASSERT_FALSE(events.empty());
  for (const auto& e : events) {
    for (const std::string& s : {std::string(toString(e.probe)), e.target, english(e.outcome)}) {
      EXPECT_EQ(s.find(kSecret), std::string::npos) << s;
      EXPECT_EQ(s.find(kUser), std::string::npos) << s;
    }
  }
}

TEST_F(RunnerTest, TotalDeadlineStopsRemainingProbes) {
  Profile p = labProfile();
  p.timeouts.iceMs = 60000;
  p.timeouts.totalMs = 10000;
  make(p);
  runner->start();
  // No server answers: no evidence, so no silence rule; only the deadlines apply.
  fakes.clock.advance(9999);
  EXPECT_EQ(doneCalls, 0);
  fakes.clock.advance(1);
  ASSERT_EQ(doneCalls, 1);
  EXPECT_FALSE(result.cancelled);
  EXPECT_EQ(result.elapsedMs, 10000);
  EXPECT_EQ(result.https[0].outcome, HttpsObservation::Outcome::Timeout);  // its own 6 s
  EXPECT_EQ(result.https[1].outcome, HttpsObservation::Outcome::Timeout);
  EXPECT_EQ(result.verdictMs, -1);  // ended by the total deadline
  for (const auto& o : result.ice) {
    EXPECT_EQ(o.outcome, IceObservation::Outcome::Timeout);
    EXPECT_NE(english(o.errorText).find("total deadline"), std::string::npos);
  }
  EXPECT_EQ(fakes.pc.closedIds.size(), 5u);
  EXPECT_EQ(finished().size(), 8u);
  EXPECT_EQ(finished().back().done, 8);
  EXPECT_EQ(fakes.clock.pendingTimers(), 0u);
}

TEST_F(RunnerTest, ProbeDeadlinesWinOverAnEqualTotalDeadline) {
  Profile p = labProfile();
  p.timeouts.totalMs = 6000;
  make(p);
  runner->start();
  fakes.clock.advance(6000);
  ASSERT_EQ(doneCalls, 1);
  for (const auto& o : result.ice) EXPECT_EQ(o.errorText, "timed out after 6000 ms");
}

TEST_F(RunnerTest, CancelEndsEverythingOnce) {
  make();
  runner->start();
  fakes.clock.advance(50);
  fakes.http.respond(fakes.http.requests[0].id, FakeHttp::response(200, ""));
  runner->cancel();
  ASSERT_EQ(doneCalls, 1);
  EXPECT_TRUE(runner->done());
  EXPECT_TRUE(result.cancelled);
  EXPECT_EQ(result.elapsedMs, 50);
  EXPECT_EQ(result.https[0].outcome, HttpsObservation::Outcome::Ok);
  EXPECT_EQ(result.https[1].outcome, HttpsObservation::Outcome::Timeout);
  EXPECT_EQ(result.https[1].detail, "cancelled");
  EXPECT_EQ(result.xmpp->detail, "cancelled");
  for (const auto& o : result.ice) EXPECT_EQ(o.errorText, "cancelled");
  EXPECT_EQ(result.direct->errorText, "cancelled");
  EXPECT_EQ(fakes.http.aborted.size(), 2u);
  EXPECT_EQ(fakes.ws.closedIds.size(), 1u);
  EXPECT_EQ(fakes.pc.closedIds.size(), 5u);
  auto fin = finished();
  ASSERT_EQ(fin.size(), 8u);
  EXPECT_EQ(fin[0].status, Status::Pass);
  EXPECT_EQ(fin[1].status, Status::Skipped);
  EXPECT_EQ(fin[1].outcome, "cancelled");
  runner->cancel();
  fakes.pc.deliverAfterClose = true;  // late, contract-breaking events change nothing
  fakes.pc.deliverCandidate(fakes.pc.gatherings[0].id, kRelay);
  fakes.clock.advance(60000);
  EXPECT_EQ(doneCalls, 1);
  EXPECT_EQ(finished().size(), 8u);
}

TEST_F(RunnerTest, DestructionClosesEverythingWithoutCallbacks) {
  make();
  runner->start();
  std::size_t before = events.size();
  runner.reset();
  EXPECT_EQ(fakes.http.aborted.size(), 2u);
  EXPECT_EQ(fakes.ws.closedIds.size(), 1u);
  EXPECT_EQ(fakes.pc.closedIds.size(), 5u);
  EXPECT_EQ(fakes.clock.pendingTimers(), 0u);
  EXPECT_FALSE(fakes.http.respond(fakes.http.requests[0].id, FakeHttp::response(200, "")));
  fakes.clock.advance(60000);
  EXPECT_EQ(events.size(), before);
  EXPECT_EQ(doneCalls, 0);
}

TEST_F(RunnerTest, HostMayDestroyRunnerInsideOnDone) {
  RunnerCallbacks cb;
  cb.onDone = [this](const Observations& o) {
    ++doneCalls;
    result = o;
    runner.reset();
  };
  runner = std::make_unique<Runner>(labProfile(), fakes.ports(), std::move(cb));
  runner->start();
  fakes.clock.advance(6000);  // every probe times out in the same tick
  EXPECT_EQ(doneCalls, 1);
  EXPECT_EQ(runner, nullptr);
  EXPECT_EQ(fakes.clock.pendingTimers(), 0u);
}

TEST_F(RunnerTest, HostMayDestroyRunnerInsideOnProgress) {
  RunnerCallbacks cb;
  cb.onProgress = [this](const ProgressEvent& e) {
    events.push_back(e);
    if (e.phase == Phase::Finished) runner.reset();
  };
  cb.onDone = [this](const Observations&) { ++doneCalls; };
  runner = std::make_unique<Runner>(labProfile(), fakes.ports(), std::move(cb));
  runner->start();
  fakes.clock.advance(6000);
  EXPECT_EQ(finished().size(), 1u);
  EXPECT_EQ(doneCalls, 0);
  EXPECT_EQ(fakes.pc.closedIds.size(), 5u);
}

TEST_F(RunnerTest, CancelFromOnProgressDuringStart) {
  RunnerCallbacks cb;
  cb.onProgress = [this](const ProgressEvent& e) {
    events.push_back(e);
    if (events.size() == 3) runner->cancel();
  };
  cb.onDone = [this](const Observations& o) {
    ++doneCalls;
    result = o;
  };
  runner = std::make_unique<Runner>(labProfile(), fakes.ports(), std::move(cb));
  runner->start();
  EXPECT_EQ(doneCalls, 1);
  EXPECT_TRUE(result.cancelled);
  EXPECT_TRUE(fakes.http.requests.empty());  // nothing was started after the cancel
  EXPECT_TRUE(fakes.pc.gatherings.empty());
}

TEST_F(RunnerTest, ProbeCompletingInsideStartIsHandled) {
  fakes.http.answerSynchronously = FakeHttp::response(200, "{\"status\":\"OK\"}");
  fakes.pc.failSynchronously = "InvalidAccessError";
  make();
  runner->start();
  // HTTPS and ICE finished inside start; XMPP is still waiting.
  EXPECT_EQ(doneCalls, 0);
  EXPECT_EQ(finished().size(), 7u);
  EXPECT_EQ(fakes.pc.closedIds.size(), 5u);
  answerXmpp();
  ASSERT_EQ(doneCalls, 1);
  EXPECT_EQ(result.https[0].outcome, HttpsObservation::Outcome::Ok);
  EXPECT_EQ(result.ice[0].outcome, IceObservation::Outcome::Failed);
}

TEST_F(RunnerTest, AllProbesEndingInsideStartCallOnDoneOnce) {
  Profile p;
  p.https = {{"ftp://bad", "x", "", ""}};
  p.turn = {TurnServer{"eu1", {"tun:bad"}, "", ""}};
  make(p);
  runner->start();
  EXPECT_EQ(doneCalls, 1);
  EXPECT_EQ(finished().size(), 2u);  // no direct probe: no parseable TURN URL
  EXPECT_EQ(result.https[0].outcome, HttpsObservation::Outcome::BadInput);
  EXPECT_EQ(result.ice[0].outcome, IceObservation::Outcome::BadInput);
  EXPECT_EQ(finished()[1].target, "tun:bad");
  EXPECT_EQ(fakes.clock.pendingTimers(), 0u);
}

TEST_F(RunnerTest, EmptyProfileFinishesImmediately) {
  make(Profile{});
  runner->start();
  EXPECT_EQ(doneCalls, 1);
  EXPECT_TRUE(events.empty());
  EXPECT_FALSE(result.xmpp.has_value());
  runner->start();
  runner->cancel();
  EXPECT_EQ(doneCalls, 1);
}

}  // namespace
}  // namespace netready

namespace netready {
namespace {

// The silence rule (runner.cpp): a path silent past max(2000 ms, 3 x the slowest answer seen)
// is dead; without any answer only the probes' own deadline applies.
class SilenceRuleTest : public RunnerTest {
 protected:
  // Everything answers at `answerMs` except na1 over UDP, which stays silent.
  void answerAllButNa1Udp(std::int64_t answerMs) {
    fakes.clock.advance(answerMs);
    fakes.http.respond(fakes.http.requests[0].id, FakeHttp::response(200, ""));
    fakes.http.respond(fakes.http.requests[1].id, FakeHttp::response(200, "{\"status\":\"OK\"}"));
    answerXmpp();
    fakes.pc.deliverCandidate(gatherId("turn:turn-eu1.rainbow.lab:3478?transport=udp"), kRelay);
    fakes.pc.deliverCandidate(gatherId("turns:turn-eu1.rainbow.lab:443?transport=tcp"), kRelay,
                              "tls");
    fakes.pc.deliverCandidate(gatherId("turn:turn-na1.rainbow.lab:80?transport=tcp"), kRelay);
    OpId direct = gatherId("stun:turn-eu1.rainbow.lab:3478");
    fakes.pc.deliverCandidate(direct, kSrflx);
    fakes.pc.deliverComplete(direct);
  }
  std::int64_t silentEndMs() { return result.ice[2].elapsedMs; }
};

TEST_F(SilenceRuleTest, FastNetworkEndsSilenceAtTheFloor) {
  make();
  runner->start();
  answerAllButNa1Udp(40);
  fakes.clock.advance(10000);
  ASSERT_EQ(doneCalls, 1);
  EXPECT_EQ(silentEndMs(), 2000);
  EXPECT_EQ(result.elapsedMs, 2000);
}

TEST_F(SilenceRuleTest, SlowAnswersRaiseTheBound) {
  // 300 ms RTT: answers take ~1.5 s, so silence is only loss past 4.5 s.
  make();
  runner->start();
  answerAllButNa1Udp(1500);
  fakes.clock.advance(10000);
  ASSERT_EQ(doneCalls, 1);
  EXPECT_EQ(silentEndMs(), 4500);
  EXPECT_NE(english(result.ice[2].silenceRule).find("3 x 1500 ms"), std::string::npos);
}

TEST_F(SilenceRuleTest, TheProbeDeadlineStaysTheHardBound) {
  // Answers at 2.5 s: 3 x 2500 is past the 6 s deadline, which ends the probe as before.
  make();
  runner->start();
  answerAllButNa1Udp(2500);
  fakes.clock.advance(10000);
  ASSERT_EQ(doneCalls, 1);
  EXPECT_EQ(silentEndMs(), 6000);
  EXPECT_TRUE(result.ice[2].silenceRule.empty());
  EXPECT_EQ(result.ice[2].errorText, "timed out after 6000 ms");
}

TEST_F(SilenceRuleTest, AnAnswerArrivingLateStillRescues) {
  // A probe answering after the others (a SYN lost once: retried at 1 s) is not cut: the
  // answer at 1200 ms raised the bound to 3600 ms, so TLS answering at 3200 ms still counts.
  make();
  runner->start();
  fakes.clock.advance(40);
  fakes.pc.deliverCandidate(gatherId("turn:turn-eu1.rainbow.lab:3478?transport=udp"), kRelay);
  fakes.clock.advance(1160);
  fakes.pc.deliverCandidate(gatherId("turn:turn-na1.rainbow.lab:80?transport=tcp"), kRelay);
  fakes.clock.advance(2000);  // 3200 ms: past the floor, before 3 x 1200
  EXPECT_TRUE(fakes.pc.closedIds.size() < 5u);
  fakes.pc.deliverCandidate(gatherId("turns:turn-eu1.rainbow.lab:443?transport=tcp"), kRelay);
  EXPECT_EQ(result.ice.size(), 0u);  // not done yet
  fakes.clock.advance(10000);
  ASSERT_EQ(doneCalls, 1);
  EXPECT_EQ(result.ice[1].outcome, IceObservation::Outcome::Relay);
  // The answer at 3.2 s raised the bound to 9.6 s, past the 6 s deadline, which ends na1 UDP.
  EXPECT_EQ(result.ice[2].elapsedMs, 6000);
  EXPECT_TRUE(result.ice[2].silenceRule.empty());
}

}  // namespace
}  // namespace netready
