// Text of the report in the reader's language: a sequence of parts, each either a message of the
// catalog (an id with arguments, rendered in the chosen locale by the page or by native code) or
// data (a host name, a number, a browser's or server's words) shown as is. Core composes texts
// from message ids only; the words of every language live in the catalog (core/messages/*.json),
// so the report JSON stays language-neutral (`*_msg` keys) and the wasm module carries no prose.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netready {

enum class Locale { En, Fr };

class Text {
 public:
  struct Part {
    std::string id;          // catalog id; empty: `data` is shown as is
    std::string data;        // data part only
    std::vector<Text> args;  // the message's {0}, {1}, ...
  };

  Text() = default;
  // Out of line: a report composes texts at some 250 places, and inlined copies and
  // destructors of the nested vectors cost the module kilobytes (issue "Fast and small").
  Text(const Text& other);
  Text(Text&& other) noexcept;
  Text& operator=(const Text& other);
  Text& operator=(Text&& other) noexcept;
  ~Text();
  // Data: shown as is in every language.
  Text(const std::string& data);  // two overloads: no string copy at call sites
  Text(std::string&& data);
  Text(const char* data) : Text(std::string(data)) {}
  Text(std::string_view data) : Text(std::string(data)) {}

  // Message `id` of the catalog with its arguments.
  static Text msg(std::string_view id, std::vector<Text> args);
  static Text msg(std::string_view id, std::initializer_list<Text> args = {});
  // "a, b and c" in the reader's language (catalog ids list.comma, list.and).
  static Text list(std::vector<Text> items);

  Text& operator+=(const Text& more);
  bool empty() const { return parts_.empty(); }

  // Same parts (ids, data and arguments). Hidden friends, so only a Text compares as Text.
  friend bool operator==(const Text& a, const Text& b) { return same(a, b); }
  // Tests' convenience: the English rendering equals `s`.
  friend bool operator==(const Text& t, std::string_view s);
  friend bool operator==(const Text& t, const char* s) { return t == std::string_view(s); }
  friend bool operator==(const Text& t, const std::string& s) { return t == std::string_view(s); }
  const std::vector<Part>& parts() const { return parts_; }
  std::vector<Part>& parts() { return parts_; }

 private:
  static bool same(const Text& a, const Text& b);
  std::vector<Part> parts_;
};

Text operator+(Text a, const Text& b);

// `text` with `map(data, context)` applied to every data part, arguments included (redaction,
// excerpts): the catalog's words are ours and never need it. One copy of the walk out of line;
// the template below only adapts a callable to it.
using DataMap = std::string (*)(const std::string& data, const void* context);
Text mapData(const Text& text, DataMap map, const void* context);

template <typename F>
Text mapData(const Text& text, const F& f) {
  return mapData(
      text,
      [](const std::string& d, const void* c) -> std::string {
        return (*static_cast<const F*>(c))(d);
      },
      &f);
}

inline Text msg(std::string_view id, std::vector<Text> args) {
  return Text::msg(id, std::move(args));
}
inline Text msg(std::string_view id, std::initializer_list<Text> args = {}) {
  return Text::msg(id, args);
}
// A literal id: its length is taken once, in text.cpp, not at each of ~250 call sites (-2 KB
// gzip of the module).
Text msg(const char* id, std::initializer_list<Text> args = {});

// The catalog's template for `id` ("relay candidate in {0}"), empty when unknown. Defined by the
// generated table for native builds; the wasm module links a table without words, and the page
// renders the `*_msg` keys itself.
std::string_view messageTemplate(std::string_view id, Locale locale);
// True when this build carries the catalog's words (native builds; not the wasm module), defined
// beside messageTemplate().
bool haveWords();

// Renders `text` in `locale`: each message's template with its arguments; an unknown id renders
// as the id in brackets (tests catch it).
std::string render(const Text& text, Locale locale);
inline std::string english(const Text& text) { return render(text, Locale::En); }

}  // namespace netready
