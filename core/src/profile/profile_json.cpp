// parseProfile: a profile JSON document as a partial override of a base profile. Every error is
// one line naming the JSON path, because IT staff edit these files by hand.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "netready/ice_url.h"
#include "netready/profile.h"
#include "parse/json_parse.h"
#include "profile/json_fields.h"
#include "profile/profile_text.h"

namespace netready {

namespace {

using json = json_out::Value;
using profile_text::hasControlChar;
using profile_text::hexByte;
using profile_text::isHostName;
using profile_text::isRegionLabel;
using profile_text::isValidUtf8;
using profile_text::jsonQuoted;
using profile_text::jsonTypeName;
using profile_text::kRootPath;
using profile_text::nestingDepthExceeds;
using profile_text::proxyModeFromName;

// A profile is a few KiB; the limits keep a hostile document from costing memory or probes.
constexpr std::size_t kMaxDocumentBytes = 256 * 1024;
constexpr int kMaxDepth = 16;
constexpr std::size_t kMaxHttps = 32;
constexpr std::size_t kMaxTurn = 32;
constexpr std::size_t kMaxUrlsPerServer = 16;
constexpr std::size_t kMaxProxyLabel = 200;

std::string child(const std::string& path, const char* key) {
  return path == kRootPath ? std::string(key) : path + "." + key;
}

std::string index(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// First error wins: every method returns false once error_ is set.
class ProfileParser : public profile_json::FieldReader {
 public:
  bool parseRoot(const json& j, Profile* p) {
    if (!j.isObject()) return fail(kRootPath, "expected an object, got " + jsonTypeName(j));
    if (!knownFields(
            j, kRootPath,
            {"name", "https", "xmpp", "turn", "bandwidth", "timeouts", "network", "media"})) {
      return false;
    }
    if (j.contains("name")) {
      if (!getString(j["name"], "name", &p->name)) return false;
      if (p->name.empty()) return fail("name", "must not be empty");
    }
    if (j.contains("https") && !parseHttps(j["https"], &p->https)) return false;
    if (j.contains("xmpp") && !parseXmpp(j["xmpp"], &p->xmpp)) return false;
    if (j.contains("turn") && !parseTurn(j["turn"], &p->turn)) return false;
    if (j.contains("bandwidth") && !parseBandwidth(j["bandwidth"], &p->bandwidth)) return false;
    if (j.contains("timeouts") && !parseTimeouts(j["timeouts"], &p->timeouts)) return false;
    if (j.contains("network") && !parseNetwork(j["network"], &p->network)) return false;
    if (j.contains("media") && !parseMedia(j["media"], &p->media)) return false;
    return true;
  }

 private:
  bool parseHttps(const json& v, std::vector<HttpsEndpoint>* out) {
    const std::string path = "https";
    if (!expectArray(v, path, kMaxHttps)) return false;
    if (v.size() == 0) return fail(path, "must list at least one endpoint");
    std::vector<HttpsEndpoint> list;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& e = v.at(i);
      const std::string p = index(path, i);
      if (!expectObject(e, p) || !knownFields(e, p, {"url", "purpose", "expect_body", "section"})) {
        return false;
      }
      HttpsEndpoint ep;
      if (!e.contains("url")) return fail(p, "missing field \"url\"");
      if (!getWebUrl(e["url"], child(p, "url"), "https", &ep.url)) return false;
      if (e.contains("purpose") && !getString(e["purpose"], child(p, "purpose"), &ep.purpose)) {
        return false;
      }
      if (e.contains("expect_body") &&
          !getString(e["expect_body"], child(p, "expect_body"), &ep.expectBody)) {
        return false;
      }
      if (e.contains("section") && !getString(e["section"], child(p, "section"), &ep.section)) {
        return false;
      }
      list.push_back(std::move(ep));
    }
    *out = std::move(list);
    return true;
  }

  bool parseXmpp(const json& v, XmppEndpoint* out) {
    const std::string path = "xmpp";
    if (!expectObject(v, path) || !knownFields(v, path, {"url", "domain"})) return false;
    XmppEndpoint x = *out;  // field-by-field merge
    if (v.contains("url") && !getWebUrl(v["url"], "xmpp.url", "wss", &x.url)) return false;
    if (v.contains("domain")) {
      if (!getString(v["domain"], "xmpp.domain", &x.domain)) return false;
      if (!isHostName(x.domain))
        return fail("xmpp.domain", jsonQuoted(x.domain) + " is not a domain name");
    }
    *out = std::move(x);
    return true;
  }

  bool parseTurnServer(const json& e, const std::string& p, TurnServer* t) {
    if (!expectObject(e, p) || !knownFields(e, p, {"region", "urls", "username", "credential"})) {
      return false;
    }
    if (!e.contains("region")) return fail(p, "missing field \"region\"");
    const std::string rp = child(p, "region");
    if (!getString(e["region"], rp, &t->region)) return false;
    if (t->region.empty()) return fail(rp, "must not be empty");
    if (!isRegionLabel(t->region)) {
      return fail(rp, jsonQuoted(t->region) + " may contain only letters, digits, '-' and '_'");
    }
    if (!e.contains("urls")) return fail(p, "missing field \"urls\"");
    const std::string up = child(p, "urls");
    if (!expectArray(e["urls"], up, kMaxUrlsPerServer)) return false;
    if (e["urls"].size() == 0) return fail(up, "must list at least one URL");
    for (std::size_t k = 0; k < e["urls"].size(); ++k) {
      const std::string kp = index(up, k);
      std::string url;
      if (!getString(e["urls"].at(k), kp, &url)) return false;
      const Result<IceUrl> parsed = parseIceUrl(url);
      if (!parsed.ok()) return fail(kp, parsed.error());
      t->urls.push_back(std::move(url));
    }
    // Secrets: type-checked like the rest, but never echoed back in an error message.
    for (const char* key : {"username", "credential"}) {
      if (!e.contains(key)) continue;
      const json& s = e[key];
      if (!s.isString()) return fail(child(p, key), "expected a string, got " + jsonTypeName(s));
      if (hasControlChar(s.string())) {
        return fail(child(p, key), "contains a control character");
      }
    }
    if (e.contains("username")) t->username = e["username"].string();
    if (e.contains("credential")) t->credential = e["credential"].string();
    if (!t->username.empty() && t->credential.empty()) {
      return fail(p, "\"username\" given without \"credential\"");
    }
    if (t->username.empty() && !t->credential.empty()) {
      return fail(p, "\"credential\" given without \"username\"");
    }
    return true;
  }

  bool parseTurn(const json& v, std::vector<TurnServer>* out) {
    const std::string path = "turn";
    if (!expectArray(v, path, kMaxTurn)) return false;
    if (v.size() == 0) return fail(path, "must list at least one TURN server");
    std::vector<TurnServer> list;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string p = index(path, i);
      TurnServer t;
      if (!parseTurnServer(v.at(i), p, &t)) return false;
      for (std::size_t j = 0; j < list.size(); ++j) {
        if (list[j].region == t.region) {
          return fail(child(p, "region"),
                      jsonQuoted(t.region) + " is already used by " + index(path, j));
        }
      }
      list.push_back(std::move(t));
    }
    *out = std::move(list);
    return true;
  }

