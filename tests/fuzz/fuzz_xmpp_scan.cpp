// scanXmlTags over any frame: every tag view lies inside the frame, starts at a '<', and no tag
// text runs over the next '<' (what keeps the scan linear: a 256 KiB frame once froze the page).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "probes/xmpp_probe.h"

using netready::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view frame(reinterpret_cast<const char*>(data), size);
  std::size_t lts = 0;
  for (char c : frame) lts += c == '<' ? 1 : 0;
  const auto tags = netready::scanXmlTags(frame);
  require(tags.size() <= lts, "at most one tag per '<'");
  for (const netready::XmlTagView& t : tags) {
    require(t.text.data() >= frame.data() && t.text.data() + t.text.size() <= frame.data() + size,
            "tag text inside the frame");
    require(!t.text.empty() && t.text[0] == '<', "tag text starts at '<'");
    require(t.text.substr(1).find('<') == std::string_view::npos, "tag text stops at the next '<'");
    require(!t.name.empty(), "a tag has a name");
  }
  return 0;
}
