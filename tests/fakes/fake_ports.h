// Scripted fakes of the four ports for core tests: they record every call and let the test
// deliver events later. Header-only, used by the core tests alone (never linked into a host).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "netready/callback.h"
#include "netready/ports.h"

namespace netready::fake {

// Manual time: advance() fires due timers in (due time, creation) order.
class FakeClock : public ClockPort {
 public:
  std::int64_t nowMs() override { return now_; }
  OpId setTimer(std::int64_t delayMs, Callback<void()> fire) override {
    OpId id = next_++;
    timers_.push_back({id, now_ + std::max<std::int64_t>(0, delayMs), std::move(fire)});
    return id;
  }
  void cancelTimer(OpId id) override {
    ++cancelCalls;
    timers_.erase(
        std::remove_if(timers_.begin(), timers_.end(), [id](const Timer& t) { return t.id == id; }),
        timers_.end());
  }

  void advance(std::int64_t ms) {
    const std::int64_t target = now_ + ms;
    for (;;) {
      auto due = timers_.end();
      for (auto it = timers_.begin(); it != timers_.end(); ++it) {
        if (it->due <= target && (due == timers_.end() || it->due < due->due)) due = it;
      }
      if (due == timers_.end()) break;
      now_ = due->due;
      Callback<void()> fire = std::move(due->fire);
      timers_.erase(due);
      fire();  // may set or cancel timers
    }
    now_ = target;
  }
  std::size_t pendingTimers() const { return timers_.size(); }

  int cancelCalls = 0;

 private:
  struct Timer {
    OpId id;
    std::int64_t due;
    Callback<void()> fire;
  };
  std::int64_t now_ = 1000;  // not 0, so "elapsed" bugs that return now show up
  OpId next_ = 1;
  std::vector<Timer> timers_;
};

// Delivery helpers honour the port contract (nothing after close/abort) unless
// `deliverAfterClose` is set, which simulates a buggy or racing adapter.
class FakeHttp : public HttpPort {
 public:
  struct Request {
    OpId id = 0;
    std::string url;
    bool allowOpaque = false;
    Callback<void(const HttpResult&)> done;
    bool aborted = false;
  };

  OpId get(const std::string& url, bool allowOpaque,
           Callback<void(const HttpResult&)> done) override {
    OpId id = next_++;
    requests.push_back({id, url, allowOpaque, std::move(done)});
    if (answerSynchronously) {
      Callback<void(const HttpResult&)> fn = requests.back().done;
      fn(*answerSynchronously);  // breaks the port promise on purpose (robustness tests)
    }
    return id;
  }
  void abort(OpId id) override {
    aborted.push_back(id);
    for (Request& r : requests) {
      if (r.id == id) r.aborted = true;
    }
  }

  bool respond(OpId id, const HttpResult& result) {
    Callback<void(const HttpResult&)> fn;
    for (Request& r : requests) {
      if (r.id == id && (!r.aborted || deliverAfterClose)) fn = r.done;
    }
    if (!fn) return false;
    fn(result);
    return true;
  }
  bool respondLast(const HttpResult& result) { return respond(requests.back().id, result); }

  static HttpResult response(int status, std::string body) {
    return {HttpResult::Kind::Response, status, std::move(body), ""};
  }
  static HttpResult opaque() { return {HttpResult::Kind::Opaque, 0, "", ""}; }
  static HttpResult networkError(std::string error) {
    return {HttpResult::Kind::NetworkError, 0, "", std::move(error)};
  }

  std::vector<Request> requests;
  std::vector<OpId> aborted;  // every abort() call, in order
  bool deliverAfterClose = false;
  std::optional<HttpResult> answerSynchronously;

 private:
  OpId next_ = 1'000'001;
};

class FakeWebSocket : public WebSocketPort {
 public:
  struct Socket {
    OpId id = 0;
    std::string url;
    std::string protocol;
    WebSocketEvents events;
    std::vector<std::string> sent;
    bool closed = false;
  };

  OpId open(const std::string& url, const std::string& protocol, WebSocketEvents events) override {
    OpId id = next_++;
    sockets.push_back({id, url, protocol, std::move(events), {}, false});
    return id;
  }
  void send(OpId id, const std::string& text) override {
    Socket* s = find(id);
    if (s == nullptr || s->closed) {
      ++sendsToClosed;
      return;
    }
    s->sent.push_back(text);
  }
  void close(OpId id) override {
    closedIds.push_back(id);
    if (Socket* s = find(id)) s->closed = true;
  }

  bool deliverOpen(OpId id, const std::string& protocol) {
    auto fn = callback(id, &WebSocketEvents::onOpen);
    if (!fn) return false;
    fn(protocol);
    return true;
  }
  bool deliverMessage(OpId id, const std::string& text) {
    auto fn = callback(id, &WebSocketEvents::onMessage);
    if (!fn) return false;
    fn(text);
    return true;
  }
  bool deliverClose(OpId id, int code, const std::string& reason = "", bool wasClean = false) {
    auto fn = callback(id, &WebSocketEvents::onClose);
    if (!fn) return false;
    fn(code, reason, wasClean);
    return true;
  }
  bool deliverError(OpId id) {
    auto fn = callback(id, &WebSocketEvents::onError);
    if (!fn) return false;
    fn();
    return true;
  }

  Socket* find(OpId id) {
    for (Socket& s : sockets) {
      if (s.id == id) return &s;
    }
    return nullptr;
  }
  Socket& last() { return sockets.back(); }

  std::vector<Socket> sockets;
  std::vector<OpId> closedIds;  // every close() call, in order
  int sendsToClosed = 0;
  bool deliverAfterClose = false;

