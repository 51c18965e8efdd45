// Shared lifecycle of every probe: one deadline timer, exactly-once completion, and tolerance of
// port events that arrive early (inside start(), before the op id is known) or late (after the
// probe ended). Internal to core/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "netready/callback.h"
#include "netready/ports.h"
#include "netready/text.h"

namespace netready {

// What the runner needs from any probe.
class Probe {
 public:
  virtual ~Probe() = default;
  // Completion may happen inside start() (bad input, or a port breaking its no-re-entrancy
  // promise); callers must tolerate it.
  virtual void start() = 0;
  // Ends the probe now with outcome Timeout and `detail`; completes exactly once. No-op when
  // already finished.
  virtual void cancel(const Text& detail) = 0;
  virtual bool finished() const = 0;
};

template <typename Obs>
class ProbeBase : public Probe {
 public:
  using DoneFn = Callback<void(const Obs&)>;

  bool finished() const override { return finished_; }
  const Obs& observation() const { return obs_; }

 protected:
  ProbeBase(ClockPort& clock, DoneFn done) : clock_(clock), done_(std::move(done)) {}
  ~ProbeBase() override { cancelDeadline(); }

  // First thing in subclass destructors, before releasing the port op: an adapter calling back
  // from inside close() must not reach a half-destroyed probe or its owner.
  void abandon() {
    finished_ = true;
    done_ = nullptr;
  }

  // Opens the window in which port events are queued instead of handled: the op id is not
  // known until the port call returns.
  void beginStart(int timeoutMs) {
    starting_ = true;
    started_ = true;
    startMs_ = clock_.nowMs();
    timeoutMs_ = timeoutMs;
    deadline_ = clock_.setTimer(timeoutMs, [this] {
      deadline_ = 0;
      handle([this] { onDeadline(); });
    });
  }

  // The same window for a later port call (a retry's), when none is open: returns whether it
  // opened one, which endStart() then closes. Inside start()'s window its endStart() replays.
  bool beginPortCall() {
    if (starting_) return false;
    starting_ = true;
    return true;
  }

  // Called once the port call returned (op id stored): replays queued events, then delivers a
  // completion that happened meanwhile. Must be the last thing start() does.
  void endStart() {
    // By index: a replayed event may queue another (still starting), which runs after it.
    for (std::size_t i = 0; i < early_.size() && !finished_; ++i) {
      Callback<void()> f = std::move(early_[i]);
      f();
    }
    early_.clear();
    starting_ = false;
    if (finished_) {
      release();  // now with the op id known
      notify();
    }
  }

  // Entry point of every port and timer event.
  void handle(Callback<void()> f) {
    if (finished_) return;  // late: after completion, timeout or cancel
    if (starting_) {
      early_.push_back(std::move(f));
      return;
    }
    f();
  }

  std::int64_t elapsed() const { return started_ ? clock_.nowMs() - startMs_ : 0; }
  bool started() const { return started_; }
  int timeoutMs() const { return timeoutMs_; }

  // Completes: closes what was opened, then calls back. Callers return right after: the
  // callback may destroy this probe.
  void finish() {
    if (finished_) return;
    finished_ = true;
    cancelDeadline();
    release();
    if (!starting_) notify();
  }

  virtual void release() = 0;  // closes/aborts the port op; idempotent, no-op without an op
  virtual void onDeadline() = 0;

  Obs obs_;
  ClockPort& clock_;

 private:
  void cancelDeadline() {
    if (deadline_ != 0) clock_.cancelTimer(deadline_);
    deadline_ = 0;
  }
  void notify() {
    DoneFn fn = std::move(done_);
    done_ = nullptr;
    const Obs copy = obs_;  // stays valid if the callback destroys us
    if (fn) fn(copy);
  }

  DoneFn done_;
  OpId deadline_ = 0;
  bool starting_ = false;
  bool started_ = false;
  bool finished_ = false;
  std::int64_t startMs_ = 0;
  int timeoutMs_ = 0;
  std::vector<Callback<void()>> early_;
};

}  // namespace netready
