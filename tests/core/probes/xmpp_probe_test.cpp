#include "probes/xmpp_probe.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <vector>

#include "core/probes/probe_fixtures.h"
#include "fakes/fake_ports.h"

namespace netready {
namespace {

using fake::FakeWebSocket;
using Outcome = XmppObservation::Outcome;

constexpr const char* kOpenAnswer =
    "<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" from=\"openrainbow.com\" "
    "id=\"abc\" version=\"1.0\" xml:lang=\"en\"/>";
constexpr const char* kFeatures =
    "<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\"><mechanisms "
    "xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>PLAIN</mechanism></mechanisms>"
    "</stream:features>";

class XmppProbeTest : public fixtures::ProbeTest<XmppObservation> {
 protected:
  std::unique_ptr<XmppProbe> make(const std::string& url = "wss://openrainbow.com/websocket",
                                  const std::string& domain = "openrainbow.com") {
    return std::make_unique<XmppProbe>(XmppEndpoint{url, domain}, 6000, clock, ws, record());
  }
  OpId id() { return ws.last().id; }

  FakeWebSocket ws;
};

TEST_F(XmppProbeTest, OpenAndFeaturesInOneMessage) {
  auto probe = make();
  probe->start();
  ASSERT_EQ(ws.sockets.size(), 1u);
  EXPECT_EQ(ws.last().url, "wss://openrainbow.com/websocket");
  EXPECT_EQ(ws.last().protocol, "xmpp");
  clock.advance(30);
  ws.deliverOpen(id(), "xmpp");
  ASSERT_EQ(ws.last().sent.size(), 1u);
  EXPECT_EQ(ws.last().sent[0],
            "<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"openrainbow.com\" "
            "version=\"1.0\"/>");
  clock.advance(20);
  ws.deliverMessage(id(), std::string(kOpenAnswer) + kFeatures);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Ok);
  EXPECT_EQ(results[0].connectMs, 30);
  EXPECT_EQ(results[0].featuresMs, 50);
  EXPECT_EQ(results[0].protocol, "xmpp");
  ASSERT_EQ(ws.last().sent.size(), 2u);
  EXPECT_EQ(ws.last().sent[1], "<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>");
  EXPECT_EQ(ws.closedIds, std::vector<OpId>{id()});
  EXPECT_EQ(clock.pendingTimers(), 0u);
}

TEST_F(XmppProbeTest, OpenAndFeaturesInTwoMessagesWithWhitespaceAndOtherAttributeOrder) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  ws.deliverMessage(id(),
                    "<?xml version='1.0'?>\n  <open\n version='1.0' "
                    "xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='openrainbow.com'/>");
  EXPECT_TRUE(results.empty());
  ws.deliverMessage(id(), " ");  // whitespace keepalive
  EXPECT_TRUE(results.empty());
  clock.advance(12);
  ws.deliverMessage(id(), std::string("\n") + kFeatures);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Ok);
  EXPECT_EQ(results[0].featuresMs, 12);
}

TEST_F(XmppProbeTest, DomainIsEscapedInOpen) {
  auto probe = make("wss://lab/ws", "a\"b&c<d>'");
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  ASSERT_EQ(ws.last().sent.size(), 1u);
  EXPECT_NE(ws.last().sent[0].find("to=\"a&quot;b&amp;c&lt;d&gt;&apos;\""), std::string::npos);
}

TEST_F(XmppProbeTest, WrongSubprotocolClosesSocket) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::WrongSubprotocol);
  EXPECT_EQ(results[0].protocol, "");
  EXPECT_EQ(ws.closedIds.size(), 1u);
  EXPECT_TRUE(ws.last().sent.empty());
}

TEST_F(XmppProbeTest, Close1006BeforeOpenIsConnectFailed) {
  auto probe = make();
  probe->start();
  clock.advance(80);
  ws.deliverError(id());
  EXPECT_TRUE(results.empty());  // onClose carries the code
  ws.deliverClose(id(), 1006);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::ConnectFailed);
  EXPECT_EQ(results[0].closeCode, 1006);
  EXPECT_EQ(results[0].connectMs, -1);
  EXPECT_NE(english(results[0].detail).find("upgrade refused or connection failed"),
            std::string::npos);
  EXPECT_EQ(ws.closedIds.size(), 1u);  // released even though the peer closed
}

