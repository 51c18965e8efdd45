// Small helpers shared by the browser adapters: reading JS values defensively and calling the
// glue (glue.js) that routes browser events and promises back to Dispatcher::deliver.
#pragma once

#include <emscripten/val.h>

#include <initializer_list>
#include <string>

#include "browser_ports.h"

namespace netready::wasm::js {

inline std::string str(const val& v) { return v.isString() ? v.as<std::string>() : std::string(); }
inline int num(const val& v) { return v.isNumber() ? static_cast<int>(v.as<double>()) : 0; }
inline val module(const char* name) { return val::module_property(name); }
inline val id(OpId op) { return val(static_cast<double>(op)); }

// target.addEventListener(type, ev => sink.deliver(op, tag, ev))
inline void listen(Dispatcher& d, const val& target, const char* type, OpId op, const char* tag) {
  module("nrListen")(target, std::string(type), d.sink(), id(op), std::string(tag));
}

// promise.then(v => sink.deliver(op, ok, v), e => sink.deliver(op, err, String(e)))
inline void then(Dispatcher& d, const val& promise, OpId op, const char* ok, const char* err) {
  module("nrThen")(promise, d.sink(), id(op), std::string(ok), std::string(err));
}

// Fires tag "timer" on `op` after `ms`: deadlines, and failures reported on a later turn
// (ports never call back from inside the call that registered the callback).
inline val timeout(Dispatcher& d, OpId op, double ms) {
  return module("nrSetTimeout")(d.sink(), id(op), ms);
}

inline val args(std::initializer_list<val> items) {
  val a = val::array();
  for (const val& v : items) a.call<void>("push", v);
  return a;
}

}  // namespace netready::wasm::js
