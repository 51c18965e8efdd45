// ICE candidate-attribute parsing (RFC 8839 §5.1). Lines come from browsers or pasted SDP, so
// parsing is strict about values but every failure names the field and quotes the token.
#include "netready/candidate.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "netready/ice_url.h"

namespace netready {
namespace {

constexpr std::size_t kMaxLineLength = 4096;
constexpr std::size_t kMaxQuoted = 64;
constexpr std::size_t kMaxHostLength = 253;

using R = Result<Candidate>;

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char toLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = toLower(c);
  return out;
}

std::string hexByte(unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("0x") + kHex[c >> 4] + kHex[c & 0xf];
}

// Tokens are printable ASCII by the time they are quoted; only length needs bounding.
std::string quote(std::string_view token) {
  if (token.size() > kMaxQuoted) return "\"" + std::string(token.substr(0, kMaxQuoted)) + "...\"";
  return "\"" + std::string(token) + "\"";
}

R fail(const std::string& problem) { return R::fail("candidate: " + problem); }

// Parses an unsigned decimal into out; false on empty, non-digit or above max. Stops
// accumulating past max so huge digit strings cannot overflow.
bool parseUnsigned(std::string_view s, std::uint64_t max, std::uint64_t& out) {
  if (s.empty() || s.size() > 20) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (!isDigit(c)) return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
    if (v > max) return false;
  }
  out = v;
  return true;
}

bool allDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!isDigit(c)) return false;
  }
  return true;
}

// Error text for a numeric field: distinguishes "not a number" from "out of range".
R numberError(const char* field, std::string_view token, const char* range) {
  if (!allDigits(token)) return fail(std::string(field) + " " + quote(token) + " is not a number");
  return fail(std::string(field) + " " + quote(token) + " is not " + range);
}

bool isIceChar(char c) { return isAlpha(c) || isDigit(c) || c == '+' || c == '/'; }

// Browsers obfuscate host addresses as "<random UUID v4>.local" (draft-ietf-mmusic-mdns-ice).
bool isUuidMdns(std::string_view s) {
  constexpr std::string_view kSuffix = ".local";
  if (s.size() != 36 + kSuffix.size()) return false;
  if (lower(s.substr(36)) != kSuffix) return false;
  for (std::size_t i = 0; i < 36; ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !isHexDigit(s[i])) return false;
  }
  return true;
}

bool isHostName(std::string_view s) {
  if (s.empty() || s.size() > kMaxHostLength) return false;
  std::size_t labelLen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      if (labelLen == 0) return false;
      labelLen = 0;
      continue;
    }
    if (!isAlpha(c) && !isDigit(c) && c != '-' && c != '_') return false;
    if (++labelLen > 63) return false;
  }
  return true;  // a trailing dot (absolute name) is allowed
}

// Classifies an address token; returns false with a reason in `why` when invalid.
bool classifyAddress(std::string_view s, AddressKind& kind, std::string& why) {
  if (s.find(':') != std::string_view::npos) {
    kind = AddressKind::IPv6;
    if (isIpv6Address(s)) return true;
    why = "is not a valid IPv6 address";
    return false;
  }
  bool dottedNumbers = true;
  for (char c : s) dottedNumbers = dottedNumbers && (isDigit(c) || c == '.');
  if (dottedNumbers) {
    kind = AddressKind::IPv4;
    if (isIpv4Address(s)) return true;
    why = "is not a valid IPv4 address";
    return false;
  }
  if (isUuidMdns(s)) {
    kind = AddressKind::Mdns;
    return true;
  }
  kind = AddressKind::Fqdn;
  if (isHostName(s)) return true;
  why = "is not an IP address or host name";
  return false;
}

// Exactly one SP separates fields (RFC 8839 §5.1), so two in a row mean an empty field: an
// extension value may be empty ("extension-att-value = *VCHAR"), and collapsing the run would
// shift every later name/value pair.
std::vector<std::string_view> splitFields(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ' ') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

}  // namespace

