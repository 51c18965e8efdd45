#include "probes/media_probe.h"

#include <algorithm>
#include <utility>

#include "netready/ice_url.h"
#include "probes/probe_text.h"

namespace netready {

namespace {
constexpr std::size_t kMaxStatsProblems = 4;  // one is enough to know; a few show a pattern
}

MediaProbe::MediaProbe(MediaSettings settings, ClockPort& clock, MediaPort& media, DoneFn done)
    : ProbeBase(clock, std::move(done)), settings_(std::move(settings)), media_(media) {
  obs_.outcome = Outcome::NoRelay;
  obs_.burstCeilingKbps = settings_.burstCeilingKbps;
}

MediaProbe::~MediaProbe() {
  abandon();
  release();
}

int MediaProbe::deadlineMs() const {
  return settings_.connectMs + settings_.durationMs + settings_.burstMs + kMediaDrainMs + 1000;
}

void MediaProbe::place(const MediaRelay& relay, std::int64_t runElapsedMs) {
  if (state_ != State::Waiting) return;
  obs_.region = relay.region;
  obs_.url = relay.url;
  obs_.startMs = runElapsedMs;
  Result<IceUrl> parsed = parseIceUrl(relay.url);
  if (!parsed || !parsed->isTurn()) {
    state_ = State::Connecting;  // so complete() runs the normal path
    obs_.detail = parsed ? msg("media-probe.not-turn-url", {relay.url}) : Text(parsed.error());
    complete(Outcome::Failed);
    return;
  }
  obs_.parsed = parsed.value();
  MediaCallConfig config;
  config.server.urls = {relay.url};
  config.server.username = relay.username;
  config.server.credential = relay.credential;
  MediaCallEvents events;
  events.onConnected = [this] { handle([this] { onConnected(); }); };
  events.onStats = [this](const std::string& s, const std::string& r) {
    handle([this, s, r] { onStats(s, r); });
  };
  events.onConnectionFailed = [this] { handle([this] { onConnectionFailed(); }); };
  events.onFailure = [this](const std::string& t) { handle([this, t] { onFailure(t); }); };
  state_ = State::Connecting;
  beginStart(deadlineMs());
  connectTimer_ = clock_.setTimer(settings_.connectMs, [this] {
    connectTimer_ = 0;
    handle([this] {
      if (state_ != State::Connecting) return;
      obs_.detail = msg("media-probe.not-connected-within", {msText(settings_.connectMs)});
      complete(Outcome::ConnectTimeout);
    });
  });
  op_ = media_.startCall(config, std::move(events));
  endStart();
}

void MediaProbe::notPlaced(Outcome outcome, const Text& why) {
  if (state_ != State::Waiting) return;
  obs_.detail = why;
  complete(outcome);
}

void MediaProbe::cancel(const Text& detail) {
  if (state_ == State::Done) return;
  obs_.detail = detail;
  measure();  // what was measured so far stays in the observation (nothing before placing)
  complete(Outcome::Timeout);
}

void MediaProbe::onConnected() {
  if (state_ != State::Connecting) return;
  state_ = State::Media;
  connectedAt_ = clock_.nowMs();
  obs_.connectMs = elapsed();
  media_.requestStats(op_);  // sample 0: the baseline every rate is measured from
}

void MediaProbe::requestSoon(int delayMs) {
  sampleTimer_ = clock_.setTimer(delayMs, [this] {
    sampleTimer_ = 0;
    handle([this] { media_.requestStats(op_); });
  });
}

void MediaProbe::steerSoon() {
  burstTimer_ = clock_.setTimer(kBurstTickMs, [this] {
    burstTimer_ = 0;
    handle([this] { steerBurst(); });
  });
}

void MediaProbe::onStats(const std::string& sender, const std::string& receiver) {
  if (state_ != State::Media && state_ != State::Burst && state_ != State::Draining) return;
  Result<StatsSnapshot> s = parseStatsJson(sender);
  Result<StatsSnapshot> r = parseStatsJson(receiver);
  if (s && r) {
    samples_.push_back({clock_.nowMs() - connectedAt_, s.value(), r.value()});
  } else if (obs_.statsProblems.size() < kMaxStatsProblems) {
    obs_.statsProblems.push_back(printableExcerpt(s ? r.error() : s.error(), 200));
  }
  const std::int64_t now = clock_.nowMs();
  if (state_ == State::Draining) {
    measure();
    const bool flowed = obs_.audio.packetsReceived + obs_.video.packetsReceived > 0;
    if (!flowed) obs_.detail = msg("media-probe.no-packet");
    complete(flowed ? Outcome::Measured : Outcome::NoMedia);
    return;
  }
  if (state_ == State::Media && now - connectedAt_ >= settings_.durationMs && !samples_.empty()) {
    mediaEnd_ = samples_.size() - 1;
    state_ = State::Burst;
    burstEndAt_ = now + settings_.burstMs;
    burstKbps_ = std::min(kBurstStartKbps, settings_.burstCeilingKbps);
    burstAt_ = now;
    burstReceived_ = media_.burstCounters(op_).bytesReceived;
    media_.setBurst(op_, burstKbps_);
    steerSoon();
  } else if (state_ == State::Burst && now >= burstEndAt_) {
    media_.setBurst(op_, 0);
    if (burstTimer_ != 0) clock_.cancelTimer(burstTimer_);
    burstTimer_ = 0;
    state_ = State::Draining;
    requestSoon(kMediaDrainMs);
    return;
  }
  requestSoon(kMediaSampleMs);
}

void MediaProbe::steerBurst() {
  if (state_ != State::Burst) return;
  const std::int64_t now = clock_.nowMs();
  BurstCounters c = media_.burstCounters(op_);
  double delivered =
      now > burstAt_ ? (c.bytesReceived - burstReceived_) * 8.0 / (now - burstAt_) : 0;
  burstAt_ = now;
  burstReceived_ = c.bytesReceived;
  burstKbps_ = nextBurstKbps(burstKbps_, delivered, c.queueDelayMs, settings_.burstCeilingKbps);
  media_.setBurst(op_, burstKbps_);
  steerSoon();
}

void MediaProbe::onConnectionFailed() {
  if (state_ == State::Done || state_ == State::Waiting) return;
  obs_.detail = state_ == State::Connecting
                    ? msg("media-probe.ice-dtls-failed")
                    : msg("media-probe.failed-after", {msText(clock_.nowMs() - connectedAt_)});
  measure();
  complete(Outcome::ConnectFailed);
}

void MediaProbe::onFailure(const std::string& text) {
  if (state_ == State::Done || state_ == State::Waiting) return;
  obs_.detail = printableExcerpt(text, 200);
  measure();
  complete(Outcome::Failed);
}

void MediaProbe::onDeadline() {
  if (state_ == State::Done || state_ == State::Waiting) return;
  obs_.detail = timedOutText(timeoutMs());
  measure();
  complete(Outcome::Timeout);
}

void MediaProbe::measure() {
  if (samples_.empty()) return;
  std::size_t mediaEnd = state_ == State::Media ? samples_.size() - 1 : mediaEnd_;
  MediaObservation& o = obs_;
  o.audio = {};
  o.video = {};
  o.mediaMs = 0;
  measureMediaPhase(samples_, mediaEnd, &o);
  if (state_ == State::Burst || state_ == State::Draining) {
    measureBurst(samples_, mediaEnd, settings_.burstCeilingKbps, &o);
  }
}

void MediaProbe::release() {
  if (connectTimer_ != 0) clock_.cancelTimer(connectTimer_);
  if (sampleTimer_ != 0) clock_.cancelTimer(sampleTimer_);
  if (burstTimer_ != 0) clock_.cancelTimer(burstTimer_);
  connectTimer_ = sampleTimer_ = burstTimer_ = 0;
  if (op_ != 0) media_.close(op_);
  op_ = 0;
}

void MediaProbe::complete(Outcome outcome) {
  const bool wasPlaced = state_ != State::Waiting;
  state_ = State::Done;
  obs_.outcome = outcome;
  obs_.elapsedMs = wasPlaced && started() ? elapsed() : 0;
  finish();
}

}  // namespace netready
