// The only Embind file: plain values across the boundary (JSON strings and small objects),
// one Check per run. See web/netready.mjs for the JS facade and web/netready.d.ts.
// No Embind class: a Check is an integer handle here and a small JS class in glue.js
// (Module.Check), since Embind's class machinery would be a third of the module's JS.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <vector>

#include "browser_ports.h"
#include "js_bridge.h"
#include "netready/candidate.h"
#include "netready/check.h"
#include "netready/ice_url.h"
#include "netready/profile.h"
#include "netready/redact.h"
#include "netready/vocabulary.h"

using emscripten::val;
using namespace netready;

namespace {

val errorValue(const std::string& message) {
  val r = val::object();
  r.set("ok", false);
  r.set("error", message);
  return r;
}

// {ok:true, profile:<redacted JSON string>} or {ok:false, error:"turn[2].urls[0]: ..."}
val validateProfile(const std::string& json) {
  Result<Profile> p = profileOrDefault(json);
  if (!p) return errorValue(p.error());
  val r = val::object();
  r.set("ok", true);
  r.set("profile", profileToRedactedJson(p.value()));
  return r;
}

val parseCandidateJs(const std::string& line) {
  Result<Candidate> c = parseCandidate(line);
  if (!c) return errorValue(c.error());
  val o = val::object();
  o.set("foundation", c->foundation);
  o.set("component", c->component);
  o.set("protocol", c->protocol);
  o.set("priority", static_cast<double>(c->priority));
  o.set("address", c->address);
  o.set("addressKind", std::string(toString(c->addressKind)));
  o.set("port", static_cast<int>(c->port));
  o.set("type", std::string(toString(c->type)));
  if (!c->relatedAddress.empty()) o.set("relatedAddress", c->relatedAddress);
  if (c->relatedPort >= 0) o.set("relatedPort", c->relatedPort);
  if (!c->tcpType.empty()) o.set("tcpType", c->tcpType);
  val r = val::object();
  r.set("ok", true);
  r.set("candidate", o);
  return r;
}

val parseIceUrlJs(const std::string& text) {
  Result<IceUrl> u = parseIceUrl(text);
  if (!u) return errorValue(u.error());
  val o = val::object();
  o.set("scheme", std::string(toString(u->scheme)));
  o.set("host", u->host);
  o.set("port", static_cast<int>(u->port));
  o.set("transport", std::string(toString(u->transport)));
  o.set("label", transportLabel(u.value()));
  val r = val::object();
  r.set("ok", true);
  r.set("url", o);
  return r;
}

std::string defaultProfileJson() { return profileToRedactedJson(rainbowDefaultProfile()); }

// {ok:true, secrets:[...]} (what redact() must hide for this profile) or {ok:false, error}.
val profileSecretsJs(const std::string& json) {
  Result<Profile> p = profileOrDefault(json);
  if (!p) return errorValue(p.error());
  val list = val::array();
  for (const std::string& s : profileSecrets(p.value())) list.call<void>("push", s);
  val r = val::object();
  r.set("ok", true);
  r.set("secrets", list);
  return r;
}

// {text, count}: core's one redaction rule (redact.h), for the page's and the lab's checks.
val redactJs(const std::string& text, val secrets) {
  std::vector<std::string> list;
  if (secrets.isArray()) {
    const int n = secrets["length"].as<int>();
    for (int i = 0; i < n; ++i)
      if (secrets[i].isString()) list.push_back(secrets[i].as<std::string>());
  }
  std::size_t count = 0;
  const std::string redacted = Redactor(list).apply(text, &count);
  val r = val::object();
  r.set("text", redacted);
  r.set("count", static_cast<double>(count));
  return r;
}

// One run of the check in the browser. JS: `const c = new Module.Check();
// const err = c.start(profileJson, {sink: c, progress(json){}, report(json){}, browser,
// startedAt})` (glue.js's Check calls the nrCheck* functions below with its handle).
class Check {
 public:
  Check() : clock_(d_), http_(d_), ws_(d_), pc_(d_), media_(d_) {}
  ~Check() { close(); }

