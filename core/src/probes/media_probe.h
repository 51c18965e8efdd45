// The relay loopback call (MediaPort): placed by the runner once a relay is proven, then
// connect -> media phase (stats every kSampleMs) -> paced burst -> drain -> figures.
#pragma once

#include <string>
#include <vector>

#include "netready/observations.h"
#include "netready/ports.h"
#include "netready/profile.h"
#include "parse/media_stats.h"
#include "probes/probe.h"

namespace netready {

// Often enough for a 400 ms burst window to hold two samples; rarely enough that getStats on two
// connections costs the page nothing noticeable.
inline constexpr int kMediaSampleMs = 200;
// After the burst stops: messages still in flight arrive before the last count.
inline constexpr int kMediaDrainMs = 300;

struct MediaRelay {
  std::string region;
  std::string url;
  std::string username;
  std::string credential;
};

class MediaProbe final : public ProbeBase<MediaObservation> {
 public:
  MediaProbe(MediaSettings settings, ClockPort& clock, MediaPort& media, DoneFn done);
  ~MediaProbe() override;

  void start() override {}  // nothing until place(): the runner waits for a working relay
  void place(const MediaRelay& relay, std::int64_t runElapsedMs);
  // Ends without a call: no relay to use, no credentials ... (`outcome` NoRelay or Disabled).
  void notPlaced(MediaObservation::Outcome outcome, const Text& why);
  void cancel(const Text& detail) override;
  bool placed() const { return state_ != State::Waiting; }

  // Whole-call deadline: connect + media + burst + drain, plus a second for the stats replies.
  int deadlineMs() const;

 private:
  enum class State { Waiting, Connecting, Media, Burst, Draining, Done };
  using Outcome = MediaObservation::Outcome;

  void onConnected();
  void onStats(const std::string& sender, const std::string& receiver);
  void onConnectionFailed();
  void onFailure(const std::string& text);
  void onDeadline() override;
  void release() override;
  void requestSoon(int delayMs);  // the next getStats, after delayMs
  void steerSoon();               // the next burst steering tick
  void steerBurst();
  void complete(Outcome outcome);
  void measure();

  MediaSettings settings_;
  MediaPort& media_;
  State state_ = State::Waiting;
  OpId op_ = 0;
  OpId connectTimer_ = 0;
  OpId sampleTimer_ = 0;
  OpId burstTimer_ = 0;
  int burstKbps_ = 0;
  double burstReceived_ = 0;
  std::int64_t burstAt_ = 0;
  std::int64_t connectedAt_ = 0;
  std::size_t mediaEnd_ = 0;
  std::int64_t burstEndAt_ = 0;
  std::vector<StatsSample> samples_;
};

}  // namespace netready
