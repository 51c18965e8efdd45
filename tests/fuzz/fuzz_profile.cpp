// parseProfile over any bytes: an error is one printable line naming where; a profile that
// parses serialises (redacted) and parses again to the same serialisation; no credential of the
// parsed profile appears in the redacted form.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "netready/profile.h"
#include "netready/redact.h"

using netready::fuzz::printableLine;
using netready::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  netready::Result<netready::Profile> p = netready::parseProfile(text);
  if (!p.ok()) {
    require(!p.error().empty() && p.error().size() < 2000, "profile error is short and not empty");
    require(printableLine(p.error()), "profile error is one printable line");
    return 0;
  }
  const std::string shown = netready::profileToRedactedJson(p.value());
  // Without credentials (the redacted form marks them "has_credentials", an output-only field),
  // what netready prints of a profile parses back to the same profile.
  netready::Profile bare = p.value();
  for (netready::TurnServer& t : bare.turn) t.username.clear(), t.credential.clear();
  const std::string once = netready::profileToRedactedJson(bare);
  // The redacted form drops usernames and credentials: a secret may show only where the other
  // fields hold the same text (a token on a URL, a username that is also part of a URL).
  for (const std::string& s : netready::profileSecrets(p.value()))
    require(s.size() < 4 || shown.find(s) == std::string::npos || once.find(s) != std::string::npos,
            "no secret in the redacted profile");
  netready::Result<netready::Profile> again = netready::parseProfile(once);
  require(again.ok(), "a serialised profile parses again");
  require(netready::profileToRedactedJson(again.value()) == once, "the round trip is stable");
  return 0;
}