  bool parseBandwidth(const json& v, BandwidthThresholds* out) {
    const std::string path = "bandwidth";
    if (!expectObject(v, path) || !knownFields(v, path, {}, profile_fields::kBandwidth)) {
      return false;
    }
    BandwidthThresholds b = *out;
    if (!readFields(v, path, profile_fields::kBandwidth, &b)) return false;
    // Checked after the merge: an override of one side must still fit the other.
    if (b.audioLowestKbps > b.audioNominalKbps) {
      return fail("bandwidth.audio_lowest_kbps", "must not exceed audio_nominal_kbps (" +
                                                     std::to_string(b.audioNominalKbps) + ")");
    }
    if (b.videoLowestKbps > b.videoNominalKbps) {
      return fail("bandwidth.video_lowest_kbps", "must not exceed video_nominal_kbps (" +
                                                     std::to_string(b.videoNominalKbps) + ")");
    }
    if (b.screenMinKbps > b.screenMaxKbps) {
      return fail("bandwidth.screen_min_kbps",
                  "must not exceed screen_max_kbps (" + std::to_string(b.screenMaxKbps) + ")");
    }
    *out = b;
    return true;
  }

  bool parseTimeouts(const json& v, Timeouts* out) {
    const std::string path = "timeouts";
    if (!expectObject(v, path) || !knownFields(v, path, {}, profile_fields::kTimeouts)) {
      return false;
    }
    Timeouts t = *out;
    if (!readFields(v, path, profile_fields::kTimeouts, &t)) return false;
    *out = t;
    return true;
  }

