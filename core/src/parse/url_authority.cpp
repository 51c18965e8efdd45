#include "parse/url_authority.h"

namespace netready::url {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
int hexValue(char c) {
  if (isDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
// RFC 3986 §2.3 unreserved and §2.2 sub-delims.
bool isUnreserved(char c) {
  return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
bool isSubDelim(char c) {
  switch (c) {
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
      return true;
    default:
      return false;
  }
}

}  // namespace

int percentOctetAt(std::string_view text, std::size_t i) {
  if (i + 2 >= text.size() || text[i] != '%') return -1;
  const int hi = hexValue(text[i + 1]), lo = hexValue(text[i + 2]);
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

Authority splitAuthority(std::string_view authority) {
  Authority a;
  // userinfo ends at the last '@' (§3.2.1: '@' cannot appear in a host).
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    a.hasUserInfo = true;
    a.userInfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
  }
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      a.unclosedBracket = true;
      a.host = authority.substr(1);
      return a;
    }
    a.ipLiteral = true;
    a.host = authority.substr(1, close - 1);
    a.afterHost = authority.substr(close + 1);
  } else {
    const std::size_t colon = authority.find(':');
    a.host = authority.substr(0, colon);
    if (colon != std::string_view::npos) a.afterHost = authority.substr(colon);
  }
  if (!a.afterHost.empty() && a.afterHost.front() == ':') {
    a.hasPort = true;
    a.port = a.afterHost.substr(1);
  }
  return a;
}

std::optional<SchemeAndAuthority> splitHierarchical(std::string_view url) {
  const std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  const std::string_view rest = url.substr(sep + 3);
  return SchemeAndAuthority{url.substr(0, sep), rest.substr(0, rest.find_first_of("/?#"))};
}

bool isRegName(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  for (std::size_t i = 0; i < host.size(); ++i) {
    const char c = host[i];
    if (c == '%') {
      if (percentOctetAt(host, i) < 0) return false;
      i += 2;
    } else if (!isUnreserved(c) && !isSubDelim(c)) {
      return false;
    }
  }
  return true;
}

std::optional<std::uint16_t> portOr(std::string_view digits, std::uint16_t defaultPort) {
  if (digits.empty()) return defaultPort;
  if (digits.size() > 5) return std::nullopt;
  std::uint32_t v = 0;
  for (char c : digits) {
    if (!isDigit(c)) return std::nullopt;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (v == 0 || v > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(v);
}

std::string normalizedHost(const Authority& a) {
  std::string out;
  out.reserve(a.host.size() + 2);
  for (std::size_t i = 0; i < a.host.size(); ++i) {
    char c = a.host[i];
    const int decoded = percentOctetAt(a.host, i);
    // Only printable ASCII is decoded: a %00 or %9B stays written out, never a raw byte.
    if (decoded > 0x20 && decoded < 0x7f) {
      c = static_cast<char>(decoded);
      i += 2;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return a.ipLiteral ? "[" + out + "]" : out;
}

bool isDnsName(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  bool digitsAndDots = true;
  for (char c : name) {
    if (!isAlpha(c) && !isDigit(c) && c != '-' && c != '_' && c != '.') return false;
    digitsAndDots = digitsAndDots && (isDigit(c) || c == '.');
  }
  return !digitsAndDots;
}

}  // namespace netready::url
