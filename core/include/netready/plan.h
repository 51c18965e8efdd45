// What a profile will check, per requirement row, before anything runs (`netready demo` prints it).
#pragma once

#include <string>
#include <vector>

#include "netready/profile.h"

namespace netready {

struct PlannedCheck {
  std::string row;      // requirement id
  std::string section;  // guide section (or "practice" for UDP 3478)
  std::string target;   // host:port and transport; never credentials
  std::string how;      // what the browser will do
};

std::vector<PlannedCheck> planChecks(const Profile& profile);

}  // namespace netready
