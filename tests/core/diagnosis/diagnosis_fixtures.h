// Observation builders and report lookups shared by the diagnose() tests
// (tests/core/diagnosis_*_test.cpp). Everything is inline: each test file is its own
// translation unit and includes this header.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/vocabulary_print.h"
#include "netready/callback.h"
#include "netready/diagnosis.h"
#include "netready/profile.h"

namespace netready::fixtures {

// The row `id` of the report; a test failure (and an empty row) when it is missing.
inline const Requirement& row(const Report& r, const std::string& id) {
  for (const Requirement& q : r.requirements) {
    if (toString(q.id) == id) return q;
  }
  static const Requirement kMissing;
  ADD_FAILURE() << "no row " << id;
  return kMissing;
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
inline bool contains(const Text& text, const std::string& part) {
  return contains(english(text), part);
}

// Whether any note of the report contains `part`.
inline bool hasNote(const Report& r, const std::string& part) {
  for (const Text& n : r.notes) {
    if (contains(n, part)) return true;
  }
  return false;
}

// The default profile's TURN URL of `region` for transport `t`.
inline std::string turnUrl(const std::string& region, IceTransport t) {
  const std::string host = "turn-" + region + ".openrainbow.com";
  if (t == IceTransport::Udp) return "turn:" + host + ":3478?transport=udp";
  if (t == IceTransport::Tcp) return "turn:" + host + ":80?transport=tcp";
  return "turns:" + host + ":443?transport=tcp";
}

// A relay-only probe of one TURN URL, without candidates.
inline IceObservation iceObservation(const std::string& region, const std::string& url,
                                     IceObservation::Outcome outcome, std::int64_t ms,
                                     bool credentials = true) {
  IceObservation o;
  o.region = region;
  o.url = url;
  o.parsed = parseIceUrl(url).value();
  o.outcome = outcome;
  o.elapsedMs = ms;
  o.hadCredentials = credentials;
  return o;
}

// A probe of turnUrl(region, t) with credentials; a relay outcome carries one relay candidate.
inline IceObservation turnIce(const std::string& region, IceTransport t,
                              IceObservation::Outcome outcome, std::int64_t ms) {
  IceObservation o = iceObservation(region, turnUrl(region, t), outcome, ms);
  if (outcome == IceObservation::Outcome::Relay) {
    Candidate c;
    c.type = CandidateType::Relay;
    c.address = "198.18.0.21";
    c.port = 50000;
    c.protocol = "udp";
    o.candidates.push_back(c);
  }
  return o;
}

// One probe per TURN URL of `p`, with the outcome given for its transport: timeouts after
// 6000 ms, anything else after 70 ms.
inline void addProfileIce(Observations& obs, const Profile& p, IceObservation::Outcome udp,
                          IceObservation::Outcome tcp, IceObservation::Outcome tls,
                          bool credentials = true) {
  for (const TurnServer& s : p.turn) {
    for (const std::string& url : s.urls) {
      const IceTransport t = parseIceUrl(url).value().transport;
      const IceObservation::Outcome outcome = t == IceTransport::Udp   ? udp
                                              : t == IceTransport::Tcp ? tcp
                                                                       : tls;
      obs.ice.push_back(iceObservation(s.region, url, outcome,
                                       outcome == IceObservation::Outcome::Timeout ? 6000 : 70,
                                       credentials));
    }
  }
}

// The default profile's XMPP WebSocket probe; a failed connection closes with 1006.
inline XmppObservation xmppObservation(XmppObservation::Outcome outcome,
                                       std::int64_t connectMs = 40, std::int64_t featuresMs = 140) {
  XmppObservation x;
  x.url = "wss://openrainbow.com/websocket";
  x.outcome = outcome;
  x.connectMs = connectMs;
  x.featuresMs = featuresMs;
  if (outcome == XmppObservation::Outcome::ConnectFailed) x.closeCode = 1006;
  return x;
}

// Picks the observation of one TURN URL of the default profile.
using Picker = Callback<IceObservation(const std::string&, IceTransport)>;

// The default profile's signalling (web and REST HTTPS, then `xmpp`), and every TURN URL of
// eu1, na1, as1 and oc1 over UDP, TCP and TLS as `pick(region, transport)` returns it.
inline Observations turnWorld(HttpsObservation::Outcome web, HttpsObservation::Outcome rest,
                              int restStatus, const XmppObservation& xmpp, const Picker& pick) {
  Observations obs;
  obs.https = {{"https://web.openrainbow.com/", "resources", web, 200, 80, ""},
               {"https://openrainbow.com/api/rainbow/ping", "rest", rest, restStatus, 90, ""}};
  obs.xmpp = xmpp;
  for (const char* r : {"eu1", "na1", "as1", "oc1"}) {
    for (IceTransport t : {IceTransport::Udp, IceTransport::Tcp, IceTransport::Tls}) {
      obs.ice.push_back(pick(r, t));
    }
  }
  return obs;
}

}  // namespace netready::fixtures
