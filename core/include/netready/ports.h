// The only ways core/ touches the world: time, HTTP, WebSocket, peer connections.
// wasm/ implements them over browser APIs (Embind values); tests use scripted fakes.
// Contract for every port: after close/abort/cancel, no callback of that operation runs.
// Callbacks never run re-entrantly from inside the call that registered them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "netready/callback.h"

namespace netready {

using OpId = std::uint64_t;  // 0 is never a valid id

class ClockPort {
 public:
  virtual ~ClockPort() = default;
  virtual std::int64_t nowMs() = 0;  // monotonic milliseconds
  virtual OpId setTimer(std::int64_t delayMs, Callback<void()> fire) = 0;
  virtual void cancelTimer(OpId id) = 0;
};

struct HttpResult {
  enum class Kind {
    Response,      // status + body readable
    Opaque,        // answered, but cross-origin without CORS: status/body hidden (no-cors fetch)
    NetworkError,  // DNS, TCP, TLS, proxy refusal: browsers do not say which
  };
  Kind kind = Kind::NetworkError;
  int status = 0;
  std::string body;   // truncated by the adapter to a few KB
  std::string error;  // browser's message for NetworkError (e.g. "TypeError: Failed to fetch")
};

class HttpPort {
 public:
  virtual ~HttpPort() = default;
  // GET url. When `allowOpaque`, the adapter retries a network error in no-cors mode and
  // reports Opaque if that succeeds (reachability across origins without CORS headers).
  virtual OpId get(const std::string& url, bool allowOpaque,
                   Callback<void(const HttpResult&)> done) = 0;
  virtual void abort(OpId id) = 0;
};

struct WebSocketEvents {
  Callback<void(const std::string& protocol)> onOpen;  // negotiated subprotocol
  Callback<void(const std::string& text)> onMessage;
  Callback<void(int code, const std::string& reason, bool wasClean)> onClose;
  Callback<void()> onError;  // browsers give no detail; onClose follows
};

class WebSocketPort {
 public:
  virtual ~WebSocketPort() = default;
  virtual OpId open(const std::string& url, const std::string& protocol,
                    WebSocketEvents events) = 0;
  virtual void send(OpId id, const std::string& text) = 0;
  virtual void close(OpId id) = 0;  // also drops the callbacks
};

struct IceServerConfig {
  std::vector<std::string> urls;
  std::string username;
  std::string credential;
};

struct GatheredCandidate {
  std::string line;           // "candidate:..." as the browser gave it
  std::string url;            // candidate.url when the browser gives it (Chromium), else ""
  std::string relayProtocol;  // "udp"/"tcp"/"tls" from the candidate or getStats, else ""
};

struct IceErrorEvent {
  int code = 0;      // 701 unreachable, 401 unauthorized, ...
  std::string text;  // may be empty (Firefox)
  std::string url;   // may lack ?transport (Firefox)
};

struct GatherEvents {
  Callback<void(const GatheredCandidate&)> onCandidate;
  Callback<void(const IceErrorEvent&)> onError;
  Callback<void()> onComplete;                   // iceGatheringState "complete"
  Callback<void(const std::string&)> onFailure;  // could not even start (constructor threw)
};

class PeerConnectionPort {
 public:
  virtual ~PeerConnectionPort() = default;
  // Creates an RTCPeerConnection with exactly these servers, a data channel, and starts
  // gathering (createOffer + setLocalDescription). relayOnly -> iceTransportPolicy "relay".
  virtual OpId gather(const std::vector<IceServerConfig>& servers, bool relayOnly,
                      GatherEvents events) = 0;
  virtual void close(OpId id) = 0;
};

// A loopback call inside the page: two relay-only RTCPeerConnections through one TURN server,
// the first sending synthetic audio (an oscillator) and video (an animated canvas), never a
// camera or microphone, plus a data channel for a paced throughput burst.
struct MediaCallConfig {
  IceServerConfig server;   // exactly one URL, with credentials
  int videoMaxKbps = 1500;  // encoder cap of the synthetic video
};

struct MediaCallEvents {
  Callback<void()> onConnected;  // both ends' ICE + DTLS are up through the relay
  // Reply to requestStats(): getStats() of the sending and of the receiving connection, each a
  // JSON array of the stats objects as the browser gave them; the receiver's array also holds one
  // object of type "netready-burst" {timestamp (ms, the stats clock), bytesSent, bytesReceived,
  // messagesSent, messagesReceived} counting the burst's data-channel traffic.
  Callback<void(const std::string& senderJson, const std::string& receiverJson)> onStats;
  Callback<void()> onConnectionFailed;  // connectionState "failed" (ICE or DTLS)
  // Could not set the call up: constructor, synthetic source, offer/answer, getStats.
  Callback<void(const std::string& text)> onFailure;
};

// The burst's counters right now (read synchronously: the pacer lives in the page).
struct BurstCounters {
  double bytesSent = 0;
  double bytesReceived = 0;
  std::int64_t messagesSent = 0;
  std::int64_t messagesReceived = 0;
  double queueDelayMs = -1;  // smoothed one-way delay minus the smallest seen; -1: none yet
};

class MediaPort {
 public:
  virtual ~MediaPort() = default;
  virtual OpId startCall(const MediaCallConfig& config, MediaCallEvents events) = 0;
  virtual void requestStats(OpId id) = 0;  // one onStats (or onFailure) per request
  // Sends on the data channel at up to `kbps` (paced, keeping the channel's buffer filled);
  // 0 stops. The adapter only paces: what the bytes mean is core's business.
  virtual void setBurst(OpId id, int kbps) = 0;
  virtual BurstCounters burstCounters(OpId id) = 0;
  virtual void close(OpId id) = 0;  // closes both connections, stops the synthetic sources
};

struct Ports {
  ClockPort* clock = nullptr;
  HttpPort* http = nullptr;
  WebSocketPort* ws = nullptr;
  PeerConnectionPort* pc = nullptr;
  MediaPort* media = nullptr;  // null: media and bandwidth rows are skipped (no media port)
};

}  // namespace netready
