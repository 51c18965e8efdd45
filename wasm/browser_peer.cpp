// RTCPeerConnection adapter: one connection per gather(), a data channel so an offer has an
// m-line, and candidate / error / gathering-state events mapped back by operation id.
#include <vector>

#include "browser_ports.h"
#include "js_bridge.h"
#include "netready/candidate.h"

namespace netready::wasm {

namespace {

using js::listen;
using js::module;
using js::str;
using js::then;

val toJs(const std::vector<IceServerConfig>& servers, bool relayOnly) {
  val list = val::array();
  for (const IceServerConfig& s : servers) {
    val server = val::object();
    val urls = val::array();
    for (const std::string& u : s.urls) urls.call<void>("push", val(u));
    server.set("urls", urls);
    if (!s.username.empty()) server.set("username", val(s.username));
    if (!s.credential.empty()) server.set("credential", val(s.credential));
    list.call<void>("push", server);
  }
  val config = val::object();
  config.set("iceServers", list);
  config.set("iceTransportPolicy", std::string(relayOnly ? "relay" : "all"));
  return config;
}

// Chromium leaves relayProtocol null on the candidate (and Firefox has no field at all);
// getStats' local-candidate entries carry it. Match by port, the one thing both agree on.
std::string relayProtocolFromStats(val report, int port) {
  val values = module("nrStatsValues")(report);
  int n = values["length"].as<int>();
  for (int i = 0; i < n; ++i) {
    val s = values[i];
    if (str(s["type"]) != "local-candidate" || str(s["candidateType"]) != "relay") continue;
    if (!s["port"].isNumber() || s["port"].as<int>() != port) continue;
    std::string p = str(s["relayProtocol"]);
    if (!p.empty()) return p;
  }
  return {};
}

}  // namespace

struct GatherOp {
  GatherEvents events;
  val pc = val::undefined();
  struct PendingRelay {
    GatheredCandidate candidate;
    int port = 0;  // parsed once, to find its getStats entry
  };
  std::vector<PendingRelay> pending;  // relay candidates waiting for getStats
  int statsInFlight = 0;
  bool completeSeen = false;
  bool completeSent = false;
};

BrowserPeerConnection::~BrowserPeerConnection() {
  for (auto& [id, pc] : pcs_) {
    d_.remove(id);
    call(pc, "close", val::array());
  }
}

OpId BrowserPeerConnection::gather(const std::vector<IceServerConfig>& servers, bool relayOnly,
                                   GatherEvents events) {
  OpId id = d_.reserve();
  auto op = Shared<GatherOp>::make();
  op->events = std::move(events);
  val config = toJs(servers, relayOnly);
  Caught pc = construct("RTCPeerConnection", js::args({config}));
  if (!pc.ok()) {
    std::string error = pc.error;  // e.g. InvalidAccessError for a TURN URL without credentials
    d_.set(id, [this, id, op, error](const std::string&, val) {
      auto keep = op;
      d_.remove(id);
      if (keep->events.onFailure) keep->events.onFailure(error);
    });
    js::timeout(d_, id, 0);
    return id;
  }
  op->pc = pc.value;
  pcs_.set(id, pc.value);

  auto sendComplete = [op]() {
    if (op->completeSent || op->statsInFlight > 0) return;
    op->completeSent = true;
    if (op->events.onComplete) op->events.onComplete();
  };
  d_.set(id, [this, id, op, sendComplete](const std::string& tag, val v) {
    auto keep = op;
    if (tag == "candidate") {
      val c = v["candidate"];
      if (c.isNull() || c.isUndefined() || str(c["candidate"]).empty()) {
        keep->completeSeen = true;  // end-of-candidates (null, or "" in Firefox)
        sendComplete();
        return;
      }
      GatheredCandidate g{str(c["candidate"]), str(c["url"]), str(c["relayProtocol"])};
      Result<Candidate> parsed = parseCandidate(g.line);
      if (g.relayProtocol.empty() && parsed && parsed->type == CandidateType::Relay) {
        keep->pending.push_back({g, parsed->port});
        ++keep->statsInFlight;
        Caught stats = call(keep->pc, "getStats", val::array());
        if (stats.ok()) {
          then(d_, stats.value, id, "stats", "statsErr");
          return;
        }
        --keep->statsInFlight;
        keep->pending.pop_back();
      }
      if (keep->events.onCandidate) keep->events.onCandidate(g);
    } else if (tag == "stats" || tag == "statsErr") {
      --keep->statsInFlight;
      auto ready = std::move(keep->pending);
      keep->pending.clear();
      for (GatherOp::PendingRelay& p : ready) {
        if (!d_.has(id)) return;  // closed by a callback
        if (tag == "stats") p.candidate.relayProtocol = relayProtocolFromStats(v, p.port);
        if (keep->events.onCandidate) keep->events.onCandidate(p.candidate);
      }
      if (keep->completeSeen && d_.has(id)) sendComplete();
    } else if (tag == "candidateError") {
      IceErrorEvent e{v["errorCode"].isNumber() ? v["errorCode"].as<int>() : 0, str(v["errorText"]),
                      str(v["url"])};
      if (keep->events.onError) keep->events.onError(e);
    } else if (tag == "gatheringState") {
      if (str(keep->pc["iceGatheringState"]) == "complete") {
        keep->completeSeen = true;
        sendComplete();
      }
    } else if (tag == "offer") {
      Caught sld = call(keep->pc, "setLocalDescription", js::args({v}));
      if (sld.ok())
        then(d_, sld.value, id, "described", "failed");
      else if (keep->events.onFailure)
        keep->events.onFailure(sld.error);
    } else if (tag == "failed" || tag == "timer") {
      if (keep->events.onFailure)
        keep->events.onFailure(tag == "timer" ? std::string("createOffer failed") : str(v));
    }
  });
  listen(d_, pc.value, "icecandidate", id, "candidate");
  listen(d_, pc.value, "icecandidateerror", id, "candidateError");
  listen(d_, pc.value, "icegatheringstatechange", id, "gatheringState");
  call(pc.value, "createDataChannel", js::args({val(std::string("netready-probe"))}));
  Caught offer = call(pc.value, "createOffer", val::array());
  if (offer.ok())
    then(d_, offer.value, id, "offer", "failed");
  else
    js::timeout(d_, id, 0);  // reported as "timer" on the next turn
  return id;
}

void BrowserPeerConnection::close(OpId id) {
  d_.remove(id);
  val* pc = pcs_.find(id);
  if (pc == nullptr) return;
  call(*pc, "close", val::array());
  pcs_.erase(id);
}

}  // namespace netready::wasm