TEST_F(XmppProbeTest, CloseAfterOpenBeforeFeaturesIsNoXmppAnswer) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  ws.deliverMessage(id(), kOpenAnswer);
  ws.deliverClose(id(), 1000, "bye", true);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NoXmppAnswer);
  EXPECT_EQ(results[0].closeCode, 1000);
  EXPECT_NE(english(results[0].detail).find("before <stream:features>"), std::string::npos);
}

TEST_F(XmppProbeTest, StreamErrorIsNoXmppAnswerWithCondition) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  ws.deliverMessage(id(), std::string(kOpenAnswer) +
                              "<stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
                              "<host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                              "</stream:error>");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NoXmppAnswer);
  EXPECT_NE(english(results[0].detail).find("host-unknown"), std::string::npos);
  EXPECT_EQ(ws.closedIds.size(), 1u);
}

TEST_F(XmppProbeTest, ServerCloseElementIsNoXmppAnswer) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  ws.deliverMessage(id(),
                    "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing' "
                    "see-other-uri='wss://other.example/ws'/>");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NoXmppAnswer);
  EXPECT_NE(english(results[0].detail).find("see-other-uri"), std::string::npos);
}

TEST_F(XmppProbeTest, OpenOutsideFramingNamespaceIsNoXmppAnswer) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  ws.deliverMessage(id(), "<open version='1.0'/>");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NoXmppAnswer);
}

TEST_F(XmppProbeTest, LegacyStreamFramingIsNoXmppAnswer) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  ws.deliverMessage(id(), "<stream:stream xmlns='jabber:client'>");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NoXmppAnswer);
  EXPECT_NE(english(results[0].detail).find("legacy"), std::string::npos);
}

TEST_F(XmppProbeTest, FeaturesBeforeOpenIsNoXmppAnswer) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  ws.deliverMessage(id(), kFeatures);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NoXmppAnswer);
}

TEST_F(XmppProbeTest, TimesOutAtDeadlineAndIgnoresLateMessages) {
  auto probe = make();
  probe->start();
  clock.advance(10);
  ws.deliverOpen(id(), "xmpp");
  clock.advance(5989);
  EXPECT_TRUE(results.empty());
  clock.advance(1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Timeout);
  EXPECT_EQ(results[0].connectMs, 10);
  EXPECT_EQ(english(results[0].detail).rfind("timed out after 6000 ms", 0), 0u);
  EXPECT_EQ(ws.closedIds.size(), 1u);
  ws.deliverAfterClose = true;
  EXPECT_TRUE(ws.deliverMessage(id(), std::string(kOpenAnswer) + kFeatures));
  EXPECT_TRUE(ws.deliverClose(id(), 1006));
  EXPECT_EQ(results.size(), 1u);
  EXPECT_EQ(probe->observation().outcome, Outcome::Timeout);
  EXPECT_EQ(probe->observation().featuresMs, -1);
  EXPECT_EQ(ws.last().sent.size(), 1u);  // no <close/> sent late
}

TEST_F(XmppProbeTest, CancelClosesSocketOnce) {
  auto probe = make();
  probe->start();
  probe->cancel("cancelled");
  probe->cancel("cancelled");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Timeout);
  EXPECT_EQ(results[0].detail, "cancelled");
  EXPECT_EQ(ws.closedIds, std::vector<OpId>{id()});
  EXPECT_EQ(clock.pendingTimers(), 0u);
}

TEST_F(XmppProbeTest, BadUrlOrDomainIsBadInput) {
  auto probe = make("https://openrainbow.com/websocket");
  probe->start();
  auto noDomain = make("wss://openrainbow.com/websocket", "");
  noDomain->start();
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].outcome, Outcome::BadInput);
  EXPECT_EQ(results[1].outcome, Outcome::BadInput);
  EXPECT_TRUE(ws.sockets.empty());
}

TEST_F(XmppProbeTest, DestructionClosesWithoutCallback) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  probe.reset();
  EXPECT_EQ(ws.closedIds.size(), 1u);
  EXPECT_EQ(clock.pendingTimers(), 0u);
  EXPECT_TRUE(results.empty());
}

