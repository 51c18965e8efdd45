#include "netready/runner.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "netready/callback.h"
#include "netready/ice_url.h"
#include "netready/redact.h"
#include "netready/shared.h"
#include "probes/https_probe.h"
#include "probes/ice_probe.h"
#include "probes/media_probe.h"
#include "probes/probe_text.h"
#include "probes/xmpp_probe.h"
#include "run/progress_text.h"
#include "run/silence_rule.h"

namespace netready {

struct Runner::Impl {
  enum class State { Idle, Running, Stopping, Done };

  struct Slot {
    std::unique_ptr<Probe> probe;
    ProbeKind kind;      // ProgressEvent::probe
    std::string target;  // ProgressEvent::target, redacted
    bool finished = false;
    bool cancelled = false;  // ended by cancel(): reported as skipped
    bool started = false;
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
  // The relay loopback call, placed once every other probe has ended (see mediaCheck()).
  MediaProbe* media = nullptr;
  std::size_t mediaSlot = 0;
  std::vector<const TurnServer*> iceServer;  // per obs.ice index: whose credentials
  std::size_t iceSlot0 = 0;                  // slots[iceSlot0 + i] runs obs.ice[i]
  std::vector<std::pair<IceProbe*, std::size_t>> silenceable;  // relay + direct probes, slots
  std::int64_t slowestAnswerMs = -1;  // the slowest answer any server gave so far
  OpId silenceTimer = 0;
  // Cleared by the destructor: lets code that called out to the host notice it was destroyed
  // from inside the callback and touch nothing more.
  Shared<bool> alive = Shared<bool>::make(true);

  Impl(Profile p, Ports po, RunnerCallbacks cb)
      : profile(std::move(p)), ports(po), callbacks(std::move(cb)) {
    secrets = profileSecrets(profile);
    buildProbes();
  }

  ~Impl() {
    *alive = false;
    if (totalTimer != 0) ports.clock->cancelTimer(totalTimer);
    if (silenceTimer != 0) ports.clock->cancelTimer(silenceTimer);
    slots.clear();  // probe destructors close their sockets/peer connections, no callbacks
  }

  // Refused before any answer: the browser says the same for a name that does not resolve and
  // a firewall REJECT. (A timeout is silence, a DROP: the advice already says so, and a name
  // probe after 6 s would only lengthen the run.)
  static bool unreached(const HttpsObservation& o) {
    return !o.cancelled && o.outcome == HttpsObservation::Outcome::NetworkError;
  }
  static bool unreached(const XmppObservation& o) {
    return !o.cancelled && o.outcome == XmppObservation::Outcome::ConnectFailed && o.connectMs < 0;
  }

