// Plain values: what each probe saw. Probes produce them; diagnosis reads them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "netready/candidate.h"
#include "netready/ice_url.h"
#include "netready/text.h"

namespace netready {

struct HttpsObservation {
  enum class Outcome { Ok, Opaque, BadStatus, BadBody, NetworkError, Timeout, BadInput };
  std::string url;
  std::string purpose;
  Outcome outcome = Outcome::Timeout;
  int status = 0;
  std::int64_t elapsedMs = 0;
  // Browser error text, unexpected body excerpt (data parts) or our reason (catalog messages).
  Text detail;
  bool cancelled = false;  // ended by the user's cancel (outcome Timeout), not by its deadline
};

struct XmppObservation {
  enum class Outcome {
    Ok,                // <open/> answered by <open/> and <stream:features>
    ConnectFailed,     // upgrade refused or connection failed (close 1006 before open)
    WrongSubprotocol,  // opened without "xmpp"
    NoXmppAnswer,      // opened, but no <open/>/<features> or closed early
    Timeout,
    BadInput,
  };
  std::string url;
  Outcome outcome = Outcome::Timeout;
  std::int64_t connectMs = -1;   // time to open
  std::int64_t featuresMs = -1;  // time to <stream:features>
  int closeCode = 0;
  std::string protocol;    // negotiated
  Text detail;             // our reason (messages), with the server's words as data parts
  bool cancelled = false;  // ended by the user's cancel (outcome Timeout), not by its deadline
};

// One RTCPeerConnection with exactly one TURN URL (relay-only), or the non-relay probe.
struct IceObservation {
  enum class Outcome {
    Relay,         // relay candidate arrived
    Unauthorized,  // 401: server reachable on that transport, credentials refused / absent
    Error,         // another icecandidateerror code (701 unreachable ...)
    NoCandidate,   // gathering completed without a relay candidate
    Timeout,
    Failed,  // peer connection could not be created (bad config)
    BadInput,
  };
  std::string region;
  std::string url;  // the one server URL given (no credentials in it)
  IceUrl parsed;
  bool relayOnly = true;
  bool hadCredentials = false;
  Outcome outcome = Outcome::Timeout;
  std::int64_t elapsedMs = 0;
  int errorCode = 0;
  // The browser's errorText (data), our reason (messages: bad input, timeout), or both.
  Text errorText;
  std::vector<Candidate> candidates;       // parsed ones
  std::vector<std::string> badCandidates;  // lines that did not parse, with reason
  std::string relayProtocol;               // from getStats when known
  bool cancelled = false;                  // ended by the user's cancel (outcome Timeout)
  bool waitedToDeadline = false;  // still gathering at its own deadline (after an error, too)
  // Non-empty when the runner ended it before its deadline by the silence rule (runner.cpp):
  // the arithmetic, for the evidence (a message, the numbers as data).
  Text silenceRule;
  // Non-empty when gathering first ended with a failed lookup or connection and the probe tried
  // once more (ice_probe.cpp): what that first attempt got (a message, the figures as data).
  Text retried;
};

// One media kind (audio or video) of the loopback call, over the media phase (before the burst).
// Loopback figures: the packets crossed the client's access link twice (up to the relay and
// back down), see media_quality.h for what one call leg would see.
struct MediaKindStats {
  bool seen = false;                 // the receiver reported an inbound-rtp of this kind
  double sentKbps = -1;              // sender's outbound-rtp bytesSent rate; -1: unknown
  double receivedKbps = -1;          // receiver's inbound-rtp bytesReceived rate
  double jitterMs = -1;              // receiver's inbound-rtp jitter (seconds in getStats)
  std::int64_t packetsReceived = 0;  // over the media phase
  std::int64_t packetsLost = 0;      // over the media phase (negative counts clamped to 0)
};

// The relay loopback call (MediaProbe): connection, media quality and what the link carried.
struct MediaObservation {
  enum class Outcome {
    Measured,        // connected; media flowed; the figures below are set
    NoMedia,         // connected, but no RTP arrived during the media phase
    ConnectFailed,   // ICE or DTLS through the relay failed (connectionState "failed")
    ConnectTimeout,  // not connected within MediaSettings::connectMs
    Failed,          // the call could not be set up (constructor, synthetic source, SDP)
    NoRelay,         // not started: no working relay to call through (reason in detail)
    Disabled,        // not started: media disabled by the profile, or no media port
    Timeout,         // deadline, total deadline or cancel during the call
  };
  Outcome outcome = Outcome::NoRelay;
  bool cancelled = false;  // ended by the user's cancel, not by a deadline
  std::string region;      // relay used
  std::string url;         // the one TURN URL (no credentials in it)
  IceUrl parsed;
  std::string relayProtocol;    // of the selected local candidate, from getStats ("udp"...)
  std::int64_t startMs = -1;    // since the run started: when the call was placed
  std::int64_t connectMs = -1;  // placing -> connected
  std::int64_t mediaMs = 0;     // length of the measured media phase (stats timestamps)
  std::int64_t burstMs = 0;     // length of the measured burst
  std::int64_t elapsedMs = 0;   // placing -> end
  MediaKindStats audio;
  MediaKindStats video;
  double rttMs = -1;                  // loopback round trip (4 crossings of the access link)
  std::string rttSource;              // "remote-inbound-rtp" or "candidate-pair"
  double availableOutgoingKbps = -1;  // the sender's estimate, where the browser gives it
  int burstCeilingKbps = 0;
  double burstKbps = -1;                   // best window of the burst's own bytes
  double capacityKbps = -1;                // best window of everything received (burst + media)
  bool capacityAtCeiling = false;          // the burst reached its ceiling: the link carries more
  std::int64_t burstMessagesSent = 0;      // counted only when the burst was not link-limited
  std::int64_t burstMessagesReceived = 0;  // (then every missing message is path loss)
  Text detail;  // failure or why not started: our reason (messages), the browser's words as data
  std::vector<std::string> statsProblems;  // stats replies that did not parse, with reason
};

struct Observations {
  std::vector<HttpsObservation> https;
  std::optional<XmppObservation> xmpp;
  std::vector<IceObservation> ice;       // one per TURN server x URL
  std::optional<IceObservation> direct;  // non-relay gathering (host/srflx)
  // One STUN probe per host name of the HTTPS and XMPP URLs: only whether the browser could
  // look the name up (lookupFailure), so a failed fetch or WebSocket is told DNS or firewall.
  std::vector<IceObservation> names;
  std::optional<MediaObservation> media;  // relay loopback call; nullopt: not planned
  bool cancelled = false;
  std::int64_t elapsedMs = 0;
  // When every connectivity probe had ended (all but the call): the connectivity verdict
  // cannot change after it. -1: not reached (cancelled, or the total deadline).
  std::int64_t verdictMs = -1;
};

}  // namespace netready
