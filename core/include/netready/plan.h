// What a profile will check, per requirement row, before anything runs (`netready demo` prints it).
#pragma once

#include <string>
#include <vector>

#include "netready/profile.h"
#include "netready/vocabulary.h"

namespace netready {

// The row's id and guide section are the vocabulary's (words(row)).
struct PlannedCheck {
  RowId row = RowId::Https;
  std::string target;  // host:port and transport; never credentials
  std::string how;     // what the browser will do
};

std::vector<PlannedCheck> planChecks(const Profile& profile);

}  // namespace netready
