// originModeFor(): whether the page that ran the check is on one of the service's own origins.
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "netready/report.h"

namespace netready {

namespace {

// "HTTPS://Web.Example.com:443/x" -> "https://web.example.com" (RFC 6454 serialisation: scheme
// and host lower case, default port left out); empty when it is not an http(s) URL.
std::string originOf(std::string_view url) {
  std::string lower;
  for (char c : url) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view u = lower;
  std::string_view scheme;
  if (u.substr(0, 8) == "https://") {
    scheme = "https";
  } else if (u.substr(0, 7) == "http://") {
    scheme = "http";
  } else {
    return "";
  }
  u.remove_prefix(scheme.size() + 3);
  std::string_view authority = u.substr(0, u.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string_view::npos) return "";
  // The port follows the last ':' unless that ':' is inside an IPv6 literal's brackets.
  std::string_view host = authority, port;
  const std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  const bool defaultPort =
      port.empty() || (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
  return std::string(scheme) + "://" + std::string(host) +
         (defaultPort ? "" : ":" + std::string(port));
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
