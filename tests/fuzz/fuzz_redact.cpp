// The Redactor over fuzzed secrets and text: no secret of 4 bytes or more survives anywhere, and
// a secret-free text comes out unchanged. Input: secrets separated by '\n', then '\0', then text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "netready/redact.h"

using netready::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t zero = in.find('\0');
  if (zero == std::string_view::npos) return 0;
  std::vector<std::string> secrets;
  std::string_view list = in.substr(0, zero);
  while (!list.empty() && secrets.size() < 8) {
    const std::size_t nl = list.find('\n');
    std::string_view s = list.substr(0, nl);
    if (!s.empty()) secrets.emplace_back(s);
    list = nl == std::string_view::npos ? std::string_view() : list.substr(nl + 1);
  }
  const std::string_view text = in.substr(zero + 1);
  const netready::Redactor r(secrets);
  std::size_t hits = 0;
  const std::string out = r.apply(text, &hits);
  // Every byte of every occurrence is hidden: with the markers cut out, no secret is left.
  std::string bare = out;
  for (std::size_t at = bare.find("[redacted]"); at != std::string::npos;
       at = bare.find("[redacted]", at + 1))
    bare.replace(at, 10, 1, '\0');  // no secret holds a '\0' (the input's separator)
  for (const std::string& s : secrets) {
    if (s.size() >= 4) require(bare.find(s) == std::string::npos, "no secret of 4+ bytes survives");
  }
  if (hits == 0) require(out == text, "nothing to redact: unchanged");
  return 0;
}
