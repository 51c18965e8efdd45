// The XMPP probe driven through the fake WebSocket by a script of port events.
// First line: URL, domain, timeout (ms) and flags (fuzz_probe_driver.h; "-" keeps the default).
// Then: open PROTOCOL | msg FRAME | close CODE CLEAN REASON | error, and the driver's commands.
// Checks, beyond the driver's lifecycle: at most one socket, opened with subprotocol "xmpp";
// nothing sent to a closed socket; the first frame sent is the RFC 7395 <open/> to the domain
// (XML-escaped); the outcome agrees with what happened (Ok: "xmpp" negotiated, features after
// connect, <close/> sent; ConnectFailed: never opened; WrongSubprotocol: not "xmpp"; Timeout:
// deadline or cancel; BadInput: no socket); the detail is one printable line.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fakes/fake_ports.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_probe_driver.h"
#include "fuzz/fuzz_script.h"
#include "probes/probe_text.h"
#include "probes/xmpp_probe.h"

namespace netready::fuzz {
namespace {

using Outcome = XmppObservation::Outcome;
constexpr std::string_view kOpenPrefix =
    "<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"";

class Harness;

// A WebSocket port that, with flag S, delivers the script's first events from inside open().
class ScriptedWs : public fake::FakeWebSocket {
 public:
  OpId open(const std::string& url, const std::string& protocol, WebSocketEvents ev) override;
  Harness* harness = nullptr;
};

class Harness {
 public:
  explicit Harness(std::string_view input) : script_(input) {
    ws_.harness = this;
    Command config;
    script_.next(&config);
    // The config line's first word (the command slot of other lines) is the URL.
    url_ = Args::unescape(config.word, {});
    domain_ = config.args.word();
    if (url_.empty() || url_ == "-") url_ = "wss://rainbow.lab/websocket";
    if (domain_ == "-") domain_ = "rainbow.lab";
    timeoutMs_ = config.args.integer(1, 120000, 6000);
    flags_ = Flags(config.args.word());
    ws_.deliverAfterClose = flags_.late;
    d_.probe = std::make_unique<XmppProbe>(XmppEndpoint{url_, domain_}, timeoutMs_, d_.clock, ws_,
                                           d_.done());
  }

  void run() {
    d_.probe->start();
    check();
    Command c;
    while (script_.next(&c)) {
      step(c, false);
      check();
    }
    d_.finish(timeoutMs_);
    check();
  }

  bool syncFlag() const { return flags_.sync; }
  // Runs commands inside open() until "return".
  void inside(OpId id) {
    id_ = id;
    Command c;
    while (script_.next(&c) && c.word != "return") step(c, true);
  }

 private:
  void step(Command& c, bool inside) {
    if (d_.common(c, inside)) return;
    if (!d_.alive() || ws_.sockets.empty()) return;  // nothing reaches a destroyed probe
    const OpId id = inside ? id_ : ws_.last().id;
    if (c.word == "open") {
      ws_.deliverOpen(id, c.args.text());
    } else if (c.word == "msg") {
      ws_.deliverMessage(id, c.args.text());
    } else if (c.word == "close") {
      const int code = c.args.integer(0, 65535, 1006);
      const bool clean = c.args.integer(0, 1, 0) == 1;
      ws_.deliverClose(id, code, c.args.text(), clean);
    } else if (c.word == "error") {
      ws_.deliverError(id);
    }
  }

  void check() {
    require(ws_.sockets.size() <= 1, "one socket at most");
    require(ws_.sendsToClosed == 0, "nothing sent to a closed socket");
    if (!ws_.sockets.empty()) {
      const auto& s = ws_.sockets[0];
      require(s.protocol == "xmpp" && s.url == url_, "opened with \"xmpp\" to the URL");
      if (!s.sent.empty()) {
        const std::string open =
            std::string(kOpenPrefix) + xmlAttributeEscape(domain_) + "\" version=\"1.0\"/>";
        require(s.sent[0] == open, "the first frame is the <open/> to the domain, escaped");
      }
      require(s.sent.size() <= 2, "only <open/> and <close/> are sent");
    }
    const bool released = ws_.sockets.empty() || ws_.sockets[0].closed;
    d_.checkEnded(released);
    if (!d_.obs) return;
    const XmppObservation& o = *d_.obs;
    require(printableLine(english(o.detail)), "the detail is one printable line");
    require(o.url == url_, "the URL is kept");
    switch (o.outcome) {
      case Outcome::Ok:
        require(o.protocol == "xmpp" && o.connectMs >= 0 && o.featuresMs >= o.connectMs,
                "ok: xmpp negotiated, features after connect");
        require(ws_.sockets[0].sent.size() == 2 && ws_.sockets[0].sent[1].rfind("<close", 0) == 0,
                "ok: the stream was closed politely");
        break;
      case Outcome::ConnectFailed:
        require(o.connectMs < 0, "connect failed: never opened");
        break;
      case Outcome::WrongSubprotocol:
        require(o.protocol != "xmpp" && o.connectMs >= 0, "wrong subprotocol: not xmpp");
        break;
      case Outcome::Timeout:
        require(d_.timeoutExplained(timeoutMs_), "timeout: by the deadline or a cancel");
        break;
      case Outcome::BadInput:
        require(ws_.sockets.empty(), "bad input: no socket opened");
        break;
      case Outcome::NoXmppAnswer:
        require(o.connectMs >= 0, "no XMPP answer: the socket had opened");
        break;
    }
    if (o.outcome != Outcome::Ok) require(o.featuresMs < 0, "features only when ok");
    require(o.connectMs <= d_.waited, "connect time within the time that passed");
  }

  Script script_;
  ScriptedWs ws_;
  ProbeDriver<XmppProbe, XmppObservation> d_;
  Flags flags_{""};
  int timeoutMs_ = 6000;
  std::string url_, domain_;
  OpId id_ = 0;
};

OpId ScriptedWs::open(const std::string& url, const std::string& protocol, WebSocketEvents ev) {
  const OpId id = FakeWebSocket::open(url, protocol, std::move(ev));
  if (harness != nullptr && harness->syncFlag()) harness->inside(id);
  return id;
}

}  // namespace
}  // namespace netready::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netready::fuzz::Harness h(std::string_view(reinterpret_cast<const char*>(data), size));
  h.run();
  return 0;
}