 private:
  // A copy: the callback may open or close sockets (reallocating `sockets`).
  template <typename F>
  F callback(OpId id, F WebSocketEvents::*member) {
    Socket* s = find(id);
    if (s == nullptr || (s->closed && !deliverAfterClose)) return F();
    return s->events.*member;
  }
  OpId next_ = 2'000'001;
};

class FakePeerConnection : public PeerConnectionPort {
 public:
  struct Gathering {
    OpId id = 0;
    std::vector<IceServerConfig> servers;
    bool relayOnly = false;
    GatherEvents events;
    bool closed = false;
  };

  OpId gather(const std::vector<IceServerConfig>& servers, bool relayOnly,
              GatherEvents events) override {
    OpId id = next_++;
    gatherings.push_back({id, servers, relayOnly, std::move(events), false});
    if (failSynchronously) {
      auto fn = gatherings.back().events.onFailure;
      fn(*failSynchronously);  // breaks the port promise on purpose (robustness tests)
    }
    return id;
  }
  void close(OpId id) override {
    closedIds.push_back(id);
    if (Gathering* g = find(id)) g->closed = true;
  }

  bool deliverCandidate(OpId id, const std::string& line, const std::string& relayProtocol = "",
                        const std::string& url = "") {
    auto fn = callback(id, &GatherEvents::onCandidate);
    if (!fn) return false;
    fn(GatheredCandidate{line, url, relayProtocol});
    return true;
  }
  bool deliverError(OpId id, int code, const std::string& text = "", const std::string& url = "") {
    auto fn = callback(id, &GatherEvents::onError);
    if (!fn) return false;
    fn(IceErrorEvent{code, text, url});
    return true;
  }
  bool deliverComplete(OpId id) {
    auto fn = callback(id, &GatherEvents::onComplete);
    if (!fn) return false;
    fn();
    return true;
  }
  bool deliverFailure(OpId id, const std::string& text) {
    auto fn = callback(id, &GatherEvents::onFailure);
    if (!fn) return false;
    fn(text);
    return true;
  }

  Gathering* find(OpId id) {
    for (Gathering& g : gatherings) {
      if (g.id == id) return &g;
    }
    return nullptr;
  }
  Gathering& last() { return gatherings.back(); }

  std::vector<Gathering> gatherings;
  std::vector<OpId> closedIds;  // every close() call, in order
  bool deliverAfterClose = false;
  std::optional<std::string> failSynchronously;

 private:
  template <typename F>
  F callback(OpId id, F GatherEvents::*member) {
    Gathering* g = find(id);
    if (g == nullptr || (g->closed && !deliverAfterClose)) return F();
    return g->events.*member;
  }
  OpId next_ = 3'000'001;
};

// The loopback call: records calls, stats requests and burst rates; the test replies with stats
// JSON (captured from real browsers in tests/data/stats/, or built by the test).
class FakeMedia : public MediaPort {
 public:
  struct Call {
    OpId id = 0;
    MediaCallConfig config;
    MediaCallEvents events;
    int statsRequests = 0;
    std::vector<int> burstRates;  // every setBurst() value, in order
    bool closed = false;
  };

  OpId startCall(const MediaCallConfig& config, MediaCallEvents events) override {
    OpId id = next_++;
    calls.push_back({id, config, std::move(events), 0, {}, false});
    return id;
  }
  void requestStats(OpId id) override {
    if (Call* c = find(id)) ++c->statsRequests;
  }
  void setBurst(OpId id, int kbps) override {
    if (Call* c = find(id)) c->burstRates.push_back(kbps);
  }
  BurstCounters burstCounters(OpId id) override {
    ++counterReads;
    Call* c = find(id);
    return c != nullptr ? counters : BurstCounters{};
  }
  void close(OpId id) override {
    closedIds.push_back(id);
    if (Call* c = find(id)) c->closed = true;
  }

  bool deliverConnected(OpId id) {
    Call* c = open(id);
    if (c == nullptr || !c->events.onConnected) return false;
    auto fn = c->events.onConnected;
    fn();
    return true;
  }
  bool deliverStats(OpId id, const std::string& sender, const std::string& receiver) {
    Call* c = open(id);
    if (c == nullptr || !c->events.onStats) return false;
    auto fn = c->events.onStats;
    fn(sender, receiver);
    return true;
  }
  bool deliverConnectionFailed(OpId id) {
    Call* c = open(id);
    if (c == nullptr || !c->events.onConnectionFailed) return false;
    auto fn = c->events.onConnectionFailed;
    fn();
    return true;
  }
  bool deliverFailure(OpId id, const std::string& text) {
    Call* c = open(id);
    if (c == nullptr || !c->events.onFailure) return false;
    auto fn = c->events.onFailure;
    fn(text);
    return true;
  }

  Call* find(OpId id) {
    for (Call& c : calls) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }

  std::vector<Call> calls;
  std::vector<OpId> closedIds;
  BurstCounters counters;  // what burstCounters() answers
  int counterReads = 0;

 private:
  Call* open(OpId id) {
    Call* c = find(id);
    return c != nullptr && !c->closed ? c : nullptr;
  }
  OpId next_ = 4'000'001;
};

// All five, wired into a Ports value. ports() leaves media out (rows skipped: no media port),
// as the connectivity tests expect; portsWithMedia() adds the fake call.
struct FakePorts {
  FakeClock clock;
  FakeHttp http;
  FakeWebSocket ws;
  FakePeerConnection pc;
  FakeMedia media;
  Ports ports() { return Ports{&clock, &http, &ws, &pc, nullptr}; }
  Ports portsWithMedia() { return Ports{&clock, &http, &ws, &pc, &media}; }
};

}  // namespace netready::fake
