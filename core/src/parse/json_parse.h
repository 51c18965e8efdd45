// json_parse::parse: JSON text (RFC 8259) to a json_out::Value, member order kept. Strict, with
// the rules nlohmann's parser had here (profiles, getStats replies): no comments, trailing commas,
// NaN or single quotes; strings valid UTF-8 with \u escapes paired into code points; a UTF-8 byte
// order mark skipped; integers >= 0 Unsigned, negative ones Integer, others (and integers out of
// 64-bit range) Float; a repeated member name keeps its first place and its last value. Unlike
// nlohmann it refuses a NUL byte where a token starts (nlohmann took it for the end of the text)
// and nesting deeper than a limit. Errors are values, never exceptions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "report/json_out.h"

namespace netready::json_parse {

// Deep enough for any document core reads (getStats: 2, profiles: 4); the limit keeps the
// recursive parser's stack small on hostile input.
inline constexpr int kMaxDepth = 64;

struct Parsed {
  bool ok = false;
  json_out::Value value;  // null unless ok
  // "parse error at line 1, column 9 (offset 8): expected ':' after a member name, got '}'".
  // Names what was expected and the kind of token found, never text of the document (which may
  // hold a credential).
  std::string error;
};

Parsed parse(std::string_view text, int maxDepth = kMaxDepth);

}  // namespace netready::json_parse
