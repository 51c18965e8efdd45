// Text as language-neutral JSON (the report's and progress events' `*_msg` keys): an array of
// parts, each a string (data, shown as is) or {"m": id, "a": [Text, ...]} (a catalog message
// with its arguments; "a" absent when none). web/messages.mjs renders it the same way as
// render() (text.h).
#pragma once

#include <string>
#include <string_view>

#include "netready/text.h"
#include "report/json_out.h"

namespace netready {

json_out::Value textToJson(const Text& text);

// Writes `key` (English, or "" without words) and `key_msg` (the Text) into `object`.
void putText(json_out::Value& object, std::string_view key, const Text& text);

}  // namespace netready
