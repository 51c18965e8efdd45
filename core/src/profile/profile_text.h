// Private helpers of profile_json.cpp: text checks and error wording. Not part of the API.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "netready/profile.h"
#include "report/json_out.h"

// Own namespace: other core files keep same-named helpers (hexByte ...) file-local.
namespace netready::profile_text {

inline constexpr const char* kRootPath = "(root)";

// `s` as a JSON string literal for messages, shortened past 80 bytes.
std::string jsonQuoted(std::string_view s);

// "null", "boolean", "integer", "number", "string", "array", "object".
std::string jsonTypeName(const json_out::Value& v);

// "0xFF".
std::string hexByte(unsigned char b);

// Any C0 control character or DEL.
bool hasControlChar(std::string_view s);

// Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF); `badOffset` gets the
// offset of the first offending byte.
bool isValidUtf8(std::string_view s, std::size_t* badOffset);

// True when arrays/objects nest deeper than `maxDepth` (strings are skipped).
bool nestingDepthExceeds(std::string_view json, int maxDepth);

// DNS name or IP literal characters only: letters, digits, '-', '.', '_'.
bool isHostName(std::string_view s);

// TURN region labels end up in ids and page text: letters, digits, '-', '_', up to 32.
bool isRegionLabel(std::string_view s);

enum class WebUrlProblem { None, Scheme, Chars, UserInfo, Host, Port };

// Checks `scheme://host[:port][/path][?query]` with `scheme` "https" or "wss".
WebUrlProblem checkWebUrl(std::string_view url, std::string_view scheme);

// One phrase for the error line, e.g. "http://x" must be an https:// URL.
std::string describeWebUrlProblem(std::string_view url, std::string_view scheme,
                                  WebUrlProblem problem);

// "unknown", "none", "configured": the JSON names of NetworkHint::Proxy.
const char* proxyModeName(NetworkHint::Proxy mode);
// The mode for a JSON name; false for any other text.
bool proxyModeFromName(std::string_view name, NetworkHint::Proxy* out);

}  // namespace netready::profile_text
