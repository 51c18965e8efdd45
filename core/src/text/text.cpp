// Text composition and rendering (text.h).
#include "netready/text.h"

#include <cstddef>

namespace netready {

Text::Text(const Text& other) = default;
Text::Text(Text&& other) noexcept = default;
// Copy and swap: a defaulted copy assignment instantiates vector<Part>::assign (500 B of wasm).
Text& Text::operator=(const Text& other) {
  Text copy(other);
  parts_.swap(copy.parts_);
  return *this;
}
Text& Text::operator=(Text&& other) noexcept = default;
Text::~Text() = default;

Text::Text(const std::string& data) {
  if (!data.empty()) parts_.push_back(Part{{}, data, {}});
}
Text::Text(std::string&& data) {
  if (!data.empty()) parts_.push_back(Part{{}, std::move(data), {}});
}

Text Text::msg(std::string_view id, std::vector<Text> args) {
  Text t;
  t.parts_.push_back(Part{std::string(id), {}, std::move(args)});
  return t;
}

Text Text::msg(std::string_view id, std::initializer_list<Text> args) {
  return msg(id, std::vector<Text>(args));
}

Text msg(const char* id, std::initializer_list<Text> args) { return Text::msg(id, args); }

Text Text::list(std::vector<Text> items) {
  if (items.size() == 1) return std::move(items[0]);
  if (items.empty()) return {};
  return msg("list", std::move(items));
}

Text& Text::operator+=(const Text& more) {
  for (const Part& p : more.parts_) {
    // Adjacent data parts merge, so data reads as one string in the JSON.
    if (p.id.empty() && !parts_.empty() && parts_.back().id.empty()) {
      parts_.back().data += p.data;
    } else {
      parts_.push_back(p);
    }
  }
  return *this;
}

Text mapData(const Text& text, DataMap map, const void* context) {
  Text out;
  for (const Text::Part& p : text.parts()) {
    if (p.id.empty()) {
      out += Text(map(p.data, context));
    } else {
      std::vector<Text> args;
      args.reserve(p.args.size());
      for (const Text& a : p.args) args.push_back(mapData(a, map, context));
      out += Text::msg(p.id, std::move(args));
    }
  }
  return out;
}

Text operator+(Text a, const Text& b) {
  a += b;
  return a;
}

bool Text::same(const Text& a, const Text& b) {
  if (a.parts().size() != b.parts().size()) return false;
  for (std::size_t i = 0; i < a.parts().size(); ++i) {
    const Text::Part& p = a.parts()[i];
    const Text::Part& q = b.parts()[i];
    if (p.id != q.id || p.data != q.data || p.args.size() != q.args.size()) return false;
    for (std::size_t k = 0; k < p.args.size(); ++k)
      if (!same(p.args[k], q.args[k])) return false;
  }
  return true;
}

namespace {

void renderInto(const Text& text, Locale locale, std::string& out);

// "a, b and c": the list's separators are words of the locale too.
void renderList(const std::vector<Text>& items, Locale locale, std::string& out) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += messageTemplate(i + 1 == items.size() ? "list.and" : "list.comma", locale);
    renderInto(items[i], locale, out);
  }
}

void renderMessage(const Text::Part& p, Locale locale, std::string& out) {
  if (p.id == "list") return renderList(p.args, locale, out);
  const std::string_view tpl = messageTemplate(p.id, locale);
  if (tpl.empty()) {
    out += "[" + p.id + "]";
    return;
  }
  for (std::size_t i = 0; i < tpl.size(); ++i) {
    // {N}: argument N (one digit; templates have at most ten).
    if (tpl[i] == '{' && i + 2 < tpl.size() && tpl[i + 1] >= '0' && tpl[i + 1] <= '9' &&
        tpl[i + 2] == '}') {
      const std::size_t n = static_cast<std::size_t>(tpl[i + 1] - '0');
      if (n < p.args.size()) renderInto(p.args[n], locale, out);
      i += 2;
    } else {
      out += tpl[i];
    }
  }
}

void renderInto(const Text& text, Locale locale, std::string& out) {
  for (const Text::Part& p : text.parts()) {
    if (p.id.empty()) {
      out += p.data;
    } else {
      renderMessage(p, locale, out);
    }
  }
}

}  // namespace

bool operator==(const Text& t, std::string_view s) { return english(t).compare(s) == 0; }

std::string render(const Text& text, Locale locale) {
  std::string out;
  renderInto(text, locale, out);
  return out;
}

}  // namespace netready
