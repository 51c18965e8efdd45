// netready-plan: validates a profile (built-in Rainbow default, or --profile FILE as a partial
// override) and prints, per requirement row, what the check will test. Exit 2 on a bad profile.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "netready/plan.h"
#include "netready/profile.h"
#include "netready/vocabulary.h"

int main(int argc, char** argv) {
  std::string file;
  bool json = false;
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
    } else if (a == "--help" || a == "-h") {
      std::cout << "usage: netready-plan [--profile FILE] [--json]\n"
                   "  Validates the profile and prints the planned checks per requirement row.\n"
                   "  --json prints the validated profile (without credentials) instead.\n"
                   "  --vocabulary prints the report's row ids, titles, statuses, verdicts and\n"
                   "  headlines as JSON.\n";
      return 0;
    } else {
      std::cerr << "netready-plan: unknown argument " << a << "\n";
      return 2;
    }
  }
  netready::Result<netready::Profile> profile = netready::rainbowDefaultProfile();
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "profile " << file << ": cannot be read\n";
      return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    profile = netready::parseProfile(ss.str());
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
  std::string lastRow;
  for (const netready::PlannedCheck& c : netready::planChecks(profile.value())) {
    if (c.row != lastRow) {
      std::printf("\n  %-10s %s\n", c.row.c_str(), c.section.c_str());
      lastRow = c.row;
    }
    std::printf("    - %-55s %s\n", c.target.c_str(), c.how.c_str());
  }
  return 0;
}
