// json_out::Value (see json_out.h): the layout of nlohmann's serializer::dump, with its scalars.
#include "report/json_out.h"

#include <nlohmann/json.hpp>

namespace netready::json_out {

namespace {

using nlohmann::json;

// A string (or a member name) as nlohmann writes it: quoted, escaped, bad UTF-8 replaced.
void writeString(std::string& out, const std::string& s) {
  out += json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

// Builds a Value from nlohmann's SAX events as its DOM parser does (a repeated member name
// overwrites the first one's value in place, like ordered_json's operator[]).
class Builder : public nlohmann::json_sax<json> {
 public:
  Value root;

  bool null() override { return put(Value()); }
  bool boolean(bool b) override { return put(Value(b)); }
  bool number_integer(number_integer_t i) override { return put(Value(i)); }
  bool number_unsigned(number_unsigned_t u) override { return put(Value(u)); }
  bool number_float(number_float_t d, const string_t&) override { return put(Value(d)); }
  bool string(string_t& s) override { return put(Value(std::move(s))); }
  bool binary(binary_t&) override { return false; }  // never produced by the JSON text parser
  bool start_object(std::size_t) override {
    stack_.push_back(&slot(Value::object()));
    return true;
  }
  bool key(string_t& k) override {
    member_ = &(*stack_.back())[k];
    return true;
  }
  bool end_object() override {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    stack_.push_back(&slot(Value::array()));
    return true;
  }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  // Where the next value goes: the root, the member just named, or a new array element. Only
  // the innermost open container grows, so the pointers on the stack stay valid.
  Value& slot(Value v) {
    Value* target = &root;
    if (!stack_.empty()) {
      Value* top = stack_.back();
      if (top->isObject()) {
        target = member_;
      } else {
        top->push_back(Value());
        target = &top->members().back().second;
      }
    }
    *target = std::move(v);
    return *target;
  }
  bool put(Value v) {
    slot(std::move(v));
    return true;
  }

  std::vector<Value*> stack_;
  Value* member_ = nullptr;
};

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

Value& Value::operator[](std::string_view key) {
  if (kind_ != Kind::Object) *this = object();
  for (Member& m : members_) {
    if (m.first == key) return m.second;
  }
  members_.emplace_back(std::string(key), Value());
  return members_.back().second;
}

bool Value::contains(std::string_view key) const {
  if (kind_ != Kind::Object) return false;
  for (const Member& m : members_) {
    if (m.first == key) return true;
  }
  return false;
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
      out += int_ != 0 ? "true" : "false";
      return;
    case Kind::Integer:
      out += std::to_string(int_);
      return;
    case Kind::Unsigned:
      out += std::to_string(uint_);
      return;
    case Kind::Float:
      out += json(float_).dump();  // shortest round trip, "null" when not finite
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

Parsed parseOrdered(std::string_view text) {
  Builder builder;
  // Through the base class: the same parser instance as profile_text's error pass.
  nlohmann::json_sax<json>* sax = &builder;
  Parsed p;
  p.ok = json::sax_parse(text.begin(), text.end(), sax);
  if (p.ok) p.value = std::move(builder.root);
  return p;
}

}  // namespace netready::json_out
