#include "browser_ports.h"

#include "js_bridge.h"
#include "netready/callback.h"
#include "netready/candidate.h"
#include "netready/shared.h"

namespace netready::wasm {

namespace {

constexpr std::size_t kMaxBody = 4096;  // enough to check a ping answer; bounded memory

using js::args;
using js::listen;
using js::module;
using js::num;
using js::str;
using js::then;
using js::timeout;

}  // namespace

void Dispatcher::deliver(OpId id, const std::string& tag, val value) {
  Handler* found = handlers_.find(id);
  if (found == nullptr) return;  // closed or finished: late events are dropped here
  Handler h = *found;            // copy: the handler may remove itself
  h(tag, std::move(value));
}

Caught construct(const char* globalName, val arguments) {
  val r = module("nrConstruct")(val::global(globalName), arguments);
  Caught c;
  if (r["error"].isString())
    c.error = r["error"].as<std::string>();
  else
    c.value = r["value"];
  return c;
}

Caught call(val object, const char* method, val arguments) {
  val r = module("nrCall")(object, std::string(method), arguments);
  Caught c;
  if (r["error"].isString())
    c.error = r["error"].as<std::string>();
  else
    c.value = r["value"];
  return c;
}

// ---- clock ----

BrowserClock::~BrowserClock() {
  for (auto& [id, handle] : handles_) {
    val::global("clearTimeout")(handle);
    d_.remove(id);
  }
}

std::int64_t BrowserClock::nowMs() {
  return static_cast<std::int64_t>(val::global("performance").call<double>("now"));
}

OpId BrowserClock::setTimer(std::int64_t delayMs, Callback<void()> fire) {
  OpId id = d_.reserve();
  d_.set(id, [this, id, fire = std::move(fire)](const std::string&, val) {
    // remove() destroys this lambda; a copy shares the callable and keeps it alive for the call.
    Callback<void()> keep = fire;
    handles_.erase(id);
    d_.remove(id);
    keep();
  });
  handles_.set(id, timeout(d_, id, static_cast<double>(delayMs < 0 ? 0 : delayMs)));
  return id;
}

void BrowserClock::cancelTimer(OpId id) {
  val* handle = handles_.find(id);
  if (handle == nullptr) return;
  val::global("clearTimeout")(*handle);
  handles_.erase(id);
  d_.remove(id);
}

// ---- HTTP (fetch) ----

BrowserHttp::~BrowserHttp() {
  for (auto& [id, controller] : controllers_) {
    controller.call<void>("abort");
    d_.remove(id);
  }
}

void BrowserHttp::fetch(OpId id, const std::string& url, bool noCors) {
  Caught controller = construct("AbortController", val::array());
  val opts = val::object();
  opts.set("cache", std::string("no-store"));
  opts.set("credentials", std::string("omit"));
  opts.set("redirect", std::string("follow"));
  if (noCors) opts.set("mode", std::string("no-cors"));
  if (controller.ok()) {
    opts.set("signal", controller.value["signal"]);
    controllers_.set(id, controller.value);
  }
  Caught promise = call(val::global(), "fetch", args({val(url), opts}));
  if (!promise.ok()) {
    timeout(d_, id, 0);  // reported as a network error on the next turn
    return;
  }
  then(d_, promise.value, id, noCors ? "opaque" : "response", noCors ? "opaqueErr" : "error");
}

OpId BrowserHttp::get(const std::string& url, bool allowOpaque,
                      Callback<void(const HttpResult&)> done) {
  OpId id = d_.reserve();
  struct Op {
    Callback<void(const HttpResult&)> done;
    HttpResult result;
  };
  auto op = Shared<Op>::make();
  op->done = std::move(done);
  auto finish = [this, id, op]() {
    controllers_.erase(id);
    d_.remove(id);
    op->done(op->result);
  };
  d_.set(id, [this, id, op, url, allowOpaque, finish](const std::string& tag, val v) {
    if (tag == "response") {
      op->result.status = num(v["status"]);
      Caught text = call(v, "text", val::array());
      if (!text.ok()) {
        op->result.kind = HttpResult::Kind::Response;
        finish();
        return;
      }
      then(d_, text.value, id, "body", "bodyErr");
    } else if (tag == "body" || tag == "bodyErr") {
      op->result.kind = HttpResult::Kind::Response;
      // A failed body read is not the server's body; and cut in JS before copying into wasm.
      if (tag == "body") op->result.body = str(v.call<val>("slice", 0, static_cast<int>(kMaxBody)));
      finish();
    } else if (tag == "error" || tag == "timer") {
      op->result.kind = HttpResult::Kind::NetworkError;
      op->result.error = tag == "timer" ? "fetch could not be started" : str(v);
      // Across origins without CORS, a reachable server looks like a network error: ask again
      // in no-cors mode, which succeeds (opaque) exactly when the server answered.
      if (allowOpaque && tag == "error") {
        fetch(id, url, true);
        return;
      }
      finish();
    } else if (tag == "opaque") {
      op->result.kind = HttpResult::Kind::Opaque;
      finish();
    } else if (tag == "opaqueErr") {
      finish();  // keeps the first (cors) error text
    }
  });
  fetch(id, url, false);
  return id;
}

void BrowserHttp::abort(OpId id) {
  d_.remove(id);
  val* controller = controllers_.find(id);
  if (controller == nullptr) return;
  controller->call<void>("abort");
  controllers_.erase(id);
}

// ---- WebSocket ----

BrowserWebSocket::~BrowserWebSocket() {
  for (auto& [id, ws] : sockets_) {
    d_.remove(id);
    call(ws, "close", val::array());
  }
}

OpId BrowserWebSocket::open(const std::string& url, const std::string& protocol,
                            WebSocketEvents events) {
  OpId id = d_.reserve();
  Caught ws = construct("WebSocket", args({val(url), val(protocol)}));
  auto ev = Shared<WebSocketEvents>::make(std::move(events));
  if (!ws.ok()) {
    std::string error = ws.error;
    d_.set(id, [this, id, ev, error](const std::string&, val) {
      auto keep = ev;
      d_.remove(id);
      if (keep->onError) keep->onError();
      if (keep->onClose) keep->onClose(1006, error, false);
    });
    timeout(d_, id, 0);
    return id;
  }
  val socket = ws.value;
  sockets_.set(id, socket);
  d_.set(id, [this, id, ev, socket](const std::string& tag, val v) {
    auto keep = ev;
    if (tag == "open") {
      if (keep->onOpen) keep->onOpen(str(socket["protocol"]));
    } else if (tag == "message") {
      if (v["data"].isString() && keep->onMessage) keep->onMessage(v["data"].as<std::string>());
    } else if (tag == "error") {
      if (keep->onError) keep->onError();
    } else if (tag == "close") {
      sockets_.erase(id);
      d_.remove(id);
      if (keep->onClose) keep->onClose(num(v["code"]), str(v["reason"]), v["wasClean"].isTrue());
    }
  });
  listen(d_, socket, "open", id, "open");
  listen(d_, socket, "message", id, "message");
  listen(d_, socket, "error", id, "error");
  listen(d_, socket, "close", id, "close");
  return id;
}

void BrowserWebSocket::send(OpId id, const std::string& text) {
  if (val* socket = sockets_.find(id)) call(*socket, "send", args({val(text)}));
}

void BrowserWebSocket::close(OpId id) {
  d_.remove(id);
  val* socket = sockets_.find(id);
  if (socket == nullptr) return;
  call(*socket, "close", val::array());
  sockets_.erase(id);
}

}  // namespace netready::wasm
