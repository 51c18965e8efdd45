// STUN/TURN URLs (RFC 7064 stun:/stuns:, RFC 7065 turn:/turns:).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "netready/result.h"

namespace netready {

enum class IceScheme { Stun, Stuns, Turn, Turns };
// The transport the browser will use to reach the server.
enum class IceTransport { Udp, Tcp, Tls };

struct IceUrl {
  IceScheme scheme = IceScheme::Turn;
  std::string host;  // without brackets for IPv6 literals
  bool ipv6Literal = false;
  std::uint16_t port = 0;  // explicit or default (3478; 5349 for stuns/turns)
  bool explicitPort = false;
  std::string transportParam;                  // "udp", "tcp" or "" when absent
  IceTransport transport = IceTransport::Udp;  // turns/stuns -> Tls; ?transport=tcp -> Tcp

  bool isTurn() const { return scheme == IceScheme::Turn || scheme == IceScheme::Turns; }
};

const char* toString(IceScheme s);            // "stun" "stuns" "turn" "turns"
const char* toString(IceTransport t);         // "udp" "tcp" "tls"
std::string transportLabel(const IceUrl& u);  // "TURN/UDP", "TURN/TCP", "TURN/TLS", "STUN/UDP"
std::string hostPort(const IceUrl& u);        // "host:port", "[::1]:3478"

// Returns the parsed URL or a reason naming the bad part, e.g.
//   "tun:x" is not a stun:, turn: or turns: URL
Result<IceUrl> parseIceUrl(std::string_view text);

// Strict IP literal checks, shared with candidate parsing. IPv4 is a dotted quad without
// leading zeros; IPv6 allows "::" and an embedded IPv4 tail but no zone ("%eth0").
bool isIpv4Address(std::string_view s);
bool isIpv6Address(std::string_view s);

}  // namespace netready
