#include "probes/xmpp_probe.h"

#include <utility>

#include "probes/probe_text.h"

namespace netready {

namespace {

using Outcome = XmppObservation::Outcome;

constexpr std::string_view kFramingNs = "urn:ietf:params:xml:ns:xmpp-framing";
constexpr std::string_view kStreamsNs = "http://etherx.jabber.org/streams";

bool isNameEnd(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>';
}

std::string_view localName(std::string_view name) {
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// <stream:error> as RFC 7395 servers write it, or an unprefixed <error> in the streams namespace.
bool isStreamError(const XmlTagView& t) {
  return t.name == "stream:error" ||
         (t.name == "error" && t.text.find(kStreamsNs) != std::string_view::npos);
}

// Whether a frame can be XMPP: it has a start tag, or holds only whitespace, a prolog or a
// comment (nothing to judge yet).
bool startsLikeXml(std::string_view text, const std::vector<XmlTagView>& tags) {
  if (!tags.empty()) return true;
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return true;
  return text[first] == '<' && first + 1 < text.size() &&
         (text[first + 1] == '?' || text[first + 1] == '!');
}

}  // namespace

std::vector<XmlTagView> scanXmlTags(std::string_view message) {
  // Linear: every search moves forward only. (It used to look for '>' from each '<' to the end
  // of the frame: 256 KiB of '<' took 17.6 s, synchronously, so no deadline could fire.)
  constexpr std::size_t npos = std::string_view::npos;
  std::vector<XmlTagView> tags;
  std::size_t gt = 0;  // the first '>' at or after `gt`'s last search start; npos: none left
  std::size_t next = message.find('<');
  for (std::size_t lt = next; lt != npos; lt = next) {
    next = message.find('<', lt + 1);
    std::size_t i = lt + 1;
    if (i < message.size() && (message[i] == '/' || message[i] == '?' || message[i] == '!')) {
      continue;
    }
    std::size_t end = i;
    // A raw '<' cannot be inside a tag: it ends the name (and the tag) too.
    while (end < message.size() && !isNameEnd(message[end]) && message[end] != '<') ++end;
    if (end == i) continue;
    if (gt != npos && gt < end) gt = message.find('>', end);
    std::size_t textEnd = gt == npos ? message.size() : gt + 1;
    if (next != npos && next < textEnd) textEnd = next;  // unterminated: up to the next tag
    tags.push_back(
        {message.substr(i, end - i), message.substr(lt, textEnd - lt), message.substr(lt)});
  }
  return tags;
}

XmppProbe::XmppProbe(const XmppEndpoint& endpoint, int timeoutMs, ClockPort& clock,
                     WebSocketPort& ws, DoneFn done)
    : ProbeBase(clock, std::move(done)), ws_(ws), domain_(endpoint.domain), deadlineMs_(timeoutMs) {
  obs_.url = endpoint.url;
}

XmppProbe::~XmppProbe() {
  abandon();
  release();
}

void XmppProbe::start() {
  if (state_ != State::Idle) return;
  const std::string& url = obs_.url;
  std::size_t schemeLen = startsWithNoCase(url, "wss://")  ? 6
                          : startsWithNoCase(url, "ws://") ? 5
                                                           : 0;
  if (schemeLen == 0 || url.size() == schemeLen || url[schemeLen] == '/') {
    complete(Outcome::BadInput, msg("xmpp-probe.not-wss-url", {printableExcerpt(url)}));
    return;
  }
  if (domain_.empty()) {
    complete(Outcome::BadInput, msg("xmpp-probe.no-domain"));
    return;
  }
  state_ = State::Connecting;
  beginStart(deadlineMs_);
  WebSocketEvents events;
  events.onOpen = [this](const std::string& p) { handle([this, p] { onOpen(p); }); };
  events.onMessage = [this](const std::string& m) { handle([this, m] { onMessage(m); }); };
  events.onClose = [this](int code, const std::string& reason, bool) {
    handle([this, code, reason] { onClose(code, reason); });
  };
  events.onError = [] {};  // no detail in browsers; onClose follows with the code
  op_ = ws_.open(url, "xmpp", std::move(events));
  endStart();
}

void XmppProbe::cancel(const Text& detail) {
  if (state_ == State::Done) return;
  complete(Outcome::Timeout, detail);
}

void XmppProbe::onOpen(const std::string& protocol) {
  if (state_ != State::Connecting) return;
  obs_.connectMs = elapsed();
  obs_.protocol = protocol;
  if (protocol != "xmpp") {
    complete(Outcome::WrongSubprotocol,
             msg("xmpp-probe.wrong-subprotocol", {printableExcerpt(protocol)}));
    return;
  }
  state_ = State::AwaitOpen;
  ws_.send(op_, "<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"" +
                    xmlAttributeEscape(domain_) + "\" version=\"1.0\"/>");
}

void XmppProbe::onMessage(const std::string& message) {
  if (state_ != State::AwaitOpen && state_ != State::AwaitFeatures) return;
  ++frames_;
  // <open/> and <stream:features> are a few hundred bytes; a frame past the cap is not an XMPP
  // server's answer, and scanning it would only cost time.
  if (message.size() > kMaxScannedFrameBytes) {
    complete(Outcome::NoXmppAnswer,
             msg("xmpp-probe.frame-too-big",
                 {std::to_string(message.size()),
                  state_ == State::AwaitOpen ? "<open/>" : "<stream:features>",
                  std::to_string(kMaxScannedFrameBytes / 1024)}));
    return;
  }
  const std::string_view text = message;
  const std::vector<XmlTagView> tags = scanXmlTags(text);
  if (state_ == State::AwaitOpen && !startsLikeXml(text, tags)) {
    // RFC 7395 §3.3.2: the server's first message is its <open/>.
    complete(Outcome::NoXmppAnswer, msg("xmpp-probe.not-xmpp", {printableExcerpt(text, 80)}));
    return;
  }
  // <open/> and <stream:features> may come in one message or two; scan each in order.
  for (const XmlTagView& tag : tags) {
    if (tag.name == "close") {
      complete(Outcome::NoXmppAnswer,
               msg("xmpp-probe.stream-closed", {printableExcerpt(tag.text)}));
      return;
    }
    if (isStreamError(tag)) {
      complete(Outcome::NoXmppAnswer, msg("xmpp-probe.stream-error", {printableExcerpt(tag.rest)}));
      return;
    }
    if (state_ == State::AwaitOpen) {
      if (tag.name == "open") {
        if (tag.text.find(kFramingNs) == std::string_view::npos) {
          complete(Outcome::NoXmppAnswer,
                   msg("xmpp-probe.open-wrong-namespace", {printableExcerpt(tag.text)}));
          return;
        }
        state_ = State::AwaitFeatures;
      } else if (tag.name == "stream:stream") {
        complete(Outcome::NoXmppAnswer, msg("xmpp-probe.legacy-framing"));
        return;
      } else if (localName(tag.name) == "features") {
        complete(Outcome::NoXmppAnswer, msg("xmpp-probe.features-before-open"));
        return;
      } else {
        complete(Outcome::NoXmppAnswer,
                 msg("xmpp-probe.unexpected-tag",
                     {printableExcerpt(tag.name, 40), printableExcerpt(tag.rest, 80)}));
        return;
      }
      continue;
    }
    if (localName(tag.name) == "features") {
      obs_.featuresMs = elapsed();
      ws_.send(op_, "<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>");
      complete(Outcome::Ok, "");
      return;
    }
  }
}

void XmppProbe::onClose(int code, const std::string& reason) {
  if (state_ == State::Idle || state_ == State::Done) return;
  obs_.closeCode = code;
  const std::string codeText = std::to_string(code);
  const std::string why = printableExcerpt(reason);  // the server's close reason: data
  if (state_ == State::Connecting) {
    complete(Outcome::ConnectFailed,
             reason.empty() ? msg("xmpp-probe.upgrade-failed", {codeText})
                            : msg("xmpp-probe.upgrade-failed-reason", {codeText, why}));
    return;
  }
  const char* waited = state_ == State::AwaitOpen ? "<open/>" : "<stream:features>";
  complete(Outcome::NoXmppAnswer,
           reason.empty() ? msg("xmpp-probe.closed-before", {codeText, waited})
                          : msg("xmpp-probe.closed-before-reason", {codeText, why, waited}));
}

void XmppProbe::onDeadline() {
  const Text waited = state_ == State::Connecting  ? msg("xmpp-probe.the-upgrade")
                      : state_ == State::AwaitOpen ? Text("<open/>")
                                                   : Text("<stream:features>");
  const bool silent = state_ == State::AwaitOpen && frames_ == 0;
  complete(Outcome::Timeout,
           msg(silent ? "xmpp-probe.timed-out-silent" : "xmpp-probe.timed-out-waiting",
               {msText(deadlineMs_), waited}));
}

void XmppProbe::release() {
  // Also for an op that already ended: adapters drop their per-id state here.
  if (op_ != 0) ws_.close(op_);
  op_ = 0;
}

void XmppProbe::complete(Outcome outcome, Text detail) {
  state_ = State::Done;
  obs_.outcome = outcome;
  obs_.detail = std::move(detail);
  finish();
}

}  // namespace netready
