#include "netready/plan.h"

#include <algorithm>

#include "netready/ice_url.h"
#include "netready/vocabulary.h"

namespace netready {

namespace {

RowId rowFor(IceTransport t) {
  switch (t) {
    case IceTransport::Udp:
      return RowId::TurnUdp;
    case IceTransport::Tcp:
      return RowId::TurnTcp;
    case IceTransport::Tls:
      return RowId::TurnTls;
  }
  return RowId::TurnUdp;
}

PlannedCheck check(RowId row, std::string target, std::string how) {
  return {row, std::move(target), std::move(how)};
}

}  // namespace

std::vector<PlannedCheck> planChecks(const Profile& profile) {
  std::vector<PlannedCheck> plan;
  for (const HttpsEndpoint& e : profile.https)
    plan.push_back(check(
        RowId::Https, e.url,
        "GET (" + e.purpose + ")" + (e.expectBody.empty() ? "" : ", expect body " + e.expectBody)));
  plan.push_back(check(RowId::XmppWss, profile.xmpp.url,
                       "WebSocket subprotocol xmpp, RFC 7395 <open to=\"" + profile.xmpp.domain +
                           "\"/> -> <open/> + <stream:features>"));
  for (const TurnServer& s : profile.turn) {
    for (const std::string& u : s.urls) {
      Result<IceUrl> url = parseIceUrl(u);
      if (!url) continue;  // profiles are validated before planning
      plan.push_back(
          check(rowFor(url->transport),
                hostPort(url.value()) + " " + transportLabel(url.value()) + " (" + s.region + ")",
                std::string("relay-only RTCPeerConnection, ") +
                    (s.username.empty() ? "no credentials: a 401 proves reachability"
                                        : "with the profile's credentials")));
    }
  }
  const MediaSettings& m = profile.media;
  const BandwidthThresholds& b = profile.bandwidth;
  if (!m.enabled) {
    plan.push_back(check(RowId::Media, "relay loopback call", "disabled by the profile: skipped"));
  } else {
    plan.push_back(
        check(RowId::Media,
              "relay loopback call via " +
                  (m.relayUrl.empty() ? std::string("the best working relay") : m.relayUrl),
              std::to_string(m.durationMs) + " ms synthetic audio + video (no camera/microphone), "
                                             "loss/jitter/RTT/MOS; needs TURN credentials"));
    plan.push_back(check(
        RowId::Bandwidth,
        "audio " + std::to_string(b.audioNominalKbps) + "/" + std::to_string(b.audioLowestKbps) +
            ", video " + std::to_string(b.videoNominalKbps) + "/" +
            std::to_string(b.videoLowestKbps) + ", screen " + std::to_string(b.screenMinKbps) +
            "-" + std::to_string(b.screenMaxKbps) + " kbps",
        std::to_string(m.burstMs) +
            " ms steered data-channel burst through the same "
            "relay, up to " +
            std::to_string(m.burstCeilingKbps) + " kbit/s"));
  }
  // Group by row in the report's order (profiles list URLs per server).
  std::stable_sort(plan.begin(), plan.end(),
                   [](const PlannedCheck& a, const PlannedCheck& b) { return a.row < b.row; });
  return plan;
}

}  // namespace netready