  bool parseNetwork(const json& v, NetworkHint* out) {
    const std::string path = "network";
    if (!expectObject(v, path) || !knownFields(v, path, {"proxy", "proxy_label"})) return false;
    NetworkHint n = *out;  // field-by-field merge
    if (v.contains("proxy")) {
      std::string mode;
      if (!getString(v["proxy"], "network.proxy", &mode)) return false;
      if (!proxyModeFromName(mode, &n.proxy)) {
        return fail("network.proxy", R"(must be one of "unknown", "none", "configured")");
      }
    }
    if (v.contains("proxy_label")) {
      const std::string lp = "network.proxy_label";
      if (!getString(v["proxy_label"], lp, &n.proxyLabel)) return false;
      if (n.proxyLabel.size() > kMaxProxyLabel) {
        return fail(lp, "longer than " + std::to_string(kMaxProxyLabel) + " bytes");
      }
      // The label is printed in reports: a proxy URL with user:password@ would leak them.
      if (n.proxyLabel.find('@') != std::string::npos) {
        return fail(lp, "must not contain user:password@ (the label is shown in reports)");
      }
    }
    *out = std::move(n);
    return true;
  }

  bool parseMedia(const json& v, MediaSettings* out) {
    const std::string path = "media";
    if (!expectObject(v, path) ||
        !knownFields(v, path, {"enabled", "relay_url"}, profile_fields::kMedia)) {
      return false;
    }
    MediaSettings m = *out;
    if (v.contains("enabled")) {
      if (!v["enabled"].isBool()) {
        return fail("media.enabled", "expected a boolean, got " + jsonTypeName(v["enabled"]));
      }
      m.enabled = v["enabled"].boolean();
    }
    if (v.contains("relay_url")) {
      if (!getString(v["relay_url"], "media.relay_url", &m.relayUrl)) return false;
      Result<IceUrl> u = parseIceUrl(m.relayUrl);
      if (!m.relayUrl.empty() && (!u || !u->isTurn())) {
        return fail("media.relay_url", jsonQuoted(m.relayUrl) + " is not a turn: or turns: URL");
      }
    }
    if (!readFields(v, path, profile_fields::kMedia, &m)) return false;
    // The list of the profile's TURN URLs is checked by the runner (a URL not in it is reported
    // in the media row), since `turn` may be overridden after `media` in the same document.
    *out = std::move(m);
    return true;
  }
};

}  // namespace

Result<Profile> parseProfile(std::string_view text, const Profile& base) {
  if (text.size() > kMaxDocumentBytes) {
    return Result<Profile>::fail(std::string(kRootPath) + ": document is " +
                                 std::to_string(text.size()) + " bytes, over the 256 KiB limit");
  }
  std::size_t bad = 0;
  if (!isValidUtf8(text, &bad)) {
    // Checked before parsing so the message names the byte and its offset wherever it is.
    return Result<Profile>::fail(std::string(kRootPath) + ": not valid UTF-8 (byte " +
                                 hexByte(static_cast<unsigned char>(text[bad])) + " at offset " +
                                 std::to_string(bad) + ")");
  }
  if (nestingDepthExceeds(text, kMaxDepth)) {
    return Result<Profile>::fail(std::string(kRootPath) + ": nested deeper than " +
                                 std::to_string(kMaxDepth) + " levels");
  }
  const json_parse::Parsed j = json_parse::parse(text);
  if (!j.ok) return Result<Profile>::fail(std::string(kRootPath) + ": not valid JSON: " + j.error);
  Profile p = base;
  ProfileParser parser;
  if (!parser.parseRoot(j.value, &p)) return Result<Profile>::fail(parser.error());
  return p;
}

Result<Profile> parseProfile(std::string_view text) {
  return parseProfile(text, rainbowDefaultProfile());
}

}  // namespace netready
