// STUN/TURN URL parsing (RFC 7064, RFC 7065). Input comes from user-typed configs, so every
// rejection quotes the input and names the offending part.
#include "netready/ice_url.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parse/url_authority.h"

namespace netready {
namespace {

constexpr std::size_t kMaxUrlLength = 2048;
constexpr std::size_t kMaxQuoted = 100;
constexpr std::size_t kMaxHostLength = 253;

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char toLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (toLower(a[i]) != toLower(b[i])) return false;
  }
  return true;
}

std::string hexByte(unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("0x") + kHex[c >> 4] + kHex[c & 0xf];
}

// Quotes the input for messages; escapes bytes that would garble a terminal or log line and
// truncates so an overlong URL does not produce an overlong message.
std::string quote(std::string_view text) {
  std::string out = "\"";
  std::size_t n = text.size() < kMaxQuoted ? text.size() : kMaxQuoted;
  for (std::size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      out += "\\x" + hexByte(c).substr(2);
    } else {
      out += static_cast<char>(c);
    }
  }
  if (n < text.size()) out += "...";
  out += '"';
  return out;
}

Result<IceUrl> fail(std::string_view text, const std::string& problem) {
  return Result<IceUrl>::fail(quote(text) + ": " + problem);
}

// Decimal without overflow: stops accumulating once past the limit.
bool parsePort(std::string_view digits, std::uint32_t& out) {
  if (digits.empty()) return false;
  std::uint32_t v = 0;
  for (char c : digits) {
    if (!isDigit(c)) return false;
    if (v <= 100000) v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  out = v;
  return true;
}

}  // namespace

bool isIpv4Address(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    int value = 0;
    while (i < s.size() && isDigit(s[i]) && i - start < 4) {
      value = value * 10 + (s[i] - '0');
      ++i;
    }
    std::size_t len = i - start;
    if (len == 0 || len > 3 || value > 255) return false;
    if (len > 1 && s[start] == '0') return false;  // leading zeros read as octal by some stacks
    ++parts;
    if (i == s.size()) break;
    if (s[i] != '.' || parts == 4) return false;
    ++i;
  }
  return parts == 4;
}

bool isIpv6Address(std::string_view s) {
  if (s.size() < 2 || s.size() > 45) return false;
  int groups = 0;
  bool doubleColon = false;
  std::size_t i = 0;
  if (s[0] == ':') {
    if (s[1] != ':') return false;
    doubleColon = true;
    i = 2;
  }
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && s[j] != ':') ++j;
    std::string_view token = s.substr(i, j - i);
    if (token.find('.') != std::string_view::npos) {
      // An embedded IPv4 tail counts as two groups and must end the address.
      if (j != s.size() || !isIpv4Address(token)) return false;
      groups += 2;
      break;
    }
    if (token.empty() || token.size() > 4) return false;
    for (char c : token) {
      if (!isHexDigit(c)) return false;
    }
    ++groups;
    if (j == s.size()) break;
    if (j + 1 < s.size() && s[j + 1] == ':') {
      if (doubleColon) return false;
      doubleColon = true;
      i = j + 2;
    } else {
      i = j + 1;
      if (i == s.size()) return false;  // trailing single colon
    }
  }
  return doubleColon ? groups <= 7 : groups == 8;
}

const char* toString(IceScheme s) {
  switch (s) {
    case IceScheme::Stun:
      return "stun";
    case IceScheme::Stuns:
      return "stuns";
    case IceScheme::Turn:
      return "turn";
    case IceScheme::Turns:
      return "turns";
  }
  return "?";
}

const char* toString(IceTransport t) {
  switch (t) {
    case IceTransport::Udp:
      return "udp";
    case IceTransport::Tcp:
      return "tcp";
    case IceTransport::Tls:
      return "tls";
  }
  return "?";
}

std::string transportLabel(const IceUrl& u) {
  std::string label = u.isTurn() ? "TURN/" : "STUN/";
  for (const char* p = toString(u.transport); *p != '\0'; ++p) {
    label += static_cast<char>(*p - 'a' + 'A');
  }
  return label;
}

std::string hostPort(const IceUrl& u) {
  std::string out = u.ipv6Literal ? "[" + u.host + "]" : u.host;
  return out + ":" + std::to_string(u.port);
}

