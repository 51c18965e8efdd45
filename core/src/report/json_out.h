// json_out::Value: JSON kept in insertion order, for the report, the vocabulary and profiles,
// written exactly as nlohmann's ordered_json writes it with dump(indent, ' ', false,
// error_handler_t::replace) (the format of every golden file and of what hosts already parse).
// Parsed by json_parse.h. Our own: nlohmann/json cost the wasm module 11 KB of its 126 KB gzip.
// Neither part throws (core builds with -fno-exceptions).
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
  // Integer: signed; Unsigned: what the parser makes of every integer >= 0 (as nlohmann).
  enum class Kind : std::uint8_t { Null, Bool, Integer, Unsigned, Float, String, Array, Object };
  // An object's member; an array's elements have empty names.
  using Member = std::pair<std::string, Value>;

  Value() = default;  // null
  Value(std::nullptr_t) {}
  Value(bool b) : kind_(Kind::Bool) { number_.i = b ? 1 : 0; }
  template <typename T,
            std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Value(T i) : kind_(std::is_signed_v<T> ? Kind::Integer : Kind::Unsigned) {
    if constexpr (std::is_signed_v<T>) {
      number_.i = i;
    } else {
      number_.u = i;
    }
  }
  Value(double d) : kind_(Kind::Float) { number_.d = d; }
  Value(const char* s) : kind_(Kind::String), string_(s) {}
  Value(std::string_view s) : kind_(Kind::String), string_(s) {}
  Value(std::string s) : kind_(Kind::String), string_(std::move(s)) {}
  Value(const std::vector<std::string>& strings);  // an array of strings

  static Value array() { return Value(Kind::Array); }
  static Value object() { return Value(Kind::Object); }
  // {{"key", value}, ...} in that order.
  static Value object(std::initializer_list<Member> members);

  Kind kind() const { return kind_; }
  bool isNull() const { return kind_ == Kind::Null; }
  bool isBool() const { return kind_ == Kind::Bool; }
  bool isInteger() const { return kind_ == Kind::Integer || kind_ == Kind::Unsigned; }
  bool isNumber() const { return isInteger() || kind_ == Kind::Float; }
  bool isString() const { return kind_ == Kind::String; }
  bool isArray() const { return kind_ == Kind::Array; }
  bool isObject() const { return kind_ == Kind::Object; }
  // nlohmann's type_name(): "null", "boolean", "number", "string", "array", "object".
  const char* typeName() const;

  // The scalar, or false / 0 / "" for another kind.
  bool boolean() const { return kind_ == Kind::Bool && number_.i != 0; }
  std::int64_t integer() const { return kind_ == Kind::Integer ? number_.i : 0; }
  std::uint64_t unsignedInteger() const { return kind_ == Kind::Unsigned ? number_.u : 0; }
  double number() const;  // any number kind, converted
  std::string& string() { return string_; }
  const std::string& string() const { return string_; }

  // Object member `key`, appended (null) when absent; a null value becomes an object first, as
  // in nlohmann.
  Value& operator[](std::string_view key);
  // Object member `key`, or a null value when absent (reading never adds a member).
  const Value& operator[](std::string_view key) const;
  // Object member `key`, or nullptr when absent or not an object.
  const Value* find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // The same with a literal key, out of line: its length is taken once in json_out.cpp, not at
  // each of some 150 call sites (issue "Fast and small").
  Value& operator[](const char* key);
  const Value& operator[](const char* key) const;
  bool contains(const char* key) const;
  // Array element appended; a null value becomes an array first, as in nlohmann.
  void push_back(Value v);

  // Members of an object or elements of an array (names empty), in order.
  std::vector<Member>& members() { return members_; }
  const std::vector<Member>& members() const { return members_; }
  std::size_t size() const { return members_.size(); }
  // Element (or member value) i < size().
  const Value& at(std::size_t i) const { return members_[i].second; }

  // nlohmann's dump(indent, ' ', false, replace): indent < 0 writes one line.
  std::string dump(int indent = -1) const;

 private:
  explicit Value(Kind k) : kind_(k) {}
  void write(std::string& out, int indent, int depth) const;

  Kind kind_ = Kind::Null;
  union {
    std::int64_t i;  // Integer, Bool
    std::uint64_t u;
    double d;
  } number_ = {0};
  std::string string_;
  std::vector<Member> members_;
};

}  // namespace netready::json_out
