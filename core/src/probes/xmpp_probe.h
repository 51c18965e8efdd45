// XMPP over WebSocket (RFC 7395): upgrade with subprotocol "xmpp", send <open/>, expect <open/>
// and <stream:features>, then close politely.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "netready/observations.h"
#include "netready/ports.h"
#include "netready/profile.h"
#include "probes/probe.h"

namespace netready {

// A start tag found by a light scan (no full XML parsing): `name` as written ("stream:features"),
// `text` from '<' to the closing '>' (or to the end of the message when unterminated), and
// `rest` from '<' to the end of the message.
struct XmlTagView {
  std::string_view name;
  std::string_view text;
  std::string_view rest;
};

// Start and empty-element tags of `message`, in order; skips end tags, comments, <?xml?>.
// Linear in the message's size whatever it holds.
std::vector<XmlTagView> scanXmlTags(std::string_view message);

// The probe reads at most this much of one WebSocket frame (the browser hands over frames of any
// size; the answers it looks for are a few hundred bytes).
inline constexpr std::size_t kMaxScannedFrameBytes = 64 * 1024;

class XmppProbe final : public ProbeBase<XmppObservation> {
 public:
  XmppProbe(const XmppEndpoint& endpoint, int timeoutMs, ClockPort& clock, WebSocketPort& ws,
            DoneFn done);
  ~XmppProbe() override;

  void start() override;
  void cancel(const Text& detail) override;

 private:
  enum class State { Idle, Connecting, AwaitOpen, AwaitFeatures, Done };

  void onOpen(const std::string& protocol);
  void onMessage(const std::string& message);
  void onClose(int code, const std::string& reason);
  void onDeadline() override;
  void release() override;
  void complete(XmppObservation::Outcome outcome, Text detail);

  WebSocketPort& ws_;
  std::string domain_;
  int deadlineMs_;
  State state_ = State::Idle;
  OpId op_ = 0;
  int frames_ = 0;  // messages received: "sent nothing" differs from "sent no answer"
};

}  // namespace netready
