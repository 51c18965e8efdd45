// parseCandidate over any bytes: a parsed candidate has an address, a port and a protocol;
// an error is one printable line.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "netready/candidate.h"

using netready::fuzz::printableLine;
using netready::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  netready::Result<netready::Candidate> c = netready::parseCandidate(line);
  if (!c.ok()) {
    require(printableLine(c.error()), "candidate error is one printable line");
    return 0;
  }
  require(!c->address.empty(), "a parsed candidate has an address");
  require(c->protocol == "udp" || c->protocol == "tcp", "protocol is udp or tcp");
  return 0;
}