  void addSlot(std::unique_ptr<Probe> probe, ProbeKind kind, const std::string& target) {
    slots.push_back({std::move(probe), kind, redactText(target, secrets)});
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
                                                  obs.https[i].cancelled = slots[slot].cancelled;
                                                  // The name probe's "started" event may make
                                                  // the host destroy us (found by fuzz_session).
                                                  if (unreached(obs.https[i]) && !lookUpName(o.url))
                                                    return;
                                                  if (answeredInTime(obs.https[i]))
                                                    noteAnswer(o.elapsedMs);
                                                  slotFinished(slot, summarize(obs.https[i]));
                                                });
      obs.https[i] = probe->observation();
      addSlot(std::move(probe), ProbeKind::Https, profile.https[i].url);
    }
    if (!profile.xmpp.url.empty()) {
      std::size_t slot = slots.size();
      auto probe = std::make_unique<XmppProbe>(profile.xmpp, t.xmppMs, clock, *ports.ws,
                                               [this, slot](const auto& o) {
                                                 obs.xmpp = o;
                                                 obs.xmpp->cancelled = slots[slot].cancelled;
                                                 if (unreached(*obs.xmpp) && !lookUpName(o.url))
                                                   return;
                                                 if (o.outcome == XmppObservation::Outcome::Ok)
                                                   noteAnswer(o.featuresMs);
                                                 slotFinished(slot, summarize(*obs.xmpp));
                                               });
      obs.xmpp = probe->observation();
      addSlot(std::move(probe), ProbeKind::XmppWss, profile.xmpp.url);
    }
    iceSlot0 = slots.size();
    for (const TurnServer& server : profile.turn) {
      for (const std::string& url : server.urls) {
        std::size_t i = obs.ice.size();
        std::size_t slot = slots.size();
        auto probe = std::make_unique<IceProbe>(relayProbeConfig(server, url, t.iceMs), clock,
                                                *ports.pc, [this, i, slot](const auto& o) {
                                                  obs.ice[i] = o;
                                                  obs.ice[i].cancelled = slots[slot].cancelled;
                                                  if (answeredInTime(obs.ice[i]))
                                                    noteAnswer(o.elapsedMs);
                                                  slotFinished(slot, summarizeRelay(obs.ice[i]));
                                                });
        obs.ice.push_back(probe->observation());
        silenceable.push_back({probe.get(), slot});
        iceServer.push_back(&server);
        addSlot(std::move(probe), ProbeKind::Ice, iceTarget(url));
      }
    }
    if (std::optional<IceProbeConfig> direct = directProbeConfig(profile)) {
      std::size_t slot = slots.size();
      std::string target = iceTarget(direct->url);
      auto probe = std::make_unique<IceProbe>(std::move(*direct), clock, *ports.pc,
                                              [this, slot](const auto& o) {
                                                obs.direct = o;
                                                obs.direct->cancelled = slots[slot].cancelled;
                                                slotFinished(slot, summarizeDirect(*obs.direct));
                                              });
      obs.direct = probe->observation();
      silenceable.push_back({probe.get(), slot});
      addSlot(std::move(probe), ProbeKind::Ice, target);
    }
    buildMediaProbe();
  }

  void noteAnswer(std::int64_t elapsedMs) {
    if (elapsedMs < 0 || elapsedMs <= slowestAnswerMs) return;
    slowestAnswerMs = elapsedMs;
    if (state != State::Running) return;
    if (silenceTimer != 0) ports.clock->cancelTimer(silenceTimer);
    silenceTimer = 0;
    const std::int64_t bound = silenceBoundMs(slowestAnswerMs);
    if (bound >= profile.timeouts.iceMs) return;  // the probes' own deadline comes first
    const std::int64_t now = ports.clock->nowMs() - startMs;
    silenceTimer = ports.clock->setTimer(std::max<std::int64_t>(0, bound - now), [this] {
      silenceTimer = 0;
      declareSilence();
    });
  }

  void declareSilence() {
    if (state != State::Running) return;
    const Text rule = silenceRuleText(slowestAnswerMs);
    Shared<bool> stillAlive = alive;
    for (const auto& [probe, slot] : silenceable) {
      if (!slots[slot].started || slots[slot].finished || !probe->gathering()) continue;
      probe->declareSilent(rule);  // completes synchronously through slotFinished
      if (!*stillAlive || state != State::Running) return;
    }
  }

  // A failed fetch or WebSocket looks the same in the browser whether DNS or the firewall
  // stopped it: only then, a name probe for that host tells them apart (no STUN traffic to the
  // service's web hosts on a healthy network). Short: a failed lookup shows within ~200 ms
  // (Chromium's error event, Firefox's 701); the probe only has to outlast that.
  static constexpr int kNameProbeMs = 1500;

  // Returns false when the runner was destroyed from the host's progress callback.
  bool lookUpName(const std::string& url) {
    if (state != State::Running) return true;
    for (IceProbeConfig& c :
         nameProbeConfigs(url, std::min(kNameProbeMs, profile.timeouts.iceMs))) {
      for (const IceObservation& o : obs.names)
        if (o.url == c.url) return true;  // already looked up
      std::size_t i = obs.names.size();
      std::size_t slot = slots.size();
      std::string target = c.region;  // the host name
      auto probe = std::make_unique<IceProbe>(std::move(c), *ports.clock, *ports.pc,
                                              [this, i, slot](const auto& o) {
                                                obs.names[i] = o;
                                                obs.names[i].cancelled = slots[slot].cancelled;
                                                slotFinished(slot, summarizeName(obs.names[i]));
                                              });
      obs.names.push_back(probe->observation());
      addSlot(std::move(probe), ProbeKind::Names, target);
      Shared<bool> stillAlive = alive;
      if (!emit({ProgressEvent::Phase::Started, ProbeKind::Names, slots[slot].target,
                 Status::Skipped, "", done, total()})) {
        return false;
      }
      if (state != State::Running) return true;
      slots[slot].started = true;
      slots[slot].probe->start();
      if (!*stillAlive) return false;
    }
    return true;
  }

  void buildMediaProbe() {
    const MediaSettings& m = profile.media;
    if (!m.enabled || ports.media == nullptr || profile.turn.empty()) {
      MediaObservation off;
      off.outcome = MediaObservation::Outcome::Disabled;
      off.detail = msg(!m.enabled               ? "run.media-disabled"
                       : ports.media == nullptr ? "run.no-media-port"
                                                : "run.no-turn-server");
      obs.media = off;
      return;
    }
    mediaSlot = slots.size();
    auto probe = std::make_unique<MediaProbe>(m, *ports.clock, *ports.media, [this](const auto& o) {
      obs.media = o;
      obs.media->cancelled = slots[mediaSlot].cancelled;
      slotFinished(mediaSlot, summarize(*obs.media, profile));
    });
    media = probe.get();
    obs.media = probe->observation();
    // Targets are data in every language: the relay the call rides, "TURN" until one is chosen
    // (the step's name, "Call quality", is the vocabulary's).
    addSlot(std::move(probe), ProbeKind::Media,
            m.relayUrl.empty() ? std::string("TURN") : iceTarget(m.relayUrl));
  }

  // Media rides the best relay: UDP first (what calls prefer), else TCP, else TLS. The call waits
  // for every other probe to end (the silence rule bounds that wait): on a thin link its video and
  // capacity burst would starve what is still running (measured: at 100 kbit/s an HTTPS GET and
  // another region's TURN/TLS handshake then timed out, and the report called a reachable server
  // unreachable).
  static int transportRank(const IceObservation& o) {
    switch (o.parsed.transport) {
      case IceTransport::Udp:
        return 0;
      case IceTransport::Tcp:
        return 1;
      default:
        return 2;
    }
  }

  bool relayUsable(std::size_t i) const {
    const IceObservation& o = obs.ice[i];
    return o.outcome == IceObservation::Outcome::Relay && o.hadCredentials;
  }

  // After every probe's end.
  void mediaCheck() {
    if (media == nullptr || media->placed() || slots[mediaSlot].finished) return;
    if (state != State::Running) return;
    for (std::size_t k = 0; k < slots.size(); ++k) {
      if (k != mediaSlot && !slots[k].finished) return;
    }
    const std::string& wanted = profile.media.relayUrl;
    std::optional<std::size_t> best;  // obs.ice index
    for (std::size_t i = 0; i < obs.ice.size(); ++i) {
      if (!relayUsable(i)) continue;
      if (!wanted.empty() && obs.ice[i].url != wanted) continue;
      if (!best || transportRank(obs.ice[i]) < transportRank(obs.ice[*best])) best = i;
    }
    if (best) {
      placeMedia(*best);
    } else {
      media->notPlaced(MediaObservation::Outcome::NoRelay, noRelayReason());
    }
  }

  const Slot& slotOfIce(std::size_t k) const { return slots[iceSlot0 + k]; }

  Text noRelayReason() const {
    bool credentials = false;
    for (const TurnServer& s : profile.turn)
      credentials = credentials || (!s.username.empty() && !s.credential.empty());
    if (!credentials) return msg("run.no-credentials");
    const std::string& wanted = profile.media.relayUrl;
    if (!wanted.empty()) {
      for (const IceObservation& o : obs.ice) {
        if (o.url == wanted) return msg("run.relay-url-no-candidate", {iceTarget(wanted)});
      }
      return msg("run.relay-url-unknown", {iceTarget(wanted)});
    }
    bool refused = false;
    for (const IceObservation& o : obs.ice)
      refused = refused || (o.outcome == IceObservation::Outcome::Unauthorized && o.hadCredentials);
    if (refused) return msg("run.credentials-refused");
    return msg("run.no-relay");
  }

  void placeMedia(std::size_t relay) {
    if (media == nullptr || media->placed()) return;
    const IceObservation& o = obs.ice[relay];
    const TurnServer& server = *iceServer[relay];
    slots[mediaSlot].target = redactText(iceTarget(o.url), secrets);
    media->place({server.region, o.url, server.username, server.credential},
                 ports.clock->nowMs() - startMs);
  }

  int total() const { return static_cast<int>(slots.size()); }

  // Returns false when the host destroyed the runner from inside its callback.
  bool emit(ProgressEvent event) {
    if (!callbacks.onProgress) return true;
    Shared<bool> stillAlive = alive;
    Callback<void(const ProgressEvent&)> fn = callbacks.onProgress;
    fn(event);
    return *stillAlive;
  }

  void start() {
    if (state != State::Idle) return;
    state = State::Running;
    startMs = ports.clock->nowMs();
    Shared<bool> stillAlive = alive;
    for (const Slot& s : slots) {
      if (!emit({ProgressEvent::Phase::Started, s.kind, s.target, Status::Skipped, "", done,
                 total()})) {
        return;
      }
      if (state != State::Running) return;  // cancelled from onProgress
    }
    // All at once: each probe only issues its port call; results arrive later.
    const std::size_t planned = slots.size();  // name probes added meanwhile start themselves
    for (std::size_t i = 0; i < planned; ++i) {
      slots[i].started = true;
      if (!slots[i].finished) slots[i].probe->start();
      if (!*stillAlive || state != State::Running) return;
    }
    // A profile without any usable TURN URL leaves the call nothing to wait for.
    if (media != nullptr && !slots[mediaSlot].finished && obs.ice.empty()) {
      media->notPlaced(MediaObservation::Outcome::NoRelay, noRelayReason());
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
        stopAll(false,
                msg("run.total-deadline", {std::to_string(profile.timeouts.totalMs) + " ms"}));
      }
    });
  }

  // Returns false when the runner was destroyed from a callback, or is no longer running.
  bool slotFinished(std::size_t index, ProgressSummary summary) {
    if (state != State::Running && state != State::Stopping) return false;
    Slot& s = slots[index];
    if (s.finished) return false;
    s.finished = true;
    ++done;
    if (s.cancelled) summary = {Status::Skipped, msg("progress.cancelled")};
    // Port texts (a browser's error, a server's reason phrase) reach the outcome: one printable
    // line, redacted first so the cut never leaves part of a secret.
    if (!emit({ProgressEvent::Phase::Finished, s.kind, s.target, summary.status,
               mapData(summary.outcome,
                       [this](const std::string& d) {
                         return printableExcerpt(redactText(d, secrets), 400);
                       }),
               done, total()})) {
      return false;
    }
    if (obs.verdictMs < 0 && connectivityDone()) {
      obs.verdictMs = ports.clock->nowMs() - startMs;
      // Answer early: the rows but the call are final; the call refines the headline after.
      if (done < total() && callbacks.onVerdict) {
        Shared<bool> stillAlive = alive;
        Callback<void(const Observations&, int, int)> fn = callbacks.onVerdict;
        fn(obs, done, total());
        if (!*stillAlive || state != State::Running) return false;
      }
    }
    if (state == State::Running && done == total()) {
      finishRun(false);
      return false;
    }
    if (state != State::Running) return false;
    mediaCheck();
    return state == State::Running;
  }

  // Every probe but the call has ended: the connectivity rows are final.
  bool connectivityDone() const {
    if (state != State::Running) return false;
    for (std::size_t k = 0; k < slots.size(); ++k) {
      if (!slots[k].finished && !(media != nullptr && k == mediaSlot)) return false;
    }
    return true;
  }

  void stopAll(bool userCancel, const Text& detail) {
    state = State::Stopping;
    Shared<bool> stillAlive = alive;
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
    if (silenceTimer != 0) ports.clock->cancelTimer(silenceTimer);
    silenceTimer = 0;
    obs.cancelled = cancelled;
    obs.elapsedMs = ports.clock->nowMs() - startMs;
    Callback<void(const Observations&)> fn = std::move(callbacks.onDone);
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
  impl_->stopAll(true, msg("run.cancelled"));
}

bool Runner::done() const { return impl_->state == Impl::State::Done; }

}  // namespace netready