TEST(XmppProbeScan, FindsStartTagsInOrder) {
  auto tags = scanXmlTags(
      "<?xml version='1.0'?><!-- c --><open a='1'/> <stream:features>"
      "<x/></stream:features><unterminated b='2'");
  ASSERT_EQ(tags.size(), 4u);
  EXPECT_EQ(tags[0].name, "open");
  EXPECT_EQ(tags[0].text, "<open a='1'/>");
  EXPECT_EQ(tags[1].name, "stream:features");
  EXPECT_EQ(tags[2].name, "x");
  EXPECT_EQ(tags[3].name, "unterminated");
  EXPECT_EQ(tags[3].text, "<unterminated b='2'");
}

// Issue #11: a frame of 256 KiB of '<' took 17.6 s (each '<' searched to the end for '>'), and
// "<a<a<a..." or "<error<error..." as badly. Linear now: each of these takes about a millisecond
// natively; the bound is 1000 times that, so only a quadratic scan can fail it.
TEST(XmppProbeScan, HostileFramesScanInLinearTime) {
  const std::size_t n = 256 * 1024;
  std::string repeated;
  while (repeated.size() < n) repeated += "<error";
  for (const std::string& frame :
       {std::string(n, '<'), std::string(n / 2, 'a') + std::string(n / 2, '<'), repeated}) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto tags = scanXmlTags(frame);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    EXPECT_LT(ms, 1000) << frame.substr(0, 12);
    for (const XmlTagView& t : tags) EXPECT_LE(t.text.size(), 7u) << "bounded by the next '<'";
  }
  // An unterminated tag's text ends where the next tag begins.
  auto tags = scanXmlTags("<a b='1'<c>");
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].text, "<a b='1'");
  EXPECT_EQ(tags[1].text, "<c>");
}

TEST_F(XmppProbeTest, FrameOverTheCapFailsNamingItsSize) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  // 1 MiB: no XMPP server answers <open/> with that; the probe says so without scanning it.
  ws.deliverMessage(id(), std::string(1024 * 1024, '<') + kOpenAnswer + kFeatures);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::NoXmppAnswer);
  EXPECT_EQ(results[0].detail,
            "the server sent a frame of 1048864 bytes before <open/>; an XMPP server's answers "
            "are a few hundred bytes (at most 64 KiB of a frame is read)");
}

TEST_F(XmppProbeTest, FrameAtTheCapIsStillRead) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  std::string frame = std::string(kOpenAnswer) + kFeatures;
  frame += std::string(kMaxScannedFrameBytes - frame.size(), ' ');
  ws.deliverMessage(id(), frame);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Ok);
}

TEST_F(XmppProbeTest, NonXmppFirstFramesFailAtOnce) {
  const std::pair<std::string, std::string> cases[] = {
      {"HTTP/1.1 200 OK", "the server answered with data that is not XMPP: \"HTTP/1.1 200 OK\""},
      {"<html><body>portal</body></html>",
       "the server answered with <html> instead of the XMPP <open/>: "
       "\"<html><body>portal</body></html>\""},
  };
  for (const auto& [frame, detail] : cases) {
    SCOPED_TRACE(frame);
    results.clear();
    auto probe = make();
    probe->start();
    ws.deliverOpen(id(), "xmpp");
    ws.deliverMessage(id(), frame);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].outcome, Outcome::NoXmppAnswer);
    EXPECT_EQ(results[0].detail, detail);
  }
}

TEST_F(XmppProbeTest, PrologOrWhitespaceFrameKeepsWaiting) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  ws.deliverMessage(id(), "<?xml version='1.0'?>");
  ws.deliverMessage(id(), " \r\n");
  EXPECT_TRUE(results.empty());
  ws.deliverMessage(id(), std::string(kOpenAnswer) + kFeatures);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Ok);
}

TEST_F(XmppProbeTest, SilentServerAfterTheUpgradeIsNamed) {
  auto probe = make();
  probe->start();
  ws.deliverOpen(id(), "xmpp");
  clock.advance(6000);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::Timeout);
  EXPECT_NE(english(results[0].detail)
                .find("waiting for <open/>: the WebSocket opened but the server "
                      "sent nothing"),
            std::string::npos)
      << english(results[0].detail);
}

}  // namespace
}  // namespace netready
