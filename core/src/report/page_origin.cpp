// originModeFor(): whether the page that ran the check is on one of the service's own origins.
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "netready/report.h"
#include "parse/url_authority.h"

namespace netready {

namespace {

// "HTTPS://Web.Example.com:443/x" -> "https://web.example.com" (RFC 6454 serialisation: scheme
// and host lower case, default port left out); empty when it is not an http(s) URL.
std::string originOf(std::string_view text) {
  const auto parts = url::splitHierarchical(text);
  if (!parts) return "";
  std::string scheme;
  for (char c : parts->scheme)
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "https" && scheme != "http") return "";
  const url::Authority a = url::splitAuthority(parts->authority);
  if (a.hasUserInfo || a.unclosedBracket || a.host.empty()) return "";
  const std::uint16_t defaultPort = scheme == "https" ? 443 : 80;
  const std::optional<std::uint16_t> port = url::portOr(a.port, defaultPort);
  if (!port) return "";
  return scheme + "://" + url::normalizedHost(a) +
         (*port == defaultPort ? "" : ":" + std::to_string(*port));
}

}  // namespace

std::optional<OriginMode> originModeFor(const Profile& profile, std::string_view pageOrigin) {
  const std::string page = originOf(pageOrigin);
  if (page.empty()) return std::nullopt;
  for (const HttpsEndpoint& e : profile.https) {
    if (originOf(e.url) == page) return OriginMode::Service;
  }
  return OriginMode::Other;
}

}  // namespace netready
