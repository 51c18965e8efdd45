// What the three probe harnesses (fuzz_xmpp_probe, fuzz_ice_probe, fuzz_https_probe) share: a
// probe over the fake ports, its done callback (which may cancel or destroy the probe from inside,
// as the runner's host does), the script commands that are not port events, and the lifecycle
// invariants every probe promises (probe.h): completes exactly once, closes its port op, leaves
// no timer, and nothing reaches it once destroyed.
//
// Commands: wait MS (clock), cancel, destroy, ondone none|cancel|destroy (what the next done
// callback does), return (ends the events delivered inside the port's open call, flag S).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "fakes/fake_ports.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_script.h"
#include "netready/callback.h"

namespace netready::fuzz {

template <typename ProbeT, typename Obs>
class ProbeDriver {
 public:
  enum class OnDone { None, Cancel, Destroy };

  // The probe's done callback.
  Callback<void(const Obs&)> done() {
    return [this](const Obs& o) {
      ++calls;
      require(calls == 1, "a probe completes exactly once");
      obs = o;
      if (onDone == OnDone::Cancel && probe) probe->cancel("cancelled");  // a no-op by now
      if (onDone == OnDone::Destroy) probe.reset();                       // the host may
    };
  }

  bool alive() const { return probe != nullptr; }
  bool ended() const { return calls > 0 || !probe; }

  // The commands every harness understands; false when `c` is not one of them. `inside`: run
  // from inside the port's open call, where only time and port events are allowed (destroying
  // the probe there would free it under its own start()).
  bool common(Command& c, bool inside) {
    if (c.word == "wait") {
      const std::int64_t ms = c.args.number(0, 200000, 100);
      waited += ms;
      clock.advance(ms);
    } else if (c.word == "cancel") {
      if (inside || !probe) return true;
      if (calls == 0) cancelled = true;
      probe->cancel("cancelled");
    } else if (c.word == "destroy") {
      if (!inside) probe.reset();
    } else if (c.word == "ondone") {
      const std::string what = c.args.word();
      onDone = what == "destroy"  ? OnDone::Destroy
               : what == "cancel" ? OnDone::Cancel
                                  : OnDone::None;
    } else {
      return false;
    }
    return true;
  }

  // Once ended (completed or destroyed): the op was released and no timer is left.
  void checkEnded(bool opReleased) const {
    if (!ended()) return;
    require(opReleased, "an ended probe released its port op");
    require(clock.pendingTimers() == 0, "an ended probe leaves no timer");
  }

  // After the script: a live probe that has not completed must complete by its deadline.
  void finish(int timeoutMs) {
    if (probe && calls == 0) {
      clock.advance(timeoutMs + 1);
      waited += timeoutMs + 1;
      require(calls == 1, "a live probe completes by its deadline");
    }
  }

  // A Timeout outcome is only ever the deadline's or a cancel's.
  bool timeoutExplained(int timeoutMs) const { return cancelled || waited >= timeoutMs; }

  fake::FakeClock clock;
  std::unique_ptr<ProbeT> probe;
  std::optional<Obs> obs;
  int calls = 0;
  OnDone onDone = OnDone::None;
  bool cancelled = false;   // cancel() reached a probe still running
  std::int64_t waited = 0;  // clock time advanced by the script
};

// The config line's flags: L = the adapter delivers after close (a buggy or racing adapter, which
// probes must tolerate), S = events delivered inside the open call (a port breaking its
// no-re-entrancy promise, which probes queue).
struct Flags {
  bool late = false;
  bool sync = false;
  explicit Flags(const std::string& word)
      : late(word.find('L') != std::string::npos), sync(word.find('S') != std::string::npos) {}
};

}  // namespace netready::fuzz
