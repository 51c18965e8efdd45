// json_out::Value (see json_out.h): the layout of nlohmann's serializer::dump, its string escaping
// with error_handler_t::replace and its number format, so the report, profiles and goldens keep
// the bytes they had when nlohmann wrote them.
#include "report/json_out.h"

#include <cmath>
#include <cstdlib>

#include "parse/utf8.h"
#include "report/shortest_digits.h"

namespace netready::json_out {

namespace {

// A string (or a member name) as nlohmann writes it: quoted; '"', '\\' and the C0 controls
// escaped ("\b\f\n\r\t" short, others \u00xx); everything else, DEL and non-ASCII included, as
// is; each invalid UTF-8 sequence replaced by one U+FFFD the way nlohmann's decoder resyncs:
// a byte that cannot start a sequence is replaced alone, a sequence broken by a wrong byte is
// replaced and that byte read again, one cut by the end is replaced.
void writeString(std::string& out, std::string_view s) {
  constexpr char kHex[] = "0123456789abcdef";
  constexpr char kReplacement[] = "\xEF\xBF\xBD";
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      const char* shortForm = b == '"'    ? "\\\""
                              : b == '\\' ? "\\\\"
                              : b == '\b' ? "\\b"
                              : b == '\f' ? "\\f"
                              : b == '\n' ? "\\n"
                              : b == '\r' ? "\\r"
                              : b == '\t' ? "\\t"
                                          : nullptr;
      if (shortForm != nullptr) {
        out += shortForm;
      } else if (b < 0x20) {
        out += "\\u00";
        out += kHex[b >> 4];
        out += kHex[b & 0xF];
      } else {
        out += static_cast<char>(b);
      }
      ++i;
      continue;
    }
    const utf8::Sequence seq = utf8::at(s, i);
    if (seq.valid == 0) {  // cannot start a sequence
      out += kReplacement;
      ++i;
      continue;
    }
    if (seq.whole) {
      out.append(s, i, seq.valid);
    } else {
      out += kReplacement;
    }
    i += seq.valid;  // past the sequence, or onto the byte that broke it (or the end)
  }
  out += '"';
}

// nlohmann's number format (dtoa_impl::format_buffer): plain decimal while the decimal point is
// at most 15 digits right and 3 zeros left of the digits, always with a fraction ("100.0",
// "0.001"); otherwise "1.5e+20", "1e-05" (at least two exponent digits). NaN and infinity, which
// JSON has no text for, are null.
void writeFloat(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  if (std::signbit(d)) {
    out += '-';
    d = -d;
  }
  if (d == 0) {
    out += "0.0";
    return;
  }
  char buf[32];
  shortestExponential(d, buf);
  std::string digits;
  const char* p = buf;
  for (; *p != 'e' && *p != '\0'; ++p) {
    if (*p != '.') digits += *p;
  }
  const int exponent = *p == 'e' ? std::atoi(p + 1) : 0;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // the value is 0.<digits> * 10^n
  constexpr int kMaxExp = 15, kMinExp = -4;
  if (k <= n && n <= kMaxExp) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
    out += ".0";
  } else if (0 < n && n <= kMaxExp) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out += '.';
    out.append(digits, static_cast<std::size_t>(n));
  } else if (kMinExp < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits, 1);
    }
    const int e = n - 1;
    out += e < 0 ? "e-" : "e+";
    const int magnitude = e < 0 ? -e : e;
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
  }
}

}  // namespace

Value::Value(const std::vector<std::string>& strings) : kind_(Kind::Array) {
  members_.reserve(strings.size());
  for (const std::string& s : strings) members_.emplace_back(std::string(), Value(s));
}

Value Value::object(std::initializer_list<Member> members) {
  Value v(Kind::Object);
  // As nlohmann's initializer list: a repeated name keeps its first value.
  for (const Member& m : members) {
    if (!v.contains(m.first)) v.members_.push_back(m);
  }
  return v;
}

const char* Value::typeName() const {
  switch (kind_) {
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return "boolean";
    case Kind::Integer:
    case Kind::Unsigned:
    case Kind::Float:
      return "number";
    case Kind::String:
      return "string";
    case Kind::Array:
      return "array";
    case Kind::Object:
      break;
  }
  return "object";
}

double Value::number() const {
  switch (kind_) {
    case Kind::Integer:
      return static_cast<double>(number_.i);
    case Kind::Unsigned:
      return static_cast<double>(number_.u);
    case Kind::Float:
      return number_.d;
    default:
      return 0;
  }
}

Value& Value::operator[](std::string_view key) {
  if (kind_ != Kind::Object) *this = object();
  for (Member& m : members_) {
    if (m.first == key) return m.second;
  }
  members_.emplace_back(std::string(key), Value());
  return members_.back().second;
}

const Value& Value::operator[](std::string_view key) const {
  static const Value kNull;
  const Value* v = find(key);
  return v != nullptr ? *v : kNull;
}

Value& Value::operator[](const char* key) { return (*this)[std::string_view(key)]; }
const Value& Value::operator[](const char* key) const { return (*this)[std::string_view(key)]; }
bool Value::contains(const char* key) const { return contains(std::string_view(key)); }

const Value* Value::find(std::string_view key) const {
  if (kind_ != Kind::Object) return nullptr;
  for (const Member& m : members_) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

void Value::push_back(Value v) {
  if (kind_ != Kind::Array) *this = array();
  members_.emplace_back(std::string(), std::move(v));
}

std::string Value::dump(int indent) const {
  std::string out;
  write(out, indent, 0);
  return out;
}

void Value::write(std::string& out, int indent, int depth) const {
  switch (kind_) {
    case Kind::Null:
      out += "null";
      return;
    case Kind::Bool:
      out += number_.i != 0 ? "true" : "false";
      return;
    case Kind::Integer:
      out += std::to_string(number_.i);
      return;
    case Kind::Unsigned:
      out += std::to_string(number_.u);
      return;
    case Kind::Float:
      writeFloat(out, number_.d);
      return;
    case Kind::String:
      writeString(out, string_);
      return;
    case Kind::Array:
    case Kind::Object:
      break;
  }
  const bool object = kind_ == Kind::Object;
  if (members_.empty()) {
    out += object ? "{}" : "[]";
    return;
  }
  const bool pretty = indent >= 0;
  out += object ? '{' : '[';
  if (pretty) out += '\n';
  const std::size_t inner = pretty ? static_cast<std::size_t>(indent) * (depth + 1) : 0;
  for (std::size_t i = 0; i < members_.size(); ++i) {
    if (i > 0) out += pretty ? ",\n" : ",";
    out.append(inner, ' ');
    if (object) {
      writeString(out, members_[i].first);
      out += pretty ? ": " : ":";
    }
    members_[i].second.write(out, indent, depth + 1);
  }
  if (pretty) {
    out += '\n';
    out.append(static_cast<std::size_t>(indent) * depth, ' ');
  }
  out += object ? '}' : ']';
}

}  // namespace netready::json_out
