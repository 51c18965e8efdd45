// Text checks for profile parsing (see profile_text.h).
#include "profile/profile_text.h"

#include <cstdint>

#include "netready/ice_url.h"
#include "parse/control_bytes.h"
#include "parse/url_authority.h"

namespace netready::profile_text {

namespace {

bool isAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char asciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (asciiLower(a[i]) != asciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string jsonQuoted(std::string_view s) {
  constexpr std::size_t kMax = 80;
  bool cut = false;
  if (s.size() > kMax) {
    std::size_t end = kMax;
    // Back up to a code point boundary so the message stays valid UTF-8.
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    s = s.substr(0, end);
    cut = true;
  }
  const std::string dumped = json_out::Value(s).dump();
  // JSON escapes only bytes below 0x20: DEL and the C1 controls (U+0080-U+009F, e.g. U+009B,
  // a terminal's CSI) would reach the terminal and the page raw. Escape them the same way.
  std::string out;
  for (std::size_t i = 0; i < dumped.size(); ++i) {
    if (const std::size_t n = text::controlAt(dumped, i); n > 0) {
      const unsigned code = text::controlCode(dumped, i);
      const char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[code >> 4];
      out += hex[code & 0xF];
      i += n - 1;
      continue;
    }
    out += dumped[i];
  }
  if (cut) out.insert(out.size() - 1, "...");
  return out;
}

std::string jsonTypeName(const json_out::Value& v) {
  return v.isInteger() ? "integer" : v.typeName();  // signed and unsigned alike
}

std::string hexByte(unsigned char b) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("0x") + kHex[b >> 4] + kHex[b & 0xF];
}

bool hasControlChar(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (text::controlAt(s, i) > 0) return true;
  }
  return false;
}

bool isValidUtf8(std::string_view s, std::size_t* badOffset) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t min = 0;
    std::uint32_t cp = 0;
    if (b0 < 0x80) {
      ++i;
      continue;
    } else if ((b0 & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = b0 & 0x07;
    } else {
      *badOffset = i;
      return false;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        *badOffset = i + k < s.size() ? i + k : i;
        return false;
      }
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      *badOffset = i;
      return false;
    }
    i += len;
  }
  return true;
}

bool nestingDepthExceeds(std::string_view json, int maxDepth) {
  int depth = 0;
  bool inString = false;
  bool escaped = false;
  for (char c : json) {
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        inString = false;
      }
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > maxDepth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

bool isHostName(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  for (char c : s) {
    if (!isAsciiAlnum(c) && c != '-' && c != '.' && c != '_') return false;
  }
  return true;
}

bool isRegionLabel(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    if (!isAsciiAlnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

WebUrlProblem checkWebUrl(std::string_view text, std::string_view scheme) {
  const auto parts = url::splitHierarchical(text);
  if (!parts || !iequals(parts->scheme, scheme)) return WebUrlProblem::Scheme;
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return WebUrlProblem::Chars;
  }
  const url::Authority a = url::splitAuthority(parts->authority);
  // user:password@ would put a secret in every report line that shows the URL.
  if (a.hasUserInfo) return WebUrlProblem::UserInfo;
  if (a.unclosedBracket) return WebUrlProblem::Host;
  // The same strict RFC 4291 check as TURN URLs (it used to take any mix of hex digits, ':'
  // and '.', so "https://[:]/" passed); otherwise an RFC 3986 reg-name, which includes IPv4.
  if (a.ipLiteral ? !isIpv6Address(a.host) : !url::isRegName(a.host)) return WebUrlProblem::Host;
  if (!a.afterHost.empty() && !a.hasPort) return WebUrlProblem::Host;
  // An empty port is the scheme's default (RFC 3986 §3.2.3).
  return url::portOr(a.port, 443) ? WebUrlProblem::None : WebUrlProblem::Port;
}

std::string describeWebUrlProblem(std::string_view url, std::string_view scheme,
                                  WebUrlProblem problem) {
  const std::string q = jsonQuoted(url);
  const std::string s(scheme);
  switch (problem) {
    case WebUrlProblem::None:
      return "";
    case WebUrlProblem::Scheme:
      // Two documented wordings: https leads with the value, wss with the rule.
      if (scheme == "https") return q + " must be an https:// URL";
      return "must be a " + s + ":// URL (got " + q + ")";
    case WebUrlProblem::Chars:
      return q + " contains a space or control character";
    case WebUrlProblem::UserInfo:
      return "must not contain user:password@ (got a URL with credentials)";
    case WebUrlProblem::Host:
      return q + " has no valid host";
    case WebUrlProblem::Port:
      return q + " has a bad port (must be 1..65535)";
  }
  return "";
}

const char* proxyModeName(NetworkHint::Proxy mode) {
  switch (mode) {
    case NetworkHint::Proxy::None:
      return "none";
    case NetworkHint::Proxy::Configured:
      return "configured";
    case NetworkHint::Proxy::Unknown:
      break;
  }
  return "unknown";
}

bool proxyModeFromName(std::string_view name, NetworkHint::Proxy* out) {
  for (NetworkHint::Proxy m :
       {NetworkHint::Proxy::Unknown, NetworkHint::Proxy::None, NetworkHint::Proxy::Configured}) {
    if (name == proxyModeName(m)) {
      *out = m;
      return true;
    }
  }
  return false;
}

}  // namespace netready::profile_text
