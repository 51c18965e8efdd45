// parseIceUrl over any bytes: a URL that parses has a host and a port, and its host:port form
// parses back to the same host and port; an error is one printable line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "netready/ice_url.h"

using netready::fuzz::printableLine;
using netready::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  netready::Result<netready::IceUrl> u = netready::parseIceUrl(text);
  if (!u.ok()) {
    require(printableLine(u.error()), "ICE URL error is one printable line");
    return 0;
  }
  require(!u->host.empty() && u->port > 0, "a parsed ICE URL has a host and a port");
  const std::string again = std::string(u->isTurn() ? "turn:" : "stun:") + netready::hostPort(*u);
  netready::Result<netready::IceUrl> v = netready::parseIceUrl(again);
  require(v.ok() && v->host == u->host && v->port == u->port, "host:port parses back");
  return 0;
}
