// Starts every probe of a profile in parallel, owns the deadlines, emits progress, and hands the
// observations over once every probe has ended (or the run was cancelled / hit its total deadline).
#pragma once

#include <memory>
#include <string>

#include "netready/callback.h"
#include "netready/observations.h"
#include "netready/ports.h"
#include "netready/profile.h"
#include "netready/report.h"

namespace netready {

struct ProgressEvent {
  enum class Phase { Started, Finished };
  Phase phase = Phase::Started;
  ProbeKind probe = ProbeKind::Https;
  std::string target;               // "turn-eu1.rainbow.lab:443 TURN/TLS" (never credentials)
  Status status = Status::Skipped;  // Finished only
  Text outcome;                     // Finished only: "relay candidate in 70 ms"
  int done = 0;
  int total = 0;
};

struct RunnerCallbacks {
  Callback<void(const ProgressEvent&)> onProgress;
  Callback<void(const Observations&)> onDone;  // called exactly once
  // At most once, before onDone: every connectivity probe has ended while the call still runs
  // (Observations::verdictMs set, the media observation still pending). `done`/`total` as in
  // progress events.
  Callback<void(const Observations&, int done, int total)> onVerdict;
};

class Runner {
 public:
  Runner(Profile profile, Ports ports, RunnerCallbacks callbacks);
  ~Runner();  // closes everything still open; no callback after destruction
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  void start();
  // Ends every probe now (closing sockets/peer connections); onDone gets what was observed,
  // with `cancelled = true`. No-op after done.
  void cancel();
  bool done() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace netready
