#include "netready/redact.h"

#include <algorithm>

#include "util/small_sort.h"

namespace netready {

namespace {

bool isWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

Redactor::Redactor(const std::vector<std::string>& secrets) {
  for (const std::string& s : secrets)
    if (!s.empty()) secrets_.push_back(s);
  smallSort(secrets_, [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  secrets_.erase(std::unique(secrets_.begin(), secrets_.end()), secrets_.end());
}

std::size_t Redactor::matchAt(std::string_view text, std::size_t i) const {
  // The text left from i before a final "..." (what an excerpt cut at its limit ends with);
  // empty when the text does not end so.
  std::string_view tail = text.substr(i);
  const bool cut = tail.size() >= 3 && tail.substr(tail.size() - 3) == "...";
  tail = cut ? tail.substr(0, tail.size() - 3) : std::string_view();
  for (const std::string& s : secrets_) {
    // A secret cut off by an excerpt's length limit: its first kCutPrefixMin bytes or more
    // right before that final "..." are hidden too.
    if (tail.size() >= kCutPrefixMin && tail.size() < s.size() &&
        s.compare(0, tail.size(), tail) == 0) {
      return tail.size();
    }
    if (text.compare(i, s.size(), s) != 0) continue;
    if (s.size() >= kWholeWordBelow) return s.size();
    const bool leftFree = i == 0 || !isWordByte(text[i - 1]);
    const bool rightFree = i + s.size() >= text.size() || !isWordByte(text[i + s.size()]);
    if (leftFree && rightFree) return s.size();
  }
  return 0;
}

std::size_t Redactor::scan(std::string_view text, std::string* out) const {
  std::size_t hits = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t n = matchAt(text, i);
    if (n > 0) {
      // Occurrences overlapping this one ("]ab]ab]" for the secret "]ab]") join its span: a
      // second occurrence half hidden would still show the secret's tail (found by fuzzing).
      std::size_t end = i + n;
      for (std::size_t j = i + 1; j < end; ++j) {
        const std::size_t m = matchAt(text, j);
        if (m > 0 && j + m > end) end = j + m;
      }
      ++hits;
      if (out != nullptr) *out += kRedactedMarker;
      i = end;
    } else {
      if (out != nullptr) *out += text[i];
      ++i;
    }
  }
  return hits;
}

std::string Redactor::apply(std::string_view text, std::size_t* hits) const {
  if (hits != nullptr) *hits = 0;
  if (secrets_.empty()) return std::string(text);  // the common case: no credentials
  std::string out;
  out.reserve(text.size());
  const std::size_t n = scan(text, &out);
  if (hits != nullptr) *hits = n;
  return out;
}

std::size_t Redactor::count(std::string_view text) const {
  return secrets_.empty() ? 0 : scan(text, nullptr);
}

std::string redactText(std::string_view text, const std::vector<std::string>& secrets) {
  return Redactor(secrets).apply(text);
}

}  // namespace netready
