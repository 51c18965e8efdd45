#include "probes/probe_text.h"

#include <cstring>

#include "parse/control_bytes.h"

namespace netready {

namespace {

// The decimal digits of m * 2^e (e >= 0), exactly: base 10^9 limbs, doubled e times (e <= 971).
std::string integerDigits(std::uint64_t m, int e) {
  constexpr std::uint32_t kBase = 1000000000;
  std::vector<std::uint32_t> limbs = {static_cast<std::uint32_t>(m % kBase),
                                      static_cast<std::uint32_t>(m / kBase % kBase),
                                      static_cast<std::uint32_t>(m / kBase / kBase)};
  for (int i = 0; i < e; ++i) {
    std::uint32_t carry = 0;
    for (std::uint32_t& l : limbs) {
      const std::uint32_t twice = l * 2 + carry;
      carry = twice >= kBase ? 1 : 0;
      l = twice - carry * kBase;
    }
    if (carry != 0) limbs.push_back(carry);
  }
  while (limbs.size() > 1 && limbs.back() == 0) limbs.pop_back();
  std::string out = std::to_string(limbs.back());
  for (std::size_t i = limbs.size() - 1; i-- > 0;) {
    const std::string part = std::to_string(limbs[i]);
    out.append(9 - part.size(), '0');
    out += part;
  }
  return out;
}

}  // namespace

// The double is m * 2^e exactly; round(m * 10^digits / 2^-e) is done in integers, ties to even.
std::string fixedDigits(double v, int digits) {
  digits = digits < 0 ? 0 : digits > 3 ? 3 : digits;
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  const std::string sign = bits >> 63 ? "-" : "";
  const int biased = static_cast<int>(bits >> 52 & 0x7FF);
  std::uint64_t m = bits & ((std::uint64_t{1} << 52) - 1);
  if (biased == 0x7FF) return sign + (m != 0 ? "nan" : "inf");
  if (biased != 0) m |= std::uint64_t{1} << 52;
  const int e = (biased != 0 ? biased : 1) - 1075;
  if (e >= 0)
    return sign + integerDigits(m, e) + (digits > 0 ? "." : "") + std::string(digits, '0');
  // m < 2^53 and 10^digits <= 1000 < 2^10: the product fits in 63 bits.
  std::uint64_t n = m;
  for (int i = 0; i < digits; ++i) n *= 10;
  const int k = -e;
  std::uint64_t q = 0;
  if (k < 64) {
    q = n >> k;
    const std::uint64_t rest = n & ((std::uint64_t{1} << k) - 1),
                        half = std::uint64_t{1} << (k - 1);
    if (rest > half || (rest == half && (q & 1) != 0)) ++q;
  }  // else n < 2^63 <= half: rounds to 0
  std::string text = std::to_string(q);
  if (text.size() <= static_cast<std::size_t>(digits))
    text.insert(0, static_cast<std::size_t>(digits) + 1 - text.size(), '0');
  if (digits > 0) text.insert(text.size() - static_cast<std::size_t>(digits), ".");
  return sign + text;
}

Text decimalText(double v, int digits) {
  std::string s = fixedDigits(v, digits);
  const std::size_t dot = s.find('.');
  if (dot == std::string::npos) return Text(std::move(s));
  return msg("num.decimal", {s.substr(0, dot), s.substr(dot + 1)});
}

Text percentText(double v) { return decimalText(v, 1) + " %"; }

std::string msText(std::int64_t ms) { return std::to_string(ms) + " ms"; }

Text timedOutText(std::int64_t ms) { return msg("run.timed-out-after", {msText(ms)}); }

std::string printableExcerpt(std::string_view text, std::size_t max) {
  // Whole UTF-8 sequences only: a lead byte without its continuation bytes (or a stray
  // continuation byte) is dropped, so removing a control can never splice a C2 and a following
  // 80-9F into a new C1 control (found by fuzz_https_body: C2 01 85).
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 1 : c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    bool whole = n > 0 && i + n <= text.size();
    for (std::size_t k = 1; whole && k < n; ++k) {
      whole = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (!whole) {
      ++i;  // invalid or cut: dropped
      continue;
    }
    if (text::controlAt(text, i) == 0) {
      if (out.size() + n > max) {
        // Cut: say so, the way the redactor recognises a secret cut in half (redact.h).
        while (out.size() + 3 > max && !out.empty()) {
          out.pop_back();
          while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
            out.pop_back();
          if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
        }
        return out + "...";
      }
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string xmlAttributeEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i];
    char b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

}  // namespace netready
