#include "probes/https_probe.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/probes/probe_fixtures.h"
#include "fakes/fake_ports.h"

namespace netready {
namespace {

using fake::FakeHttp;
using Outcome = HttpsObservation::Outcome;

class HttpsProbeTest : public fixtures::ProbeTest<HttpsObservation> {
 protected:
  std::unique_ptr<HttpsProbe> make(const std::string& url, const std::string& expectBody = "",
                                   int timeoutMs = 6000) {
    HttpsEndpoint e{url, "rest", expectBody, "§5.4"};
    return std::make_unique<HttpsProbe>(e, timeoutMs, clock, http, record());
  }

  FakeHttp http;
};

TEST_F(HttpsProbeTest, OkWhenBodyContainsExpectedText) {
  auto probe = make("https://openrainbow.com/api/rainbow/ping", "\"status\":\"OK\"");
  probe->start();
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].url, "https://openrainbow.com/api/rainbow/ping");
  EXPECT_TRUE(http.requests[0].allowOpaque);
  clock.advance(40);
  http.respondLast(FakeHttp::response(200, "{\"status\":\"OK\"}"));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Ok);
  EXPECT_EQ(results[0].status, 200);
  EXPECT_EQ(results[0].elapsedMs, 40);
  EXPECT_EQ(results[0].purpose, "rest");
  EXPECT_TRUE(probe->finished());
  EXPECT_EQ(clock.pendingTimers(), 0u);  // deadline cancelled
}

TEST_F(HttpsProbeTest, AnyTwoHundredBodyIsOkWithoutExpectation) {
  auto probe = make("https://web.openrainbow.com/");
  probe->start();
  http.respondLast(FakeHttp::response(204, ""));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Ok);
}

TEST_F(HttpsProbeTest, NonTwoHundredIsBadStatus) {
  auto probe = make("https://openrainbow.com/api/rainbow/ping", "OK");
  probe->start();
  clock.advance(15);
  http.respondLast(FakeHttp::response(503, "Service Unavailable"));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::BadStatus);
  EXPECT_EQ(results[0].status, 503);
  EXPECT_EQ(results[0].elapsedMs, 15);
}

TEST_F(HttpsProbeTest, BodyMismatchIsBadBodyWithCleanExcerpt) {
  auto probe = make("https://openrainbow.com/api/rainbow/ping", "\"status\":\"OK\"");
  probe->start();
  std::string body = "<html>\r\n\tblocked\x01 by proxy</html>" + std::string(300, 'x');
  http.respondLast(FakeHttp::response(200, body));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::BadBody);
  const std::string detail = english(results[0].detail);  // the body's excerpt: data only
  EXPECT_EQ(detail.rfind("<html>blocked by proxy</html>xxx", 0), 0u);
  EXPECT_LE(detail.size(), 120u);
  for (char c : detail) EXPECT_GE(static_cast<unsigned char>(c), 0x20);
}

TEST_F(HttpsProbeTest, OpaqueResponseIsOpaque) {
  auto probe = make("https://web.openrainbow.com/");
  probe->start();
  http.respondLast(FakeHttp::opaque());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Opaque);
}

TEST_F(HttpsProbeTest, NetworkErrorKeepsBrowserMessage) {
  auto probe = make("https://web.openrainbow.com/");
  probe->start();
  clock.advance(3);
  http.respondLast(FakeHttp::networkError("TypeError: Failed to fetch"));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NetworkError);
  EXPECT_EQ(results[0].detail, "TypeError: Failed to fetch");
  EXPECT_EQ(results[0].elapsedMs, 3);
}

TEST_F(HttpsProbeTest, TimesOutExactlyAtDeadlineAndAborts) {
  auto probe = make("https://web.openrainbow.com/", "", 6000);
  probe->start();
  clock.advance(5999);
  EXPECT_TRUE(results.empty());
  clock.advance(1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Timeout);
  EXPECT_EQ(results[0].elapsedMs, 6000);
  EXPECT_EQ(results[0].detail, "timed out after 6000 ms");
  EXPECT_EQ(http.aborted, std::vector<OpId>{http.requests[0].id});
}

TEST_F(HttpsProbeTest, LateResponseAfterTimeoutIsIgnored) {
  auto probe = make("https://web.openrainbow.com/", "", 100);
  probe->start();
  clock.advance(100);
  http.deliverAfterClose = true;  // an adapter breaking its promise
  EXPECT_TRUE(http.respondLast(FakeHttp::response(200, "fine")));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(probe->observation().outcome, Outcome::Timeout);
  EXPECT_EQ(probe->observation().status, 0);
}

TEST_F(HttpsProbeTest, CancelAbortsAndCompletesOnce) {
  auto probe = make("https://web.openrainbow.com/");
  probe->start();
  clock.advance(250);
  probe->cancel("cancelled");
  probe->cancel("cancelled");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Timeout);
  EXPECT_EQ(results[0].detail, "cancelled");
  EXPECT_EQ(results[0].elapsedMs, 250);
  EXPECT_EQ(http.aborted.size(), 1u);
  EXPECT_EQ(clock.pendingTimers(), 0u);
  clock.advance(10000);
  EXPECT_EQ(results.size(), 1u);
}

TEST_F(HttpsProbeTest, NonHttpsUrlIsBadInputWithoutRequest) {
  auto probe = make("ftp://openrainbow.com/");
  probe->start();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::BadInput);
  EXPECT_EQ(results[0].detail, "\"ftp://openrainbow.com/\" is not an https:// URL");
  EXPECT_TRUE(http.requests.empty());
  EXPECT_EQ(clock.pendingTimers(), 0u);
}

TEST_F(HttpsProbeTest, SynchronousAnswerInsideGetCompletesOnceAndAbortsKnownId) {
  http.answerSynchronously = FakeHttp::response(200, "ok");
  auto probe = make("https://web.openrainbow.com/");
  probe->start();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Ok);
  EXPECT_EQ(http.aborted, std::vector<OpId>{http.requests[0].id});
  EXPECT_EQ(clock.pendingTimers(), 0u);
}

TEST_F(HttpsProbeTest, DestructionAbortsWithoutCallback) {
  auto probe = make("https://web.openrainbow.com/");
  probe->start();
  probe.reset();
  EXPECT_EQ(http.aborted.size(), 1u);
  EXPECT_EQ(clock.pendingTimers(), 0u);
  EXPECT_FALSE(http.respondLast(FakeHttp::response(200, "")));
  EXPECT_TRUE(results.empty());
}

}  // namespace
}  // namespace netready
