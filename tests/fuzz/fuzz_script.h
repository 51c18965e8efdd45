// Fuzz inputs read as scripts of port events, one command per line ("word arguments"), so the
// committed seeds are readable (a real server's frames, a browser's candidate lines) and a
// mutation of one line changes one event. Any bytes are a valid script: unknown words are
// skipped, missing numbers take a default, out-of-range numbers are clamped.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netready::fuzz {

// Enough for any interleaving worth finding; bounds the run (each event may scan a frame).
inline constexpr std::size_t kMaxScriptLines = 400;

// The arguments of one command, consumed left to right.
class Args {
 public:
  explicit Args(std::string_view rest = {}) : s_(rest) {}

  // A decimal number (optional '-'), clamped to [lo, hi]; `fallback` when there is none.
  std::int64_t number(std::int64_t lo, std::int64_t hi, std::int64_t fallback) {
    skipSpace();
    std::size_t i = 0;
    const bool neg = i < s_.size() && s_[i] == '-';
    if (neg) ++i;
    const std::size_t first = i;
    std::int64_t v = 0;
    for (; i < s_.size() && s_[i] >= '0' && s_[i] <= '9'; ++i) {
      if (v < 1'000'000'000'000) v = v * 10 + (s_[i] - '0');  // saturates, then clamps
    }
    if (i == first) return fallback;
    s_.remove_prefix(i);
    if (neg) v = -v;
    return v < lo ? lo : v > hi ? hi : v;
  }
  int integer(int lo, int hi, int fallback) { return static_cast<int>(number(lo, hi, fallback)); }
  // Up to the next space (spaces inside a word can be written \x20).
  std::string word(const std::vector<std::string>& secrets = {}) {
    skipSpace();
    const std::size_t end = s_.find(' ');
    std::string w = unescape(s_.substr(0, end), secrets);
    s_.remove_prefix(end == std::string_view::npos ? s_.size() : end);
    return w;
  }
  // Everything left, unescaped (after one separating space, so leading spaces can be data).
  std::string text(const std::vector<std::string>& secrets = {}) {
    if (!s_.empty() && s_[0] == ' ') s_.remove_prefix(1);
    std::string t = unescape(s_, secrets);
    s_ = {};
    return t;
  }
  // Escapes let one line carry any bytes: \n \r \t \0 \\ \xHH; \sK inserts secret K (mod the
  // count) so leaks are one mutation away; \*N repeats the previous byte N more times (up to
  // 100000: frames and bodies far over the probes' caps). A text stops at kMaxText bytes, so a
  // few KB of input cannot ask for megabytes (a slow run is not a finding).
  static constexpr std::size_t kMaxText = 256 * 1024;
  static std::string unescape(std::string_view in, const std::vector<std::string>& secrets) {
    std::string out;
    for (std::size_t i = 0; i < in.size() && out.size() < kMaxText; ++i) {
      if (in[i] != '\\' || i + 1 == in.size()) {
        out += in[i];
        continue;
      }
      const char e = in[++i];
      if (e == 'n') {
        out += '\n';
      } else if (e == 'r') {
        out += '\r';
      } else if (e == 't') {
        out += '\t';
      } else if (e == '0') {
        out += '\0';
      } else if (e == 'x' && i + 2 < in.size() && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
        out += static_cast<char>(hex(in[i + 1]) * 16 + hex(in[i + 2]));
        i += 2;
      } else if (e == 's' && i + 1 < in.size() && in[i + 1] >= '0' && in[i + 1] <= '9') {
        if (!secrets.empty())
          out += secrets[static_cast<std::size_t>(in[i + 1] - '0') % secrets.size()];
        ++i;
      } else if (e == '*') {
        std::size_t n = 0;
        while (i + 1 < in.size() && in[i + 1] >= '0' && in[i + 1] <= '9') {
          n = n * 10 + static_cast<std::size_t>(in[++i] - '0');
          if (n > 100000) n = 100000;
        }
        if (!out.empty())
          out.append(std::min(n, kMaxText - std::min(kMaxText, out.size())), out.back());
      } else {
        out += e;  // "\\" and anything else: the byte itself
      }
    }
    return out;
  }

 private:
  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  void skipSpace() {
    while (!s_.empty() && s_[0] == ' ') s_.remove_prefix(1);
  }
  std::string_view s_;
};

struct Command {
  std::string_view word;  // the command name
  Args args;
};

// The lines of a script, at most kMaxScriptLines of them.
class Script {
 public:
  explicit Script(std::string_view text) : rest_(text) {}

  bool next(Command* c) {
    if (rest_.empty() || lines_ >= kMaxScriptLines) return false;
    ++lines_;
    const std::size_t nl = rest_.find('\n');
    std::string_view line = rest_.substr(0, nl);
    rest_.remove_prefix(nl == std::string_view::npos ? rest_.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t sp = line.find(' ');
    *c = Command{line.substr(0, sp),
                 Args(sp == std::string_view::npos ? std::string_view() : line.substr(sp))};
    return true;
  }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
  std::size_t lines_ = 0;
};

// Splits "profile JSON, a line '---', the script": a JSON text never holds a raw newline inside
// a string, so the first such line cannot be part of the profile. No separator: no script.
struct ProfileAndScript {
  std::string_view profile;
  std::string_view script;
};
inline ProfileAndScript splitProfile(std::string_view in) {
  const std::string_view sep = "\n---\n";
  const std::size_t at = in.find(sep);
  if (at == std::string_view::npos) return {in, {}};
  return {in.substr(0, at), in.substr(at + sep.size())};
}

}  // namespace netready::fuzz
