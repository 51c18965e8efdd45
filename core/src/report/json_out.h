// json_out::Value: JSON kept in insertion order and written exactly as nlohmann's ordered_json
// writes it with dump(indent, ' ', false, error_handler_t::replace), for the report, the
// vocabulary and profiles. Why not ordered_json itself: it is a second instantiation of all of
// nlohmann next to nlohmann::json (which the parsers need), ~12 KB of the wasm module. Here
// nlohmann::json writes the strings (escaping, invalid UTF-8 replaced) and the floats (shortest
// round trip); this class only lays out objects and arrays.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace netready::json_out {

class Value {
 public:
  enum class Kind : std::uint8_t { Null, Bool, Integer, Unsigned, Float, String, Array, Object };
  // An object's member; an array's elements have empty names.
  using Member = std::pair<std::string, Value>;

  Value() = default;  // null
  Value(std::nullptr_t) {}
  Value(bool b) : kind_(Kind::Bool), int_(b ? 1 : 0) {}
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Value(T i) : kind_(std::is_signed_v<T> ? Kind::Integer : Kind::Unsigned) {
    if constexpr (std::is_signed_v<T>) {
      int_ = i;
    } else {
      uint_ = i;
    }
  }
  Value(double d) : kind_(Kind::Float), float_(d) {}
  Value(const char* s) : kind_(Kind::String), string_(s) {}
  Value(std::string_view s) : kind_(Kind::String), string_(s) {}
  Value(std::string s) : kind_(Kind::String), string_(std::move(s)) {}
  Value(const std::vector<std::string>& strings);  // an array of strings

  static Value array() { return Value(Kind::Array); }
  static Value object() { return Value(Kind::Object); }
  // {{"key", value}, ...} in that order.
  static Value object(std::initializer_list<Member> members);

  Kind kind() const { return kind_; }
  bool isObject() const { return kind_ == Kind::Object; }

  // Object member `key`, appended (null) when absent; a null value becomes an object first, as
  // in nlohmann.
  Value& operator[](std::string_view key);
  bool contains(std::string_view key) const;
  // Array element appended; a null value becomes an array first, as in nlohmann.
  void push_back(Value v);

  // Members of an object or elements of an array (names empty), in order.
  std::vector<Member>& members() { return members_; }
  const std::vector<Member>& members() const { return members_; }
  std::string& string() { return string_; }

  // nlohmann's dump(indent, ' ', false, replace): indent < 0 writes one line.
  std::string dump(int indent = -1) const;

 private:
  explicit Value(Kind k) : kind_(k) {}
  void write(std::string& out, int indent, int depth) const;

  Kind kind_ = Kind::Null;
  std::int64_t int_ = 0;
  std::uint64_t uint_ = 0;
  double float_ = 0;
  std::string string_;
  std::vector<Member> members_;
};

// `text` parsed keeping the order of every object's members (nlohmann's parser, one instance
// with the rest of core). ok is false on a syntax error (then the value is null).
struct Parsed {
  bool ok = false;
  Value value;
};
Parsed parseOrdered(std::string_view text);

}  // namespace netready::json_out
