// A file of tests/data (NETREADY_TEST_DATA), whole; empty when missing (the test then fails on
// its content).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace netready::fixtures {

inline std::string readData(const std::string& name) {
  std::ifstream in(std::string(NETREADY_TEST_DATA) + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace netready::fixtures
