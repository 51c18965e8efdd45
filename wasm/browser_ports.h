// Browser adapters of core's ports, over emscripten::val. Every browser callback comes back
// through Dispatcher::deliver(id, tag, value), routed to the handler registered for that id;
// closing an operation drops its handler first, so no callback runs after close (port contract).
#pragma once

#include <emscripten/val.h>

#include <string>

#include "netready/callback.h"
#include "netready/ports.h"
#include "netready/shared.h"
#include "op_map.h"

namespace netready::wasm {

using emscripten::val;

class Dispatcher {
 public:
  using Handler = Callback<void(const std::string& tag, val value)>;

  // `sink` is the JS object whose deliver(id, tag, value) calls back into C++.
  void setSink(val sink) { sink_ = std::move(sink); }
  const val& sink() const { return sink_; }

  OpId reserve() { return next_++; }  // ids are known before handlers capture them
  void set(OpId id, Handler handler) { handlers_.set(id, std::move(handler)); }
  void remove(OpId id) { handlers_.erase(id); }
  bool has(OpId id) const { return handlers_.has(id); }
  void deliver(OpId id, const std::string& tag, val value);
  void clear() { handlers_.clear(); }

 private:
  val sink_ = val::undefined();
  OpId next_ = 1;
  OpMap<Handler> handlers_;
};

// `{value}` or `{error}` from the glue's exception-catching helpers.
struct Caught {
  val value = val::undefined();
  std::string error;
  bool ok() const { return error.empty(); }
};
Caught construct(const char* globalName, val args);
Caught call(val object, const char* method, val args);

class BrowserClock final : public ClockPort {
 public:
  explicit BrowserClock(Dispatcher& d) : d_(d) {}
  ~BrowserClock() override;
  std::int64_t nowMs() override;
  OpId setTimer(std::int64_t delayMs, Callback<void()> fire) override;
  void cancelTimer(OpId id) override;

 private:
  Dispatcher& d_;
  OpMap<val> handles_;
};

class BrowserHttp final : public HttpPort {
 public:
  explicit BrowserHttp(Dispatcher& d) : d_(d) {}
  ~BrowserHttp() override;
  OpId get(const std::string& url, bool allowOpaque,
           Callback<void(const HttpResult&)> done) override;
  void abort(OpId id) override;

 private:
  void fetch(OpId id, const std::string& url, bool noCors);
  Dispatcher& d_;
  OpMap<val> controllers_;
};

class BrowserWebSocket final : public WebSocketPort {
 public:
  explicit BrowserWebSocket(Dispatcher& d) : d_(d) {}
  ~BrowserWebSocket() override;
  OpId open(const std::string& url, const std::string& protocol, WebSocketEvents events) override;
  void send(OpId id, const std::string& text) override;
  void close(OpId id) override;

 private:
  Dispatcher& d_;
  OpMap<val> sockets_;
};

class BrowserPeerConnection final : public PeerConnectionPort {
 public:
  explicit BrowserPeerConnection(Dispatcher& d) : d_(d) {}
  ~BrowserPeerConnection() override;
  OpId gather(const std::vector<IceServerConfig>& servers, bool relayOnly,
              GatherEvents events) override;
  void close(OpId id) override;

 private:
  Dispatcher& d_;
  OpMap<val> pcs_;
};

struct MediaCall;

class BrowserMedia final : public MediaPort {
 public:
  explicit BrowserMedia(Dispatcher& d);  // out of line: MediaCall is complete there
  ~BrowserMedia() override;
  OpId startCall(const MediaCallConfig& config, MediaCallEvents events) override;
  void requestStats(OpId id) override;
  void setBurst(OpId id, int kbps) override;
  BurstCounters burstCounters(OpId id) override;
  void close(OpId id) override;

 private:
  Dispatcher& d_;
  OpMap<Shared<MediaCall>> calls_;
};

}  // namespace netready::wasm
