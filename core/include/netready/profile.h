// What to check: servers, transports, thresholds. The Rainbow default is built in (profile.cpp,
// every value cites the Network Requirements guide Ed 6); user profiles are partial overrides.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "netready/result.h"

namespace netready {

struct HttpsEndpoint {
  std::string url;         // https://host[:port]/path
  std::string purpose;     // "resources", "rest" ... shown to IT
  std::string expectBody;  // substring the body must contain when readable; empty: any
  std::string section;     // guide section, e.g. "§5.4"
};

struct XmppEndpoint {
  std::string url;     // wss://host[:port]/path
  std::string domain;  // XMPP domain sent in <open to=...>
};

struct TurnServer {
  std::string region;             // "eu1", "na1" ...
  std::vector<std::string> urls;  // stun:/turn:/turns: URLs (RFC 7064/7065)
  std::string username;           // secret-ish: never reported
  std::string credential;         // secret: never reported
};

// §5.5.1 WebRTC bandwidth table (kbps).
struct BandwidthThresholds {
  int audioNominalKbps = 80;
  int audioLowestKbps = 15;
  int videoNominalKbps = 350;
  int videoLowestKbps = 150;
  int screenMinKbps = 15;
  int screenMaxKbps = 400;
};

// Per-probe deadlines (ms). A probe that reaches its deadline reports "timed out after N ms".
struct Timeouts {
  int httpsMs = 6000;
  int xmppMs = 6000;
  int iceMs = 6000;
  int totalMs = 30000;
};

// The relay loopback call (media and bandwidth rows). Durations are ours, not the guide's: short
// enough for a check that ends within 5 s on a good network, long enough for RTCP to report.
struct MediaSettings {
  bool enabled = true;
  std::string relayUrl;         // the TURN URL to call through; empty: the best working one
  int connectMs = 4000;         // relay ICE + DTLS must be up within this
  int durationMs = 2000;        // synthetic audio + video: loss, jitter, RTT, bitrate
  int burstMs = 1000;           // then a paced data-channel burst: what the link carries
  int burstCeilingKbps = 2500;  // the burst never sends faster (keeps a fast link unhurt)
  double minMos = 3.6;          // under this for one call leg: degraded
  double maxLossPct = 3.0;      // at or over this for one call leg: degraded
};

// What the embedding page or scenario runner knows about the network; the page itself cannot see
// whether the browser was told to use an HTTP proxy (§5.3 right column, §6.1).
struct NetworkHint {
  enum class Proxy { Unknown, None, Configured };
  Proxy proxy = Proxy::Unknown;
  std::string proxyLabel;  // shown to IT, e.g. "squid.corp:3128"; never credentials
};

struct Profile {
  std::string name;
  std::vector<HttpsEndpoint> https;
  XmppEndpoint xmpp;
  std::vector<TurnServer> turn;
  BandwidthThresholds bandwidth;
  Timeouts timeouts;
  NetworkHint network;
  MediaSettings media;
};

// The built-in Rainbow profile (guide Ed 6 + UDP 3478 from Rainbow's later help-center edition).
Profile rainbowDefaultProfile();

// Parses a profile JSON document. Fields present replace those of `base` (a partial override);
// arrays replace whole arrays. Errors name the JSON path:
//   turn[2].urls[0]: "tun:x" is not a stun:, turn: or turns: URL
Result<Profile> parseProfile(std::string_view json, const Profile& base);

// Same, on top of the Rainbow default.
Result<Profile> parseProfile(std::string_view json);

// What a host hands over: an empty text means "the built-in Rainbow default", else parseProfile.
Result<Profile> profileOrDefault(std::string_view json);

// `overrideJson` applied to `baseJson` with parseProfile's rule (xmpp, bandwidth, timeouts, network
// and media merge field by field; every other field, arrays included, replaces the base's), as
// JSON text WITH any credentials: for a caller that writes it to a private file (the lab). Each
// side and the result are validated; errors say which one and name the JSON path, e.g.
//   override profile: timeouts.ice_ms: must be an integer between 500 and 120000
Result<std::string> mergeProfileJson(std::string_view baseJson, std::string_view overrideJson);

// Serialises a profile WITHOUT username/credential (for reports and `demo` output).
std::string profileToRedactedJson(const Profile& profile);

// Every secret string of the profile, for the report's redaction pass: TURN usernames and
// credentials, and the values of credential-like query parameters on its URLs (token, *token,
// auth, key, apikey, api_key, password, secret, sig, signature), as written and decoded.
std::vector<std::string> profileSecrets(const Profile& profile);

}  // namespace netready