Result<IceUrl> parseIceUrl(std::string_view text) {
  if (text.empty()) return Result<IceUrl>::fail("empty ICE server URL");
  if (text.size() > kMaxUrlLength) {
    return fail(text, "URL is " + std::to_string(text.size()) + " bytes; the limit is " +
                          std::to_string(kMaxUrlLength));
  }
  // Byte screening first so later steps only ever see printable ASCII.
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    std::string at = " at offset " + std::to_string(i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      return fail(text, "contains whitespace" + at + " (remove spaces and line breaks)");
    }
    if (c >= 0x80) return fail(text, "contains non-ASCII byte " + hexByte(c) + at);
    if (c < 0x20 || c == 0x7f) return fail(text, "contains control byte " + hexByte(c) + at);
  }

  IceUrl url;
  std::size_t colon = text.find(':');
  std::string_view scheme = colon == std::string_view::npos ? text : text.substr(0, colon);
  if (colon == std::string_view::npos) {
    return Result<IceUrl>::fail(quote(text) + " is not a stun:, turn: or turns: URL");
  } else if (equalsIgnoreCase(scheme, "stun")) {
    url.scheme = IceScheme::Stun;
  } else if (equalsIgnoreCase(scheme, "stuns")) {
    url.scheme = IceScheme::Stuns;
  } else if (equalsIgnoreCase(scheme, "turn")) {
    url.scheme = IceScheme::Turn;
  } else if (equalsIgnoreCase(scheme, "turns")) {
    url.scheme = IceScheme::Turns;
  } else {
    return Result<IceUrl>::fail(quote(text) + " is not a stun:, turn: or turns: URL");
  }

  std::string_view rest = text.substr(colon + 1);
  if (rest.substr(0, 2) == "//") {
    return fail(text,
                "\"//\" is not allowed after the scheme (write " + std::string(scheme) + ":host)");
  }
  std::size_t qmark = rest.find('?');
  std::string_view authority = rest.substr(0, qmark);
  bool hasQuery = qmark != std::string_view::npos;
  std::string_view query = hasQuery ? rest.substr(qmark + 1) : std::string_view();

  if (authority.find('@') != std::string_view::npos) {
    return fail(text, "user info (user@) is not allowed; set username and credential separately");
  }
  for (char c : authority) {
    if (c == '/' || c == '#') {
      return fail(text,
                  std::string("'") + c + "' is not allowed; the URL takes only host and port");
    }
  }
  if (authority.empty()) return fail(text, "missing host");

  std::string_view portText;
  bool hasPort = false;
  if (authority[0] == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return fail(text, "IPv6 address is missing ']'");
    std::string_view literal = authority.substr(1, close - 1);
    if (literal.empty()) return fail(text, "missing host");
    if (!isIpv6Address(literal)) {
      return fail(text, quote(literal) + " is not a valid IPv6 address");
    }
    url.host = std::string(literal);
    url.ipv6Literal = true;
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return fail(text, "unexpected text after ']'");
      hasPort = true;
      portText = after.substr(1);
    }
  } else {
    std::size_t first = authority.find(':');
    if (first != authority.rfind(':')) {
      return fail(text, "IPv6 addresses must be in brackets, e.g. turn:[2001:db8::1]:3478");
    }
    std::string_view host = authority.substr(0, first);
    if (first != std::string_view::npos) {
      hasPort = true;
      portText = authority.substr(first + 1);
    }
    if (host.empty()) return fail(text, "missing host");
    if (host.size() > kMaxHostLength) {
      return fail(text, "host is longer than " + std::to_string(kMaxHostLength) + " characters");
    }
    // RFC 7064 §3.1 / RFC 7065 §3.1 take RFC 3986's host: a reg-name may hold percent-encoded
    // octets and sub-delims, and digits and dots that are not IPv4 (§3.2.2) are a name too.
    if (!url::isRegName(host)) {
      const std::size_t pct = host.find('%');
      for (char c : host) {
        if (!isAlpha(c) && !isDigit(c) &&
            std::string_view("-._~%!$&'()*+,;=").find(c) == std::string_view::npos) {
          return fail(text, std::string("host contains '") + c + "'");
        }
      }
      if (pct != std::string_view::npos) {
        return fail(text, "host has a '%' that is not followed by two hex digits (%XX)");
      }
      return fail(text, "missing host");
    }
    url.host = std::string(host);
  }

  bool secure = url.scheme == IceScheme::Stuns || url.scheme == IceScheme::Turns;
  // "port = *DIGIT": an empty port is the default (RFC 3986 §3.2.3, used by RFC 7064/7065).
  if (hasPort && !portText.empty()) {
    std::uint32_t port = 0;
    if (!parsePort(portText, port))
      return fail(text, "port " + quote(portText) + " is not a number");
    if (port == 0 || port > 65535) {
      return fail(text, "port " + std::string(portText) + " is out of range");
    }
    url.port = static_cast<std::uint16_t>(port);
    url.explicitPort = true;
  }
  if (!url.explicitPort) url.port = secure ? 5349 : 3478;

  if (hasQuery) {
    if (!url.isTurn()) {
      return fail(text, std::string(toString(url.scheme)) +
                            ": URLs take no query (?transport= is only for turn: and turns:)");
    }
    std::size_t eq = query.find('=');
    std::string_view key = query.substr(0, eq);
    if (query.empty()) return fail(text, "empty query after '?'");
    if (!equalsIgnoreCase(key, "transport")) {
      return fail(text, "unknown query parameter " + quote(key) + " (only transport= is allowed)");
    }
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : query.substr(eq + 1);
    if (equalsIgnoreCase(value, "udp") && secure) {
      // Not TLS: RFC 7350 §5 made turns:?transport=udp TURN over DTLS, which browsers do not
      // offer (labelling it TLS would report a test that never ran).
      return fail(text, std::string(toString(url.scheme)) +
                            ": with transport=udp is TURN over DTLS (RFC 7350 §5), which browsers "
                            "do not support; use transport=tcp (TLS) or turn: for UDP");
    } else if (equalsIgnoreCase(value, "udp")) {
      url.transportParam = "udp";
    } else if (equalsIgnoreCase(value, "tcp")) {
      url.transportParam = "tcp";
    } else {
      return fail(text, "transport must be udp or tcp");
    }
  }

  // Browsers always use TLS over TCP for turns:/stuns:, whatever ?transport= says.
  if (secure) {
    url.transport = IceTransport::Tls;
  } else if (url.transportParam == "tcp") {
    url.transport = IceTransport::Tcp;
  } else {
    url.transport = IceTransport::Udp;
  }
  return url;
}

}  // namespace netready
