// json_parse::parse (see json_parse.h): recursive descent over the bytes, one token of look-ahead.
#include "parse/json_parse.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <numeric>
#include <vector>

#include "parse/utf8.h"
#include "util/small_sort.h"

namespace netready::json_parse {

namespace {

using json_out::Value;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string hexByte(unsigned char b) {
  constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("0x") + kHex[b >> 4] + kHex[b & 0xF];
}

// A repeated member name keeps its first place and takes the last value (what nlohmann's DOM
// did). Found through sorted indices: many members cost n log n, not n^2.
void mergeRepeatedNames(std::vector<Value::Member>& m) {
  if (m.size() < 2) return;
  std::vector<std::size_t> order(m.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  mergeSort(order, [&](std::size_t a, std::size_t b) {
    return m[a].first != m[b].first ? m[a].first < m[b].first : a < b;
  });
  std::vector<bool> drop(m.size(), false);
  bool any = false;
  for (std::size_t i = 0, j = 0; i < order.size(); i = j) {
    for (j = i + 1; j < order.size() && m[order[j]].first == m[order[i]].first; ++j) {
      drop[order[j]] = true;
      any = true;
    }
    if (j > i + 1) m[order[i]].second = std::move(m[order[j - 1]].second);
  }
  if (!any) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (drop[i]) continue;
    if (kept != i) m[kept] = std::move(m[i]);  // never onto itself: a moved-from string is empty
    ++kept;
  }
  m.resize(kept);
}

class Parser {
 public:
  Parser(std::string_view text, int maxDepth) : text_(text), maxDepth_(maxDepth) {}

  bool document(Value* out) {
    // A UTF-8 byte order mark is skipped, as nlohmann did (editors on Windows write one).
    if (!text_.empty() && text_[0] == '\xEF') {
      if (text_.substr(0, 3) != "\xEF\xBB\xBF") return fail(0, "invalid byte order mark");
      pos_ = 3;
    }
    if (!value(out, 0)) return false;
    skipSpace();
    return pos_ == text_.size() ||
           fail(pos_, "expected the end of the text after the value, got " + found(pos_));
  }

  std::string error() const {
    std::size_t line = 1, lineStart = 0;
    for (std::size_t i = 0; i < errorAt_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') ++line, lineStart = i + 1;
    }
    return "parse error at line " + std::to_string(line) + ", column " +
           std::to_string(errorAt_ - lineStart + 1) + " (offset " + std::to_string(errorAt_) +
           "): " + reason_;
  }

 private:
  bool fail(std::size_t at, std::string reason) {
    errorAt_ = at;
    reason_ = std::move(reason);
    return false;
  }

  // What stands at `at`, for "expected X, got Y": a token's kind or one byte, never more of the
  // text (it may be a credential).
  std::string found(std::size_t at) const {
    if (at >= text_.size()) return "end of input";
    const char c = text_[at];
    if (c == '"') return "a string";
    if (c == '-' || isDigit(c)) return "a number";
    if (c == '\'') return "a single quote (JSON strings take double quotes)";
    if (c > 0x20 && c < 0x7F) return std::string("'") + c + "'";
    return "byte " + hexByte(static_cast<unsigned char>(c));
  }

  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return atEnd() ? '\0' : text_[pos_]; }

