// ICE candidate lines (RFC 8839 §5.1), as browsers give them in RTCIceCandidate.candidate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "netready/result.h"

namespace netready {

enum class CandidateType { Host, Srflx, Prflx, Relay };
enum class AddressKind { IPv4, IPv6, Mdns, Fqdn };

struct Candidate {
  std::string foundation;
  int component = 0;     // 1..256
  std::string protocol;  // "udp" or "tcp" (lower-cased)
  std::uint32_t priority = 0;
  std::string address;
  AddressKind addressKind = AddressKind::IPv4;
  std::uint16_t port = 0;
  CandidateType type = CandidateType::Host;
  std::string relatedAddress;  // raddr, empty when absent
  int relatedPort = -1;        // rport, -1 when absent
  std::string tcpType;         // "active" "passive" "so", empty when absent
  std::vector<std::pair<std::string, std::string>> extensions;  // generation, ufrag, network-id...
};

const char* toString(CandidateType t);  // "host" "srflx" "prflx" "relay"
const char* toString(AddressKind k);    // "ipv4" "ipv6" "mdns" "fqdn"

// A browser's relayProtocol (RTCIceCandidate, getStats) as one of "udp" "tcp" "tls" (lower
// case); "" for anything else, so a browser's odd text never reaches the report raw.
std::string relayProtocolName(std::string_view text);

// Accepts "candidate:..." and "a=candidate:..." forms. Errors name the field, e.g.
//   candidate: component "0" is not 1..256
Result<Candidate> parseCandidate(std::string_view line);

}  // namespace netready
