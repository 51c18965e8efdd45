#include "netready/plan.h"

#include <algorithm>

#include "netready/ice_url.h"

namespace netready {

namespace {

const char* rowFor(IceTransport t) {
  switch (t) {
    case IceTransport::Udp:
      return "turn-udp";
    case IceTransport::Tcp:
      return "turn-tcp";
    case IceTransport::Tls:
      return "turn-tls";
  }
  return "turn-udp";
}

const char* sectionFor(IceTransport t) {
  // UDP 3478 is not in the guide Ed 6 table (§5.3 lists TCP 80/443); Rainbow's later help
  // center edition adds it, so it is marked as practice rather than a guide row.
  return t == IceTransport::Udp ? "practice (UDP 3478, not in guide Ed 6)" : "§5.3 row 3";
}

}  // namespace

std::vector<PlannedCheck> planChecks(const Profile& profile) {
  std::vector<PlannedCheck> plan;
  for (const HttpsEndpoint& e : profile.https)
    plan.push_back({"https", e.section.empty() ? "§5.3 row 1, §5.4" : e.section, e.url,
                    "GET (" + e.purpose + ")" +
                        (e.expectBody.empty() ? "" : ", expect body " + e.expectBody)});
  plan.push_back({"xmpp-wss", "§5.2, §5.3 row 2, §5.7.1", profile.xmpp.url,
                  "WebSocket subprotocol xmpp, RFC 7395 <open to=\"" + profile.xmpp.domain +
                      "\"/> -> <open/> + <stream:features>"});
  for (const TurnServer& s : profile.turn) {
    for (const std::string& u : s.urls) {
      Result<IceUrl> url = parseIceUrl(u);
      if (!url) continue;  // profiles are validated before planning
      plan.push_back(
          {rowFor(url->transport), sectionFor(url->transport),
           hostPort(url.value()) + " " + transportLabel(url.value()) + " (" + s.region + ")",
           std::string("relay-only RTCPeerConnection, ") +
               (s.username.empty() ? "no credentials: a 401 proves reachability"
                                   : "with the profile's credentials")});
    }
  }
  const MediaSettings& m = profile.media;
  const BandwidthThresholds& b = profile.bandwidth;
  if (!m.enabled) {
    plan.push_back(
        {"media", "§5.3 row 4, §5.7.3", "relay loopback call", "disabled by the profile: skipped"});
  } else {
    plan.push_back({"media", "§5.3 row 4, §5.7.3",
                    "relay loopback call via " +
                        (m.relayUrl.empty() ? std::string("the best working relay") : m.relayUrl),
                    std::to_string(m.durationMs) +
                        " ms synthetic audio + video (no camera/microphone), "
                        "loss/jitter/RTT/MOS; needs TURN credentials"});
    plan.push_back(
        {"bandwidth", "§5.5.1",
         "audio " + std::to_string(b.audioNominalKbps) + "/" + std::to_string(b.audioLowestKbps) +
             ", video " + std::to_string(b.videoNominalKbps) + "/" +
             std::to_string(b.videoLowestKbps) + ", screen " + std::to_string(b.screenMinKbps) +
             "-" + std::to_string(b.screenMaxKbps) + " kbps",
         std::to_string(m.burstMs) +
             " ms steered data-channel burst through the same "
             "relay, up to " +
             std::to_string(m.burstCeilingKbps) + " kbit/s"});
  }
  // Group by row in the guide's order (profiles list URLs per server).
  const std::vector<std::string> order = {"https",    "xmpp-wss", "turn-udp", "turn-tcp",
                                          "turn-tls", "media",    "bandwidth"};
  auto rank = [&](const PlannedCheck& c) {
    return std::find(order.begin(), order.end(), c.row) - order.begin();
  };
  std::stable_sort(plan.begin(), plan.end(),
                   [&](const PlannedCheck& a, const PlannedCheck& b) { return rank(a) < rank(b); });
  return plan;
}

}  // namespace netready
