// One whole check: profile JSON in, progress and the redacted report JSON out. The host (wasm
// bindings, native tests) provides the ports and forwards their events; this is the only
// composition of runner -> diagnosis -> report, so every host gets the same behaviour.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "netready/callback.h"
#include "netready/ports.h"
#include "netready/result.h"
#include "netready/runner.h"

namespace netready {

struct CheckHost {
  std::string browser;     // user agent
  std::string startedAt;   // ISO 8601 from the host's wall clock
  std::string pageOrigin;  // location.origin of the page running the check; empty: not a page
};

struct CheckCallbacks {
  Callback<void(const std::string& progressJson)> onProgress;
  Callback<void(const std::string& reportJson)> onReport;  // exactly once
};

class CheckSession {
 public:
  // Fails (without starting anything) when the profile is invalid; the message names the path.
  static Result<std::unique_ptr<CheckSession>> create(std::string_view profileJson, Ports ports,
                                                      CheckHost host, CheckCallbacks callbacks);
  ~CheckSession();

  void start();
  void cancel();
  bool done() const;

 private:
  CheckSession() = default;
  struct State;
  std::unique_ptr<State> state_;
  std::unique_ptr<Runner> runner_;
};

std::string progressToJson(const ProgressEvent& event);

}  // namespace netready
