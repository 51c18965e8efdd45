// MediaPort over two RTCPeerConnections in the page: A sends the synthetic tracks and the burst,
// B receives; both relay-only through the one TURN server core chose. Offer/answer and candidates
// are exchanged in-page; every browser callback comes back through the Dispatcher by call id.
#include <vector>

#include "browser_ports.h"
#include "js_bridge.h"

namespace netready::wasm {

namespace {

using js::args;
using js::listen;
using js::module;
using js::str;
using js::then;

val relayConfig(const IceServerConfig& s) {
  val server = val::object();
  val urls = val::array();
  for (const std::string& u : s.urls) urls.call<void>("push", val(u));
  server.set("urls", urls);
  server.set("username", val(s.username));
  server.set("credential", val(s.credential));
  val list = val::array();
  list.call<void>("push", server);
  val config = val::object();
  config.set("iceServers", list);
  config.set("iceTransportPolicy", std::string("relay"));
  return config;
}

Caught burstChannel(val pc) {
  val options = val::object();
  options.set("negotiated", true);
  options.set("id", 0);
  options.set("ordered", false);
  options.set("maxRetransmits", 0);
  return call(pc, "createDataChannel", args({val(std::string("netready-burst")), options}));
}

}  // namespace

struct MediaCall {
  MediaCallEvents events;
  val a = val::undefined();
  val b = val::undefined();
  val media = val::undefined();  // nrSyntheticMedia() result
  val burst = val::undefined();  // nrBurst() result
  val senderStats = val::undefined();
  bool aRemote = false, bRemote = false;  // remote description set: candidates can be added
  std::vector<val> forA, forB;            // candidates that arrived before that
  bool connected = false;
  bool ended = false;
};

BrowserMedia::BrowserMedia(Dispatcher& d) : d_(d) {}

BrowserMedia::~BrowserMedia() {
  std::vector<OpId> ids;
  for (auto& [id, c] : calls_) ids.push_back(id);
  for (OpId id : ids) close(id);
}

OpId BrowserMedia::startCall(const MediaCallConfig& config, MediaCallEvents events) {
  OpId id = d_.reserve();
  auto c = Shared<MediaCall>::make();
  c->events = std::move(events);
  calls_.set(id, c);
  auto fail = [this, id, c](const std::string& text) {
    if (c->ended || !d_.has(id)) return;
    c->ended = true;
    if (c->events.onFailure) c->events.onFailure(text);
  };
  // One step of the offer/answer chain: its promise resolves to `next`, or the call fails.
  auto step = [this, id, fail](val target, const char* method, val callArgs, const char* next) {
    Caught r = call(target, method, callArgs);
    if (r.ok())
      then(d_, r.value, id, next, "err");
    else
      fail(r.error);
  };
  d_.set(id, [this, id, c, fail, step](const std::string& tag, val v) {
    auto keep = c;
    if (tag == "timer") {
      fail(str(v).empty() ? "the test call could not be set up" : str(v));
    } else if (tag == "a-ice" || tag == "b-ice") {
      val cand = v["candidate"];
      if (cand.isNull() || cand.isUndefined()) return;
      bool toB = tag == "a-ice";
      if (toB ? keep->bRemote : keep->aRemote) {
        Caught r = call(toB ? keep->b : keep->a, "addIceCandidate", args({cand}));
        if (r.ok()) then(d_, r.value, id, "added", "err");
      } else {
        (toB ? keep->forB : keep->forA).push_back(cand);
      }
    } else if (tag == "state") {
      std::string a = str(keep->a["connectionState"]), b = str(keep->b["connectionState"]);
      if (a == "failed" || b == "failed") {
        if (!keep->ended && keep->events.onConnectionFailed) {
          keep->ended = true;
          keep->events.onConnectionFailed();
        }
      } else if (a == "connected" && b == "connected" && !keep->connected) {
        keep->connected = true;
        if (keep->events.onConnected) keep->events.onConnected();
      }
    } else if (tag == "offer") {
      step(keep->a, "setLocalDescription", args({v}), "a-local");
    } else if (tag == "a-local") {
      step(keep->b, "setRemoteDescription", args({keep->a["localDescription"]}), "b-remote");
    } else if (tag == "b-remote") {
      keep->bRemote = true;
      for (val& cand : keep->forB) call(keep->b, "addIceCandidate", args({cand}));
      keep->forB.clear();
      step(keep->b, "createAnswer", val::array(), "answer");
    } else if (tag == "answer") {
      step(keep->b, "setLocalDescription", args({v}), "b-local");
    } else if (tag == "b-local") {
      step(keep->a, "setRemoteDescription", args({keep->b["localDescription"]}), "a-remote");
    } else if (tag == "a-remote") {
      keep->aRemote = true;
      for (val& cand : keep->forA) call(keep->a, "addIceCandidate", args({cand}));
      keep->forA.clear();
    } else if (tag == "a-stats") {
      keep->senderStats = module("nrStatsJson")(v, val::undefined());
      step(keep->b, "getStats", val::array(), "b-stats");
    } else if (tag == "b-stats") {
      std::string receiver = module("nrStatsJson")(v, keep->burst).as<std::string>();
      std::string sender = str(keep->senderStats);
      if (keep->events.onStats) keep->events.onStats(sender, receiver);
    } else if (tag == "err") {
      fail(str(v));
    }
  });

  val pcConfig = relayConfig(config.server);
  Caught a = construct("RTCPeerConnection", args({pcConfig}));
  Caught b = a.ok() ? construct("RTCPeerConnection", args({pcConfig})) : a;
  val media = module("nrSyntheticMedia")();
  std::string error = !a.ok() ? a.error : !b.ok() ? b.error : str(media["error"]);
  if (a.ok()) c->a = a.value;
  if (b.ok()) c->b = b.value;
  if (error.empty()) {
    c->media = media["value"];
    val tracks = c->media["tracks"];
    for (int i = 0; i < tracks["length"].as<int>(); ++i) {
      if (!tracks[i].isUndefined()) call(c->a, "addTrack", args({tracks[i], c->media["stream"]}));
    }
    Caught send = burstChannel(c->a);
    Caught recv = send.ok() ? burstChannel(c->b) : send;
    if (!recv.ok()) error = recv.error;
    if (error.empty()) c->burst = module("nrBurst")(send.value, recv.value);
  }
  if (!error.empty()) {
    // Reported on a later turn: ports never call back from inside the registering call.
    js::timeout(d_, id, 0);
    d_.set(id, [fail, error](const std::string&, val) { fail(error); });
    return id;
  }
  listen(d_, c->a, "icecandidate", id, "a-ice");
  listen(d_, c->b, "icecandidate", id, "b-ice");
  listen(d_, c->a, "connectionstatechange", id, "state");
  listen(d_, c->b, "connectionstatechange", id, "state");
  Caught offer = call(c->a, "createOffer", val::array());
  if (offer.ok())
    then(d_, offer.value, id, "offer", "err");
  else
    js::timeout(d_, id, 0);
  return id;
}

void BrowserMedia::requestStats(OpId id) {
  Shared<MediaCall>* c = calls_.find(id);
  if (c == nullptr || !d_.has(id)) return;
  Caught r = call((*c)->a, "getStats", val::array());
  if (r.ok()) then(d_, r.value, id, "a-stats", "err");
}

void BrowserMedia::setBurst(OpId id, int kbps) {
  Shared<MediaCall>* c = calls_.find(id);
  if (c == nullptr || (*c)->burst.isUndefined()) return;
  call((*c)->burst, "setRate", args({val(kbps)}));
}

BurstCounters BrowserMedia::burstCounters(OpId id) {
  BurstCounters out;
  Shared<MediaCall>* c = calls_.find(id);
  if (c == nullptr || (*c)->burst.isUndefined()) return out;
  Caught r = call((*c)->burst, "counters", val::array());
  if (!r.ok()) return out;
  auto number = [&](const char* key) {
    val v = r.value[key];
    return v.isNumber() ? v.as<double>() : 0.0;
  };
  out.bytesSent = number("bytesSent");
  out.bytesReceived = number("bytesReceived");
  out.messagesSent = static_cast<std::int64_t>(number("messagesSent"));
  out.messagesReceived = static_cast<std::int64_t>(number("messagesReceived"));
  out.queueDelayMs = r.value["queueDelayMs"].isNumber() ? r.value["queueDelayMs"].as<double>() : -1;
  return out;
}

void BrowserMedia::close(OpId id) {
  d_.remove(id);
  Shared<MediaCall>* found = calls_.find(id);
  if (found == nullptr) return;
  Shared<MediaCall> c = *found;
  calls_.erase(id);
  if (!c->burst.isUndefined()) call(c->burst, "stop", val::array());
  if (!c->media.isUndefined()) call(c->media, "stop", val::array());
  if (!c->a.isUndefined()) call(c->a, "close", val::array());
  if (!c->b.isUndefined()) call(c->b, "close", val::array());
}

}  // namespace netready::wasm
