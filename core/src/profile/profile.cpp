// The built-in Rainbow profile and profile serialisation. Parsing lives in profile_json.cpp.
//
// Sources: "Rainbow Network Requirements" guide Ed 6 (2017, the seed), and for UDP 3478 only,
// Rainbow's later public help-center page (edition 32), which lists UDP 3478 for TURN.
#include "netready/profile.h"

#include <string>
#include <string_view>
#include <vector>

#include "parse/url_authority.h"
#include "profile/profile_fields.h"
#include "profile/profile_text.h"
#include "report/json_out.h"

namespace netready {

namespace {

// §5.4 row "STUN/TURN": turn-eu1, turn-na1, turn-as1, turn-oc1 .openrainbow.com.
TurnServer rainbowTurn(const std::string& region) {
  const std::string host = "turn-" + region + ".openrainbow.com";
  TurnServer t;
  t.region = region;
  t.urls = {
      // UDP 3478 is NOT in guide Ed 6 §5.3 (which lists TURN on TCP 80/443 only); it comes from
      // Rainbow's help center edition 32 ("UDP 3478 ... highly recommended") and is what
      // clients use in practice.
      "turn:" + host + ":3478?transport=udp",
      // §5.3 row 3 "ICE/TURN(s)": direct, TCP port 80.
      "turn:" + host + ":80?transport=tcp",
      // §5.3 row 3 "ICE/TURN(s)": direct, TCP port 443 (TURN over TLS).
      "turns:" + host + ":443?transport=tcp",
  };
  // No username/credential: Rainbow hands them out to logged-in clients only (peers.md); a host
  // page may supply them through a profile override.
  return t;
}

}  // namespace

Profile rainbowDefaultProfile() {
  Profile p;
  p.name = "rainbow";
  p.https = {
      // §5.4 row 1 "Resources (website, images, client package ...)": web.openrainbow.com,
      // over HTTPS 443 (§5.2, §5.3 row 1).
      HttpsEndpoint{"https://web.openrainbow.com/", "resources", "", "§5.2, §5.3 row 1, §5.4"},
      // §5.4 row 2 "REST API": openrainbow.com, HTTPS 443 (§5.2, §5.3 row 1). The no-auth ping
      // answers {"status":"OK"} (Rainbow's public API, peers.md).
      HttpsEndpoint{"https://openrainbow.com/api/rainbow/ping", "rest", "\"status\":\"OK\"",
                    "§5.2, §5.3 row 1, §5.4"},
  };
  // §5.2 "secure Web Sockets (WSS, 443) for all XMPP", §5.3 row 2 (direct TCP 443), §5.4 row 3
  // "XMPP over Secured WebSockets": openrainbow.com. Path /websocket from peers.md.
  p.xmpp = XmppEndpoint{"wss://openrainbow.com/websocket", "openrainbow.com"};
  // §5.4: the four TURN regions.
  p.turn = {rainbowTurn("eu1"), rainbowTurn("na1"), rainbowTurn("as1"), rainbowTurn("oc1")};
  // §5.5.1 WebRTC bandwidth table: audio 80/15, video 350/150, screen 15-400 kbps. These are the
  // BandwidthThresholds defaults; restated so the profile does not depend on them silently.
  p.bandwidth = BandwidthThresholds{80, 15, 350, 150, 15, 400};
  // Timeouts are ours (the guide gives none): Timeouts defaults.
  p.timeouts = Timeouts{};
  // The loopback call's durations and the quality bar are ours (MediaSettings defaults): the
  // guide gives bandwidth (§5.5.1) but no loss, delay or MOS figure.
  p.media = MediaSettings{};
  return p;
}

namespace {

// `obj` with each of `fields` of `group` appended, in table order. The tables' member functions
// serve the parser too, so they take a mutable group; here it is only read.
json_out::Value fieldsJson(json_out::Value obj, profile_fields::Fields fields, const void* group) {
  for (const profile_fields::NumberField& f : fields) {
    const void* m = f.member(const_cast<void*>(group));
    obj[f.key] = f.integer ? json_out::Value(*static_cast<const int*>(m))
                           : json_out::Value(*static_cast<const double*>(m));
  }
  return obj;
}

}  // namespace

std::string profileToRedactedJson(const Profile& profile) {
  using json = json_out::Value;  // keeps the documented field order
  json j = json::object();
  j["name"] = profile.name;
  json https = json::array();
  for (const HttpsEndpoint& e : profile.https) {
    https.push_back(json::object({{"url", e.url},
                                  {"purpose", e.purpose},
                                  {"expect_body", e.expectBody},
                                  {"section", e.section}}));
  }
  j["https"] = std::move(https);
  j["xmpp"] = json::object({{"url", profile.xmpp.url}, {"domain", profile.xmpp.domain}});
  json turn = json::array();
  for (const TurnServer& t : profile.turn) {
    json entry = json::object({{"region", t.region}, {"urls", t.urls}});
    // Only the fact that credentials exist; never their values.
    if (!t.username.empty() || !t.credential.empty()) entry["has_credentials"] = true;
    turn.push_back(std::move(entry));
  }
  j["turn"] = std::move(turn);
  j["bandwidth"] = fieldsJson(json::object(), profile_fields::kBandwidth, &profile.bandwidth);
  j["timeouts"] = fieldsJson(json::object(), profile_fields::kTimeouts, &profile.timeouts);
  j["network"] = json::object({{"proxy", profile_text::proxyModeName(profile.network.proxy)},
                               {"proxy_label", profile.network.proxyLabel}});
  const MediaSettings& m = profile.media;
  j["media"] = fieldsJson(json::object({{"enabled", m.enabled}, {"relay_url", m.relayUrl}}),
                          profile_fields::kMedia, &profile.media);
  // Strings may come from a host that skipped parseProfile: never abort on bad UTF-8 (json_out
  // replaces it, as nlohmann's error_handler_t::replace).
  return j.dump(2);
}

namespace {

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// A query parameter whose value is a credential: "token" and anything ending in it
// ("access_token", "x-auth-token"), "auth", "key", "apikey", "api_key", "password", "secret",
// "sig", "signature". Deployments put session tokens on WebSocket URLs (browsers cannot set
// headers there), so a profile URL may carry one.
bool isSecretParam(std::string_view rawName) {
  std::string name;
  for (char c : rawName) name += lowerAscii(c);
  constexpr std::string_view kToken = "token";
  if (name.size() >= kToken.size() &&
      name.compare(name.size() - kToken.size(), kToken.size(), kToken) == 0) {
    return true;
  }
  for (std::string_view n :
       {"auth", "key", "apikey", "api_key", "password", "secret", "sig", "signature"}) {
    if (name == n) return true;
  }
  return false;
}

// The value as written and, when it differs, percent-decoded (a page may show either).
void addQuerySecrets(std::string_view url, std::vector<std::string>& out) {
  const std::size_t q = url.find('?');
  if (q == std::string_view::npos) return;
  std::string_view query = url.substr(q + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const std::size_t amp = query.find_first_of("&;");
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || !isSecretParam(pair.substr(0, eq))) continue;
    const std::string_view value = pair.substr(eq + 1);
    if (value.empty()) continue;
    out.emplace_back(value);
    std::string decoded;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (const int octet = url::percentOctetAt(value, i); octet >= 0) {
        decoded += static_cast<char>(octet);
        i += 2;
      } else {
        decoded += value[i] == '+' ? ' ' : value[i];
      }
    }
    if (decoded != value) out.push_back(decoded);
  }
}

}  // namespace

std::vector<std::string> profileSecrets(const Profile& profile) {
  std::vector<std::string> out;
  for (const TurnServer& t : profile.turn) {
    if (!t.username.empty()) out.push_back(t.username);
    if (!t.credential.empty()) out.push_back(t.credential);
    for (const std::string& u : t.urls) addQuerySecrets(u, out);
  }
  for (const HttpsEndpoint& e : profile.https) addQuerySecrets(e.url, out);
  addQuerySecrets(profile.xmpp.url, out);
  addQuerySecrets(profile.media.relayUrl, out);
  return out;
}

Result<Profile> profileOrDefault(std::string_view json) {
  return json.empty() ? Result<Profile>(rainbowDefaultProfile()) : parseProfile(json);
}

}  // namespace netready
