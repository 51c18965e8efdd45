// The one redaction rule for everything that leaves the core (report, progress, logs) and for
// the page's and the lab's leak checks, which call this same code through the bindings.
//
// Rule: secrets are replaced by "[redacted]", longest first, in one left-to-right pass (so the
// marker is never rescanned). A secret of kWholeWordBelow bytes or more is replaced wherever it
// occurs; a shorter one only where it stands alone (no ASCII letter or digit either side),
// since replacing "ab" inside every word would shred the text without protecting anything a
// 2-byte credential could protect. A secret cut off by an excerpt's length limit is hidden
// too: its first kCutPrefixMin bytes or more right before a final "..." (how every excerpt cut
// at its limit ends) are replaced. Empty secrets are ignored.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace netready {

inline constexpr std::size_t kWholeWordBelow = 4;
inline constexpr std::size_t kCutPrefixMin = 6;
inline constexpr std::string_view kRedactedMarker = "[redacted]";

class Redactor {
 public:
  explicit Redactor(const std::vector<std::string>& secrets);

  // `text` redacted; `hits`, when given, receives how many occurrences were replaced.
  std::string apply(std::string_view text, std::size_t* hits = nullptr) const;
  // How many secret occurrences `apply` would replace (0: nothing leaks).
  std::size_t count(std::string_view text) const;
  bool empty() const { return secrets_.empty(); }

 private:
  // Length of the secret matching at `i` under the rule, 0 when none.
  std::size_t matchAt(std::string_view text, std::size_t i) const;
  // The one pass: counts matches and, when `out` is given, appends the redacted text.
  std::size_t scan(std::string_view text, std::string* out) const;
  std::vector<std::string> secrets_;  // distinct, non-empty, longest first
};

std::string redactText(std::string_view text, const std::vector<std::string>& secrets);

}  // namespace netready
