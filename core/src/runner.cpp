#include "netready/runner.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "https_probe.h"
#include "ice_probe.h"
#include "probe_text.h"
#include "progress_text.h"
#include "xmpp_probe.h"

namespace netready {

struct Runner::Impl {
  enum class State { Idle, Running, Stopping, Done };

  struct Slot {
    std::unique_ptr<Probe> probe;
    std::string kind;    // ProgressEvent::probe
    std::string target;  // ProgressEvent::target, redacted
    bool finished = false;
    bool cancelled = false;  // ended by cancel(): reported as skipped
  };

  Profile profile;
  Ports ports;
  RunnerCallbacks callbacks;
  std::vector<std::string> secrets;
  std::vector<Slot> slots;
  Observations obs;
  State state = State::Idle;
  int done = 0;
  std::int64_t startMs = 0;
  OpId totalTimer = 0;
  // Cleared by the destructor: lets code that called out to the host notice it was destroyed
  // from inside the callback and touch nothing more.
  std::shared_ptr<bool> alive = std::make_shared<bool>(true);

  Impl(Profile p, Ports po, RunnerCallbacks cb)
      : profile(std::move(p)), ports(po), callbacks(std::move(cb)) {
    secrets = profileSecrets(profile);
    buildProbes();
  }

  ~Impl() {
    *alive = false;
    if (totalTimer != 0) ports.clock->cancelTimer(totalTimer);
    slots.clear();  // probe destructors close their sockets/peer connections, no callbacks
  }

  void addSlot(std::unique_ptr<Probe> probe, std::string kind, const std::string& target) {
    slots.push_back({std::move(probe), std::move(kind), redactSecrets(target, secrets)});
  }

  void buildProbes() {
    ClockPort& clock = *ports.clock;
    const Timeouts& t = profile.timeouts;
    obs.https.resize(profile.https.size());
    for (std::size_t i = 0; i < profile.https.size(); ++i) {
      std::size_t slot = slots.size();
      auto probe = std::make_unique<HttpsProbe>(profile.https[i], t.httpsMs, clock, *ports.http,
                                                [this, i, slot](const auto& o) {
                                                  obs.https[i] = o;
                                                  slotFinished(slot, summarize(o));
                                                });
      obs.https[i] = probe->observation();
      addSlot(std::move(probe), "https", profile.https[i].url);
    }
    if (!profile.xmpp.url.empty()) {
      std::size_t slot = slots.size();
      auto probe = std::make_unique<XmppProbe>(profile.xmpp, t.xmppMs, clock, *ports.ws,
                                               [this, slot](const auto& o) {
                                                 obs.xmpp = o;
                                                 slotFinished(slot, summarize(o));
                                               });
      obs.xmpp = probe->observation();
      addSlot(std::move(probe), "xmpp-wss", profile.xmpp.url);
    }
    for (const TurnServer& server : profile.turn) {
      for (const std::string& url : server.urls) {
        std::size_t i = obs.ice.size();
        std::size_t slot = slots.size();
        auto probe = std::make_unique<IceProbe>(relayProbeConfig(server, url, t.iceMs), clock,
                                                *ports.pc, [this, i, slot](const auto& o) {
                                                  obs.ice[i] = o;
                                                  slotFinished(slot, summarizeRelay(o));
                                                });
        obs.ice.push_back(probe->observation());
        addSlot(std::move(probe), "ice", iceTarget(url));
      }
    }
    if (std::optional<IceProbeConfig> direct = directProbeConfig(profile)) {
      std::size_t slot = slots.size();
      std::string target = iceTarget(direct->url);
      auto probe = std::make_unique<IceProbe>(std::move(*direct), clock, *ports.pc,
                                              [this, slot](const auto& o) {
                                                obs.direct = o;
                                                slotFinished(slot, summarizeDirect(o));
                                              });
      obs.direct = probe->observation();
      addSlot(std::move(probe), "ice", target);
    }
  }

  int total() const { return static_cast<int>(slots.size()); }

  // Returns false when the host destroyed the runner from inside its callback.
  bool emit(ProgressEvent event) {
    if (!callbacks.onProgress) return true;
    std::shared_ptr<bool> stillAlive = alive;
    std::function<void(const ProgressEvent&)> fn = callbacks.onProgress;
    fn(event);
    return *stillAlive;
  }

  void start() {
    if (state != State::Idle) return;
    state = State::Running;
    startMs = ports.clock->nowMs();
    std::shared_ptr<bool> stillAlive = alive;
    for (const Slot& s : slots) {
      if (!emit({ProgressEvent::Phase::Started, s.kind, s.target, Status::Skipped, "", done,
                 total()})) {
        return;
      }
      if (state != State::Running) return;  // cancelled from onProgress
    }
    // All at once: each probe only issues its port call; results arrive later.
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (!slots[i].finished) slots[i].probe->start();
      if (!*stillAlive || state != State::Running) return;
    }
    if (done == total()) {
      finishRun(false);  // no probes at all
      return;
    }
    // Armed after the probes' own deadlines, so at equal times theirs fire first.
    totalTimer = ports.clock->setTimer(profile.timeouts.totalMs, [this] {
      totalTimer = 0;
      if (state == State::Running) {
        stopAll(false, "timed out: total deadline of " + std::to_string(profile.timeouts.totalMs) +
                           " ms reached");
      }
    });
  }

  void slotFinished(std::size_t index, ProgressSummary summary) {
    if (state != State::Running && state != State::Stopping) return;
    Slot& s = slots[index];
    if (s.finished) return;
    s.finished = true;
    ++done;
    if (s.cancelled) summary = {Status::Skipped, "cancelled"};
    if (!emit({ProgressEvent::Phase::Finished, s.kind, s.target, summary.status,
               redactSecrets(summary.outcome, secrets), done, total()})) {
      return;
    }
    if (state == State::Running && done == total()) finishRun(false);
  }

  void stopAll(bool userCancel, const std::string& detail) {
    state = State::Stopping;
    std::shared_ptr<bool> stillAlive = alive;
    for (Slot& s : slots) {
      if (s.finished) continue;
      s.cancelled = userCancel;
      s.probe->cancel(detail);  // completes synchronously through slotFinished
      if (!*stillAlive) return;
    }
    finishRun(userCancel);
  }

  void finishRun(bool cancelled) {
    if (state == State::Done) return;
    if (state == State::Idle) startMs = ports.clock->nowMs();
    state = State::Done;
    if (totalTimer != 0) ports.clock->cancelTimer(totalTimer);
    totalTimer = 0;
    obs.cancelled = cancelled;
    obs.elapsedMs = ports.clock->nowMs() - startMs;
    std::function<void(const Observations&)> fn = std::move(callbacks.onDone);
    callbacks.onDone = nullptr;
    const Observations result = obs;  // stays valid if the host destroys us in the callback
    if (fn) fn(result);
  }
};

Runner::Runner(Profile profile, Ports ports, RunnerCallbacks callbacks)
    : impl_(std::make_unique<Impl>(std::move(profile), ports, std::move(callbacks))) {}

Runner::~Runner() = default;

void Runner::start() { impl_->start(); }

void Runner::cancel() {
  if (impl_->state == Impl::State::Done || impl_->state == Impl::State::Stopping) return;
  if (impl_->state == Impl::State::Idle) impl_->startMs = impl_->ports.clock->nowMs();
  impl_->stopAll(true, "cancelled");
}

bool Runner::done() const { return impl_->state == Impl::State::Done; }

}  // namespace netready
