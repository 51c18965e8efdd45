// FieldReader: reads typed fields out of a parsed JSON document, each error one line naming the
// JSON path ("turn[2].urls[0]: ..."), the first error kept. The profile parser's schema builds on
// it (profile_json.cpp).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "profile/profile_fields.h"
#include "profile/profile_text.h"
#include "report/json_out.h"

namespace netready::profile_json {

class FieldReader {
 public:
  const std::string& error() const { return error_; }

 protected:
  using json = json_out::Value;

  bool fail(const std::string& path, const std::string& problem) {
    if (error_.empty()) error_ = path + ": " + problem;
    return false;
  }

  // Of several unknown fields the first by name is reported, not the first in the document
  // (nlohmann kept members sorted; the message stays the same).
  // `allowed` and the keys of `fields`.
  bool knownFields(const json& obj, const std::string& path,
                   std::initializer_list<const char*> allowed, profile_fields::Fields fields = {}) {
    const std::string* unknown = nullptr;
    for (const json::Member& m : obj.members()) {
      bool known = false;
      for (const char* a : allowed) known = known || m.first == a;
      for (const profile_fields::NumberField& f : fields) known = known || m.first == f.key;
      if (!known && (unknown == nullptr || m.first < *unknown)) unknown = &m.first;
    }
    return unknown == nullptr || fail(path, "unknown field " + profile_text::jsonQuoted(*unknown));
  }

  bool expectObject(const json& v, const std::string& path) {
    return v.isObject() || fail(path, "expected an object, got " + profile_text::jsonTypeName(v));
  }

  bool expectArray(const json& v, const std::string& path, std::size_t max) {
    if (!v.isArray()) return fail(path, "expected an array, got " + profile_text::jsonTypeName(v));
    if (v.size() > max) return fail(path, "more than " + std::to_string(max) + " entries");
    return true;
  }

  bool getString(const json& v, const std::string& path, std::string* out) {
    if (!v.isString()) return fail(path, "expected a string, got " + profile_text::jsonTypeName(v));
    const std::string& s = v.string();
    if (profile_text::hasControlChar(s))
      return fail(path, profile_text::jsonQuoted(s) + " contains a control character");
    *out = s;
    return true;
  }

  bool getInt(const json& v, const std::string& path, int lo, int hi, int* out) {
    const std::string range =
        "must be an integer between " + std::to_string(lo) + " and " + std::to_string(hi);
    if (v.kind() == json::Kind::Unsigned) {
      const std::uint64_t u = v.unsignedInteger();
      if (u < static_cast<std::uint64_t>(lo) || u > static_cast<std::uint64_t>(hi)) {
        return fail(path, range);
      }
      *out = static_cast<int>(u);
      return true;
    }
    if (v.kind() == json::Kind::Integer) {
      const std::int64_t i = v.integer();
      if (i < lo || i > hi) return fail(path, range);
      *out = static_cast<int>(i);
      return true;
    }
    return fail(path, "expected an integer, got " + profile_text::jsonTypeName(v));
  }

  // Both parts of an https/wss URL field: string, then shape.
  bool getWebUrl(const json& v, const std::string& path, std::string_view scheme,
                 std::string* out) {
    std::string url;
    if (!getString(v, path, &url)) return false;
    const profile_text::WebUrlProblem problem = profile_text::checkWebUrl(url, scheme);
    if (problem == profile_text::WebUrlProblem::None) {
      *out = url;
      return true;
    }
    return fail(path, profile_text::describeWebUrlProblem(url, scheme, problem));
  }

  bool getNumber(const json& v, const std::string& path, double lo, double hi, double* out) {
    if (!v.isNumber()) return fail(path, "expected a number, got " + profile_text::jsonTypeName(v));
    const double d = v.number();
    if (!(d >= lo && d <= hi)) {
      return fail(path, "must be a number between " + jsonNumber(lo) + " and " + jsonNumber(hi));
    }
    *out = d;
    return true;
  }

  // Each of `fields` the object `v` (at `path`) has, into its member of `group`, in table order.
  bool readFields(const json& v, const std::string& path, profile_fields::Fields fields,
                  void* group) {
    for (const profile_fields::NumberField& f : fields) {
      if (!v.contains(f.key)) continue;
      const std::string p = path + "." + f.key;
      void* m = f.member(group);
      if (f.integer ? !getInt(v[f.key], p, static_cast<int>(f.lo), static_cast<int>(f.hi),
                              static_cast<int*>(m))
                    : !getNumber(v[f.key], p, f.lo, f.hi, static_cast<double*>(m)))
        return false;
    }
    return true;
  }

  static std::string jsonNumber(double d) { return json(d).dump(); }  // "1.0", "4.5"

 private:
  std::string error_;
};

}  // namespace netready::profile_json
