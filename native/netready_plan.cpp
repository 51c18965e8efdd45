// netready-plan: validates a profile (built-in Rainbow default, or --profile FILE as a partial
// override) and prints, per requirement row, what the check will test. Exit 2 on a bad profile.
// --merge BASE OVERRIDE --out OUT writes BASE with OVERRIDE applied (core's rule) for the lab.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "netready/plan.h"
#include "netready/profile.h"
#include "netready/vocabulary.h"

namespace {

std::optional<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The merged profile carries TURN credentials: OUT is created 0600 (and made 0600 if it existed)
// before a byte is written.
bool writePrivate(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = ::fchmod(fd, 0600) == 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0 && ok;
}

int mergeCommand(const std::string& basePath, const std::string& overPath,
                 const std::string& outPath) {
  const std::optional<std::string> base = readFile(basePath);
  if (!base) {
    std::cerr << "profile " << basePath << ": cannot be read\n";
    return 2;
  }
  const std::optional<std::string> over = readFile(overPath);
  if (!over) {
    std::cerr << "profile " << overPath << ": cannot be read\n";
    return 2;
  }
  const netready::Result<std::string> merged = netready::mergeProfileJson(*base, *over);
  if (!merged) {
    // The error starts with "base profile:" or "override profile:"; the files say which is which.
    std::cerr << "netready-plan --merge " << basePath << " " << overPath << ": " << merged.error()
              << "\n";
    return 2;
  }
  if (!writePrivate(outPath, merged.value())) {
    std::cerr << "netready-plan --merge: cannot write " << outPath << "\n";
    return 2;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string file, mergeBase, mergeOver, mergeOut;
  bool json = false, merge = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--profile" && i + 1 < argc) {
      file = argv[++i];
    } else if (a == "--json") {
      json = true;
    } else if (a == "--vocabulary") {
      // The report's words, for the lab and the typings' test (one source: core).
      std::cout << netready::vocabularyJson() << "\n";
      return 0;
    } else if (a == "--merge" && i + 2 < argc) {
      merge = true;
      mergeBase = argv[++i];
      mergeOver = argv[++i];
    } else if (a == "--out" && i + 1 < argc) {
      mergeOut = argv[++i];
    } else if (a == "--help" || a == "-h") {
      std::cout << "usage: netready-plan [--profile FILE] [--json]\n"
                   "       netready-plan --merge BASE OVERRIDE --out OUT\n"
                   "  Validates the profile and prints the planned checks per requirement row.\n"
                   "  --json prints the validated profile (without credentials) instead.\n"
                   "  --vocabulary prints the report's row ids, titles, statuses, verdicts and\n"
                   "  headlines as JSON.\n"
                   "  --merge writes BASE with OVERRIDE applied (xmpp, bandwidth, timeouts,\n"
                   "  network and media field by field, other fields replaced) to OUT, mode\n"
                   "  0600, WITH credentials; both files and the result are validated.\n"
                   "  Exit 2 on any error.\n";
      return 0;
    } else {
      std::cerr << "netready-plan: unknown argument " << a << "\n";
      return 2;
    }
  }
  if (merge || !mergeOut.empty()) {
    if (!merge || mergeOut.empty() || !file.empty() || json) {
      std::cerr << "netready-plan: --merge BASE OVERRIDE needs --out OUT and nothing else\n";
      return 2;
    }
    return mergeCommand(mergeBase, mergeOver, mergeOut);
  }
  netready::Result<netready::Profile> profile = netready::rainbowDefaultProfile();
  if (!file.empty()) {
    const std::optional<std::string> text = readFile(file);
    if (!text) {
      std::cerr << "profile " << file << ": cannot be read\n";
      return 2;
    }
    profile = netready::parseProfile(*text);
    if (!profile) {
      std::cerr << "profile " << file << ": " << profile.error() << "\n";
      return 2;
    }
  }
  if (json) {
    std::cout << netready::profileToRedactedJson(profile.value()) << "\n";
    return 0;
  }
  std::cout << "Profile \"" << profile->name << "\": planned checks\n";
  std::optional<netready::RowId> lastRow;
  for (const netready::PlannedCheck& c : netready::planChecks(profile.value())) {
    if (c.row != lastRow) {
      std::printf("\n  %-10s %s\n", netready::toString(c.row),
                  netready::english(netready::rowSection(c.row)).c_str());
      lastRow = c.row;
    }
    std::printf("    - %-55s %s\n", c.target.c_str(), c.how.c_str());
  }
  return 0;
}