const char* toString(CandidateType t) {
  switch (t) {
    case CandidateType::Host:
      return "host";
    case CandidateType::Srflx:
      return "srflx";
    case CandidateType::Prflx:
      return "prflx";
    case CandidateType::Relay:
      return "relay";
  }
  return "?";
}

const char* toString(AddressKind k) {
  switch (k) {
    case AddressKind::IPv4:
      return "ipv4";
    case AddressKind::IPv6:
      return "ipv6";
    case AddressKind::Mdns:
      return "mdns";
    case AddressKind::Fqdn:
      return "fqdn";
  }
  return "?";
}

std::string relayProtocolName(std::string_view text) {
  const std::string p = lower(text);
  return p == "udp" || p == "tcp" || p == "tls" ? p : "";
}

Result<Candidate> parseCandidate(std::string_view line) {
  // SDP lines end in CRLF; tolerate that when a whole a= line is pasted.
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.empty()) return fail("empty line");
  if (line.size() > kMaxLineLength) {
    return fail("line is " + std::to_string(line.size()) + " bytes; the limit is " +
                std::to_string(kMaxLineLength));
  }
  for (std::size_t i = 0; i < line.size(); ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    std::string at = " at offset " + std::to_string(i);
    if (c >= 0x80) return fail("non-ASCII byte " + hexByte(c) + at + " (lines must be ASCII)");
    if (c < 0x20 || c == 0x7f) return fail("control byte " + hexByte(c) + at);
  }

  // The SDP type letter is case-significant (RFC 8866 §5): "A=" is not an attribute line.
  if (line.substr(0, 2) == "a=") {
    line.remove_prefix(2);
  } else if (line.substr(0, 2) == "A=") {
    return fail(
        "\"A=\" is not an SDP attribute line: the type letter is case-significant "
        "(RFC 8866 §5), write \"a=candidate:...\"");
  }
  constexpr std::string_view kPrefix = "candidate:";
  if (lower(line.substr(0, kPrefix.size())) != kPrefix) {
    return fail("line does not start with \"candidate:\" (got " + quote(line.substr(0, 16)) + ")");
  }
  std::string_view body = line.substr(kPrefix.size());
  if (body.empty() || body[0] == ' ') return fail("missing foundation");
  std::vector<std::string_view> tok = splitFields(body);

  // Fixed-position fields; a missing one reports the last field that was present.
  static constexpr const char* kFields[] = {"foundation", "component", "transport",
                                            "priority",   "address",   "port"};
  auto truncated = [](std::size_t i) {
    return fail(std::string("truncated after ") + kFields[i - 1]);
  };
  static constexpr const char* kNames[] = {"foundation", "component", "transport", "priority",
                                           "address",    "port",      "\"typ\"",   "type"};
  for (std::size_t i = 0; i < tok.size() && i < 8; ++i) {
    if (tok[i].empty()) {
      return fail(std::string("empty ") + kNames[i] +
                  " (two spaces in a row: fields are separated by one space, RFC 8839 §5.1)");
    }
  }

  Candidate c;
  std::string_view foundation = tok[0];
  bool foundationOk = foundation.size() <= 32;
  for (char ch : foundation) foundationOk = foundationOk && isIceChar(ch);
  if (!foundationOk) {
    return fail("foundation " + quote(foundation) + " must be 1-32 of A-Z a-z 0-9 + /");
  }
  c.foundation = std::string(foundation);

  std::uint64_t n = 0;
  if (tok.size() <= 1) return truncated(1);
  if (!parseUnsigned(tok[1], 256, n) || n == 0) return numberError("component", tok[1], "1..256");
  c.component = static_cast<int>(n);

  if (tok.size() <= 2) return truncated(2);
  c.protocol = lower(tok[2]);
  if (c.protocol != "udp" && c.protocol != "tcp") {
    return fail("transport " + quote(tok[2]) + " is not udp or tcp");
  }

  if (tok.size() <= 3) return truncated(3);
  if (!parseUnsigned(tok[3], 0xffffffffULL, n) || n == 0) {
    return numberError("priority", tok[3], "1..4294967295");
  }
  c.priority = static_cast<std::uint32_t>(n);

  if (tok.size() <= 4) return truncated(4);
  std::string why;
  if (!classifyAddress(tok[4], c.addressKind, why)) {
    return fail("address " + quote(tok[4]) + " " + why);
  }
  c.address = std::string(tok[4]);

  if (tok.size() <= 5) return truncated(5);
  if (!parseUnsigned(tok[5], 65535, n)) return numberError("port", tok[5], "0..65535");
  c.port = static_cast<std::uint16_t>(n);

  if (tok.size() <= 6) return truncated(6);
  if (lower(tok[6]) != "typ") return fail("missing \"typ\" (found " + quote(tok[6]) + ")");
  if (tok.size() <= 7) return fail("\"typ\" has no value (expected host, srflx, prflx or relay)");
  std::string type = lower(tok[7]);
  if (type == "host") {
    c.type = CandidateType::Host;
  } else if (type == "srflx") {
    c.type = CandidateType::Srflx;
  } else if (type == "prflx") {
    c.type = CandidateType::Prflx;
  } else if (type == "relay") {
    c.type = CandidateType::Relay;
  } else {
    return fail("typ " + quote(tok[7]) + " is not host, srflx, prflx or relay");
  }

  // The rest is name/value pairs. raddr/rport/tcptype are accepted in any position because
  // some stacks emit them after extensions; duplicates are rejected as ambiguous.
  bool haveRaddr = false;
  bool haveTcptype = false;
  for (std::size_t i = 8; i < tok.size(); i += 2) {
    std::string name = lower(tok[i]);
    if (name.empty()) {
      return fail("empty extension name (a trailing space, or two spaces in a row after a value)");
    }
    if (i + 1 >= tok.size()) return fail("extension " + quote(tok[i]) + " has no value");
    std::string_view value = tok[i + 1];
    if (name == "raddr") {
      if (haveRaddr) return fail("raddr appears twice");
      AddressKind ignored;
      if (!classifyAddress(value, ignored, why)) return fail("raddr " + quote(value) + " " + why);
      c.relatedAddress = std::string(value);
      haveRaddr = true;
    } else if (name == "rport") {
      if (c.relatedPort >= 0) return fail("rport appears twice");
      if (!parseUnsigned(value, 65535, n)) return numberError("rport", value, "0..65535");
      c.relatedPort = static_cast<int>(n);
    } else if (name == "tcptype" && c.protocol == "tcp") {
      // RFC 6544 §4.5 defines tcptype for TCP only; on a UDP line it is a pair this agent does
      // not understand, which RFC 8839 §5.1 says MUST be ignored: it stays an extension.
      if (haveTcptype) return fail("tcptype appears twice");
      std::string t = lower(value);
      if (t != "active" && t != "passive" && t != "so") {
        return fail("tcptype " + quote(value) + " is not active, passive or so");
      }
      c.tcpType = t;
      haveTcptype = true;
    } else {
      c.extensions.emplace_back(std::string(tok[i]), std::string(value));
    }
  }
  // RFC 8839 §5.1: "<rel-addr> and <rel-port> MUST be present for server-reflexive,
  // peer-reflexive, and relayed candidates". (Their position and a host line carrying them are
  // kept lenient on purpose: neither changes what the candidate means.)
  if (c.type != CandidateType::Host && (!haveRaddr || c.relatedPort < 0)) {
    return fail(std::string(toString(c.type)) + " candidate without " +
                (haveRaddr            ? "rport"
                 : c.relatedPort >= 0 ? "raddr"
                                      : "raddr and rport") +
                " (RFC 8839 §5.1: both MUST be present for srflx, prflx and relay)");
  }
  return c;
}

}  // namespace netready
