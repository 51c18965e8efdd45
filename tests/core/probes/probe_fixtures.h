// Shared pieces of the probe and runner tests (tests/core/*_probe_test.cpp, runner_test.cpp):
// candidate lines as a browser delivers them, and a fixture base recording what a probe reports.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "fakes/fake_ports.h"
#include "netready/callback.h"

namespace netready::fixtures {

inline constexpr const char* kRelay =
    "candidate:842163049 1 udp 41885439 198.18.0.21 50000 typ relay raddr 0.0.0.0 rport 0 "
    "generation 0";
inline constexpr const char* kSrflx =
    "candidate:1 1 udp 1686052607 203.0.113.5 61000 typ srflx raddr 10.0.0.2 rport 61000 "
    "generation 0";

// A manual clock, and every observation the probe under test reported, in order.
template <typename Observation>
class ProbeTest : public ::testing::Test {
 protected:
  // The probe's done callback: appends to `results`.
  Callback<void(const Observation&)> record() {
    return [this](const Observation& o) { results.push_back(o); };
  }

  fake::FakeClock clock;
  std::vector<Observation> results;
};

}  // namespace netready::fixtures
