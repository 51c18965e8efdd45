// ICE gathering with one server: relay-only against one TURN URL, or the "direct" probe
// (policy all, one stun: URL) that collects host/srflx candidates.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "netready/observations.h"
#include "netready/ports.h"
#include "netready/profile.h"
#include "probes/probe.h"

namespace netready {

struct IceProbeConfig {
  std::string region;
  std::string url;  // the ONE server URL this peer connection gets
  std::string username;
  std::string credential;
  bool relayOnly = true;  // false: the direct probe
  int timeoutMs = 6000;
};

// Browsers refuse a TURN server without username/credential (InvalidAccessError), so a profile
// without them gets these; a 401 then still proves the server reachable.
inline constexpr const char* kPlaceholderUsername = "netready-probe";
inline constexpr const char* kPlaceholderCredential = "netready-probe";

// The name probe for the host of an https/wss URL: one STUN URL on UDP 443 (where a web host's
// QUIC may listen); none for IP literals (nothing to look up) or what is not a URL.
std::vector<IceProbeConfig> nameProbeConfigs(const std::string& url, int timeoutMs);

// Relay probe for one URL of one TURN server.
IceProbeConfig relayProbeConfig(const TurnServer& server, const std::string& url, int timeoutMs);

// Direct probe: "stun:HOST:3478" with the host of the first parseable TURN URL (a srflx
// candidate reveals the public address and that UDP 3478 gets out); nullopt without one.
std::optional<IceProbeConfig> directProbeConfig(const Profile& profile);

class IceProbe final : public ProbeBase<IceObservation> {
 public:
  IceProbe(IceProbeConfig config, ClockPort& clock, PeerConnectionPort& pc, DoneFn done);
  ~IceProbe() override;

  void start() override;
  void cancel(const Text& detail) override;
  // Ends a probe still gathering as silent, before its own deadline, when the run's evidence
  // says the path is dead (`rule`: why); like reaching the deadline otherwise.
  void declareSilent(const Text& rule);
  bool gathering() const { return state_ == State::Gathering; }

 private:
  enum class State { Idle, Gathering, Done };
  using Outcome = IceObservation::Outcome;

  void gather();
  bool retry(Outcome ended);  // tries once more when `ended` is a failed lookup or connection
  void onCandidate(const GatheredCandidate& c);
  void onError(const IceErrorEvent& e);
  void onComplete();
  void onFailure(const std::string& text);
  void onDeadline() override;
  void release() override;
  void complete(Outcome outcome);
  void endWaiting(const Text& timedOut);

  IceProbeConfig config_;
  Result<IceUrl> parsed_;  // config_.url, parsed once
  PeerConnectionPort& pc_;
  State state_ = State::Idle;
  OpId op_ = 0;
  int attempt_ = 0;  // events of an earlier gathering (closed for a retry) are ignored
};

}  // namespace netready
