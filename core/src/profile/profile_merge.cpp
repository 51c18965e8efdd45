// mergeProfileJson: a profile document with another applied on top, as JSON text. The lab uses it
// to lay a user's partial profile over the lab's own (which holds this lab start's TURN
// credentials), so the rule is core's, not a copy in a script.
#include <string>
#include <string_view>

#include "netready/profile.h"
#include "parse/json_parse.h"
#include "report/json_out.h"

namespace netready {

namespace {

// In order: the merged file keeps the base's field order, so a person can diff it.
using Json = json_out::Value;

// The objects parseProfile merges field by field (each parser starts from the base's value, see
// profile_json.cpp); every other top-level field, arrays included, replaces the base's whole.
constexpr std::string_view kFieldwise[] = {"xmpp", "bandwidth", "timeouts", "network", "media"};

bool isFieldwise(std::string_view key) {
  for (std::string_view k : kFieldwise) {
    if (k == key) return true;
  }
  return false;
}

// Applies `over` to `base` with parseProfile's rule. Both are objects (validated before).
Json merge(Json base, const Json& over) {
  for (const auto& [key, v] : over.members()) {
    if (isFieldwise(key) && v.isObject() && base.contains(key) && base[key].isObject()) {
      for (const auto& [name, field] : v.members()) base[key][name] = field;
    } else {
      base[key] = v;
    }
  }
  return base;
}

}  // namespace

Result<std::string> mergeProfileJson(std::string_view baseJson, std::string_view overrideJson) {
  // Each side is checked on its own first, so an error says which file is wrong; the override
  // is checked on top of the base because a merged field must fit the base's other fields.
  const Result<Profile> base = parseProfile(baseJson);
  if (!base) return Result<std::string>::fail("base profile: " + base.error());
  const Result<Profile> over = parseProfile(overrideJson, base.value());
  if (!over) return Result<std::string>::fail("override profile: " + over.error());

  // Both parsed above, so neither is discarded nor anything but an object here.
  const Json merged =
      merge(json_parse::parse(baseJson).value, json_parse::parse(overrideJson).value);
  // The strings were checked as UTF-8 by parseProfile; replacing bad UTF-8 is only a no-abort
  // guarantee.
  std::string text = merged.dump(2) + "\n";

  // The text is what the lab hands to the check: it must parse to what the rule says it is.
  const Result<Profile> again = parseProfile(text);
  if (!again) return Result<std::string>::fail("merged profile: " + again.error());
  return text;
}

}  // namespace netready
