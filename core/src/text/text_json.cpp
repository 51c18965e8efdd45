#include "text/text_json.h"

#include <string>

namespace netready {

json_out::Value textToJson(const Text& text) {
  using json = json_out::Value;
  json parts = json::array();
  for (const Text::Part& p : text.parts()) {
    if (p.id.empty()) {
      parts.push_back(p.data);
      continue;
    }
    json m = json::object();
    m["m"] = p.id;
    if (!p.args.empty()) {
      json args = json::array();
      for (const Text& a : p.args) args.push_back(textToJson(a));
      m["a"] = std::move(args);
    }
    parts.push_back(std::move(m));
  }
  return parts;
}

void putText(json_out::Value& object, std::string_view key, const Text& text) {
  object[key] = haveWords() ? english(text) : std::string();
  object[std::string(key) + "_msg"] = textToJson(text);
}

}  // namespace netready
