// One reading of a URL's host and port (RFC 3986 §3.2) for every part of core: profile
// validation, STUN/TURN URLs, the page's origin, the name probe and the diagnosis texts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netready::url {

// The authority split into its parts; views into the text given. Structure only: whether the
// host and port are valid is for the checks below.
struct Authority {
  std::string_view userInfo;  // before '@' (never wanted: a secret in every line showing it)
  bool hasUserInfo = false;
  std::string_view host;   // without the brackets of an IP-literal
  bool ipLiteral = false;  // "[...]"
  bool unclosedBracket = false;
  std::string_view afterHost;  // what follows the host: "" or ":port", else garbage
  bool hasPort = false;        // afterHost starts with ':'
  std::string_view port;       // the digits after ':'; empty means the default (§3.2.3)
};

// `authority` is the text between "//" (or the scheme's ':') and the first '/', '?' or '#'.
Authority splitAuthority(std::string_view authority);

// "scheme://authority/..." -> the scheme and the authority text; nullopt without "://".
struct SchemeAndAuthority {
  std::string_view scheme;
  std::string_view authority;
};
std::optional<SchemeAndAuthority> splitHierarchical(std::string_view url);

// The octet of the percent-encoding "%XX" at text[i] (RFC 3986 §2.1), or -1 when there is none.
int percentOctetAt(std::string_view text, std::size_t i);

// RFC 3986 §3.2.2 reg-name: 1*( unreserved / pct-encoded / sub-delims ), at most 253 bytes
// (the DNS limit). Digits and dots that are not an IPv4 address are a legal reg-name too.
bool isRegName(std::string_view host);
// Port digits: 1..65535, or the default for an empty port (RFC 3986 §3.2.3: "port = *DIGIT",
// empty when absent). nullopt: not digits or out of range.
std::optional<std::uint16_t> portOr(std::string_view digits, std::uint16_t defaultPort);

// The host compared and looked up: lower case (§6.2.2.1) with percent-encoded octets decoded
// (§6.2.2.2); IP-literals keep their brackets so a port can follow unambiguously.
std::string normalizedHost(const Authority& a);
// Whether `name` (normalized) is something DNS resolves: letters, digits, '-', '_', '.', and
// not all digits and dots (browsers read those as an IPv4 number, WHATWG URL §3.5).
bool isDnsName(std::string_view name);

}  // namespace netready::url