  // Returns "" when started, else the profile error (nothing started).
  std::string start(const std::string& profileJson, val hooks) {
    close();
    hooks_ = hooks;
    d_.setSink(hooks["sink"]);
    auto text = [&](const char* key) {
      return hooks[key].isString() ? hooks[key].as<std::string>() : std::string();
    };
    CheckHost host{text("browser"), text("startedAt"), text("pageOrigin")};
    CheckCallbacks cb;
    // Page code may throw; a JS throw through wasm frames would skip C++ cleanup, so the hooks
    // are called through the glue's catching helper like every other call that can throw.
    cb.onProgress = [this](const std::string& json) {
      wasm::call(hooks_, "progress", wasm::js::args({val(json)}));
    };
    cb.onReport = [this](const std::string& json) {
      wasm::call(hooks_, "report", wasm::js::args({val(json)}));
    };
    auto session = CheckSession::create(profileJson, Ports{&clock_, &http_, &ws_, &pc_, &media_},
                                        host, std::move(cb));
    if (!session) return session.error();
    session_ = std::move(session).value();
    session_->start();
    return "";
  }

  void cancel() {
    if (session_) session_->cancel();
  }

  void deliver(double id, const std::string& tag, val value) {
    d_.deliver(static_cast<OpId>(id), tag, std::move(value));
  }

 private:
  void close() {
    session_.reset();  // closes every socket / peer connection / timer through the ports
    d_.clear();
  }

  wasm::Dispatcher d_;
  wasm::BrowserClock clock_;
  wasm::BrowserHttp http_;
  wasm::BrowserWebSocket ws_;
  wasm::BrowserPeerConnection pc_;
  wasm::BrowserMedia media_;
  std::unique_ptr<CheckSession> session_;
  val hooks_ = val::undefined();
};

// Handle n is checks[n - 1]; a deleted Check leaves its slot empty (handles are never reused).
std::vector<std::unique_ptr<Check>> checks;

Check* checkOf(int handle) {
  return handle > 0 && static_cast<std::size_t>(handle) <= checks.size()
             ? checks[static_cast<std::size_t>(handle) - 1].get()
             : nullptr;
}

int checkNew() {
  checks.push_back(std::make_unique<Check>());
  return static_cast<int>(checks.size());
}

std::string checkStart(int handle, const std::string& profileJson, val hooks) {
  Check* c = checkOf(handle);
  return c != nullptr ? c->start(profileJson, std::move(hooks)) : "this check was deleted";
}

void checkCancel(int handle) {
  if (Check* c = checkOf(handle)) c->cancel();
}

void checkDeliver(int handle, double id, const std::string& tag, val value) {
  if (Check* c = checkOf(handle)) c->deliver(id, tag, std::move(value));
}

void checkDelete(int handle) {
  if (checkOf(handle) != nullptr) checks[static_cast<std::size_t>(handle) - 1].reset();
}

}  // namespace

EMSCRIPTEN_BINDINGS(netready) {
  emscripten::function("validateProfile", &validateProfile);
  emscripten::function("parseCandidate", &parseCandidateJs);
  emscripten::function("parseIceUrl", &parseIceUrlJs);
  emscripten::function("defaultProfile", &defaultProfileJson);
  emscripten::function("vocabulary", &vocabularyJson);
  emscripten::function("profileSecrets", &profileSecretsJs);
  emscripten::function("redact", &redactJs);
  emscripten::function("nrCheckNew", &checkNew);
  emscripten::function("nrCheckStart", &checkStart);
  emscripten::function("nrCheckCancel", &checkCancel);
  emscripten::function("nrCheckDeliver", &checkDeliver);
  emscripten::function("nrCheckDelete", &checkDelete);
}