  void skipSpace() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
      ++pos_;
    }
  }

  bool value(Value* out, int depth) {
    skipSpace();
    const char c = peek();  // '\0' at the end, which no case takes
    if ((c == '{' || c == '[') && depth >= maxDepth_) {
      return fail(pos_, "nested deeper than " + std::to_string(maxDepth_) + " levels");
    }
    if (c == '{') return object(out, depth + 1);
    if (c == '[') return array(out, depth + 1);
    if (c == '"') {
      *out = Value(std::string());
      return string(&out->string());
    }
    if (c == '-' || isDigit(c)) return number(out);
    if (c == 't' || c == 'f' || c == 'n') return literal(out);
    return fail(pos_, "expected a value, got " + found(pos_));
  }

  bool object(Value* out, int depth) {
    ++pos_;  // '{'
    *out = Value::object();
    std::vector<Value::Member>& members = out->members();
    skipSpace();
    if (peek() == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        return fail(pos_, std::string(members.empty() ? "expected a member name or '}', got "
                                                      : "expected a member name, got ") +
                              found(pos_));
      }
      members.emplace_back();
      if (!string(&members.back().first)) return false;
      skipSpace();
      if (peek() != ':') return fail(pos_, "expected ':' after a member name, got " + found(pos_));
      ++pos_;
      // The nested value fills members.back() in place; nothing else grows this vector meanwhile.
      if (!value(&members.back().second, depth)) return false;
      skipSpace();
      if (peek() == '}') break;
      if (peek() != ',') {
        return fail(pos_, "expected ',' or '}' after an object member, got " + found(pos_));
      }
      ++pos_;
    }
    ++pos_;  // '}'
    mergeRepeatedNames(members);
    return true;
  }

  bool array(Value* out, int depth) {
    ++pos_;  // '['
    *out = Value::array();
    std::vector<Value::Member>& elements = out->members();
    skipSpace();
    if (peek() == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      elements.emplace_back();
      if (!value(&elements.back().second, depth)) return false;
      skipSpace();
      if (peek() == ']') break;
      if (peek() != ',') {
        return fail(pos_, "expected ',' or ']' after an array element, got " + found(pos_));
      }
      ++pos_;
    }
    ++pos_;  // ']'
    return true;
  }

  // Four hex digits at pos_ (just after "\u"), or -1.
  int hex4() {
    if (text_.size() - pos_ < 4) return -1;
    int v = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = hexValue(text_[pos_ + k]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    pos_ += 4;
    return v;
  }

  bool string(std::string* out) {
    ++pos_;  // '"'
    while (true) {
      if (atEnd()) return fail(pos_, "end of input inside a string (no closing quote)");
      const auto b = static_cast<unsigned char>(text_[pos_]);
      if (b == '"') {
        ++pos_;
        return true;
      }
      if (b == '\\') {
        if (!escape(out)) return false;
      } else if (b < 0x20) {
        return fail(pos_, "control character " + hexByte(b) + " in a string (must be escaped)");
      } else if (b < 0x80) {
        *out += static_cast<char>(b);
        ++pos_;
      } else if (const utf8::Sequence seq = utf8::at(text_, pos_); seq.whole) {
        out->append(text_, pos_, seq.valid);
        pos_ += seq.valid;
      } else {
        return fail(pos_, "invalid UTF-8 in a string (byte " + hexByte(b) + ")");
      }
    }
  }

  bool escape(std::string* out) {
    const std::size_t at = pos_;
    ++pos_;  // '\\'
    if (atEnd()) return fail(pos_, "end of input inside a string (no closing quote)");
    const char c = text_[pos_++];
    constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
    if (const std::size_t k = kFrom.find(c); k != std::string_view::npos) {
      *out += kTo[k];
      return true;
    }
    if (c != 'u') {
      return fail(at, "invalid escape in a string (only \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
    }
    const char* const kHexNeeded = "\\u must be followed by 4 hex digits";
    int cp = hex4();
    if (cp < 0) return fail(at, kHexNeeded);
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return fail(at, "UTF-16 low surrogate \\uDC00-\\uDFFF without a high one before it");
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      const char* const kUnpaired =
          "UTF-16 high surrogate \\uD800-\\uDBFF not followed by a low one \\uDC00-\\uDFFF";
      if (text_.substr(pos_, 2) != "\\u") return fail(at, kUnpaired);
      pos_ += 2;
      const int low = hex4();
      if (low < 0) return fail(pos_ - 2, kHexNeeded);
      if (low < 0xDC00 || low > 0xDFFF) return fail(at, kUnpaired);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    appendUtf8(*out, static_cast<std::uint32_t>(cp));
    return true;
  }

  bool digits() {
    const std::size_t start = pos_;
    while (isDigit(peek())) ++pos_;
    return pos_ > start;
  }

  // RFC 8259 §6; integers exactly (64 bits), the rest through strtod (correctly rounded).
  bool number(Value* out) {
    const std::size_t start = pos_;
    const bool negative = peek() == '-';
    if (negative) ++pos_;
    if (peek() == '0') {
      ++pos_;
      if (isDigit(peek())) return fail(pos_ - 1, "invalid number: leading zero");  // "0500"
    } else if (!digits()) {
      return fail(pos_, "invalid number: expected a digit after '-'");
    }
    bool integer = true;
    if (peek() == '.') {
      ++pos_;
      if (!digits()) return fail(pos_, "invalid number: expected a digit after '.'");
      integer = false;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!digits()) return fail(pos_, "invalid number: expected a digit in the exponent");
      integer = false;
    }
    const std::string_view token = text_.substr(start, pos_ - start);
    if (integer) {
      std::uint64_t magnitude = 0;
      bool fits = true;
      for (char c : token.substr(negative ? 1 : 0)) {
        const auto d = static_cast<std::uint64_t>(c - '0');
        fits = fits && magnitude <= (UINT64_MAX - d) / 10;
        magnitude = magnitude * 10 + d;
      }
      constexpr std::uint64_t kMinMagnitude = std::uint64_t{1} << 63;  // -INT64_MIN
      if (fits && !negative) {
        *out = Value(magnitude);
        return true;
      }
      if (fits && magnitude <= kMinMagnitude) {
        *out =
            Value(magnitude == kMinMagnitude ? INT64_MIN : -static_cast<std::int64_t>(magnitude));
        return true;
      }
    }
    // A fraction, an exponent or an integer past 64 bits, as nlohmann: a double.
    const double d = std::strtod(std::string(token).c_str(), nullptr);
    if (!std::isfinite(d)) return fail(start, "number out of range");
    *out = Value(d);
    return true;
  }

  bool literal(Value* out) {
    const std::string_view rest = text_.substr(pos_);
    const std::string_view word = rest.substr(0, 4) == "true"    ? "true"
                                  : rest.substr(0, 5) == "false" ? "false"
                                  : rest.substr(0, 4) == "null"  ? "null"
                                                                 : "";
    if (word.empty()) return fail(pos_, "invalid literal (expected true, false or null)");
    pos_ += word.size();
    *out = word == "null" ? Value() : Value(word == "true");
    return true;
  }

  std::string_view text_;
  int maxDepth_;
  std::size_t pos_ = 0;
  std::size_t errorAt_ = 0;
  std::string reason_;
};

}  // namespace

Parsed parse(std::string_view text, int maxDepth) {
  Parser parser(text, maxDepth);
  Parsed p;
  p.ok = parser.document(&p.value);
  if (!p.ok) {
    p.value = Value();
    p.error = parser.error();
  }
  return p;
}

}  // namespace netready::json_parse
