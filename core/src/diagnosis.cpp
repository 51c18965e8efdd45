// diagnose(): assembles the rows, the verdict and the end user's headline. Rows live in
// diagnosis_signal.cpp and diagnosis_turn.cpp.
#include "netready/diagnosis.h"

#include <string>
#include <utility>
#include <vector>

#include "diagnosis_internal.h"

namespace netready {

namespace {

constexpr const char* kNotMeasured =
    "not measured yet: relay loopback call is not implemented in this version";

constexpr const char* kBlockedHeadline =
    "Rainbow cannot connect from this network. Your IT team can fix this: details below.";
constexpr const char* kNoCallsHeadline =
    "Messaging will work, but audio/video calls cannot connect from this network.";
constexpr const char* kNoCallsPartialHeadline =
    "Audio/video calls cannot connect from this network. The check of messaging did not finish: "
    "please run it again.";
constexpr const char* kIncompleteHeadline =
    "The check did not finish, so it cannot yet say whether Rainbow will work here. Please run "
    "it again.";
constexpr const char* kTcpOnlyHeadline =
    "Rainbow will work. Calls will be relayed over TCP, which may reduce quality.";
constexpr const char* kDegradedHeadline = "Rainbow will work, but calls may be limited.";
constexpr const char* kReadyHeadline = "Rainbow will work here.";

Requirement skipped(const char* id, const char* title, const char* section, std::string why) {
  return Requirement{id, title, section, Status::Skipped, std::move(why), "", {}};
}

const Requirement* find(const std::vector<Requirement>& rows, const std::string& id) {
  for (const Requirement& r : rows) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

Status statusOf(const std::vector<Requirement>& rows, const std::string& id) {
  const Requirement* r = find(rows, id);
  return r != nullptr ? r->status : Status::Skipped;
}

bool anyEvidencePassed(const std::vector<Requirement>& rows, const char* id) {
  const Requirement* r = find(rows, id);
  if (r == nullptr) return false;
  for (const Evidence& e : r->evidence)
    if (e.status == Status::Pass) return true;
  return false;
}

// A row the profile asked for but that has no result (cancelled, probe silent) carries skipped
// evidence; a verdict of "ready" over it would claim something never measured.
// Nothing measured at all (an empty profile) is incomplete too.
bool incomplete(const std::vector<Requirement>& rows) {
  bool measured = false;
  for (const char* id : {"https", "xmpp-wss", "turn-udp", "turn-tcp", "turn-tls"}) {
    const Requirement* r = find(rows, id);
    if (r == nullptr) continue;
    if (r->status == Status::Skipped && !r->evidence.empty()) return true;
    measured = measured || r->status != Status::Skipped;
  }
  return !measured;
}

bool turnUnfinished(const std::vector<Requirement>& rows) {
  for (const char* id : {"turn-udp", "turn-tcp", "turn-tls"}) {
    const Requirement* r = find(rows, id);
    if (r != nullptr && r->status == Status::Skipped && !r->evidence.empty()) return true;
  }
  return false;
}

std::string headline(Verdict verdict, const std::vector<Requirement>& rows, bool partial) {
  Status https = statusOf(rows, "https");
  Status xmpp = statusOf(rows, "xmpp-wss");
  int turnActive = 0, turnFailed = 0, turnWorking = 0;
  for (const char* id : {"turn-udp", "turn-tcp", "turn-tls"}) {
    Status s = statusOf(rows, id);
    turnActive += s != Status::Skipped ? 1 : 0;
    turnFailed += s == Status::Fail ? 1 : 0;
    // TCP and TLS both ride on TCP: either one carrying calls means "relayed over TCP".
    bool stream = std::string(id) != "turn-udp";
    turnWorking += (stream && anyEvidencePassed(rows, id)) ? 1 : 0;
  }
  // A TURN row fails when any one server fails; "UDP fails" for the headline means no server
  // relayed over UDP at all.
  bool udpDead = statusOf(rows, "turn-udp") == Status::Fail && !anyEvidencePassed(rows, "turn-udp");
  if (verdict == Verdict::Blocked) {
    if (https == Status::Fail || xmpp == Status::Fail) return kBlockedHeadline;
    if (turnActive > 0 && turnFailed == turnActive) {
      return (https == Status::Pass && xmpp == Status::Pass) ? kNoCallsHeadline
                                                             : kNoCallsPartialHeadline;
    }
    return kBlockedHeadline;
  }
  if (partial) return kIncompleteHeadline;
  if (verdict == Verdict::Degraded) {
    return (udpDead && turnWorking > 0) ? kTcpOnlyHeadline : kDegradedHeadline;
  }
  return kReadyHeadline;
}

}  // namespace

Report diagnose(const Profile& profile, const Observations& obs) {
  Report report;
  report.profileName = profile.name;
  report.elapsedMs = obs.elapsedMs;
  std::vector<std::string>& notes = report.notes;
  if (obs.cancelled) {
    notes.push_back(
        "the check was cancelled before every probe ended; rows with unfinished probes are "
        "incomplete");
  }

  std::vector<Requirement>& rows = report.requirements;
  rows.push_back(diag::httpsRow(profile, obs, notes));
  rows.push_back(diag::xmppRow(profile, obs, notes));
  rows.push_back(diag::turnRow(IceTransport::Udp, profile, obs, notes));
  rows.push_back(diag::turnRow(IceTransport::Tcp, profile, obs, notes));
  rows.push_back(diag::turnRow(IceTransport::Tls, profile, obs, notes));

  // Only whether credentials were used matters here; their values are never read.
  bool credentials = false;
  for (const IceObservation& o : obs.ice) credentials = credentials || o.hadCredentials;
  for (const TurnServer& s : profile.turn) credentials = credentials || !s.credential.empty();
  rows.push_back(
      skipped("media", "Media (DTLS-SRTP) through a TURN relay", "§5.3 row 4, §5.7.3",
              credentials ? kNotMeasured : "no TURN credentials: relay media not tested"));
  const BandwidthThresholds& b = profile.bandwidth;
  rows.push_back(skipped(
      "bandwidth", "Bandwidth for audio, video and screen sharing", "§5.5.1",
      std::string(kNotMeasured) + " (targets: audio " + std::to_string(b.audioNominalKbps) + "/" +
          std::to_string(b.audioLowestKbps) + " kbps, video " + std::to_string(b.videoNominalKbps) +
          "/" + std::to_string(b.videoLowestKbps) + " kbps, screen sharing " +
          std::to_string(b.screenMinKbps) + "-" + std::to_string(b.screenMaxKbps) + " kbps)"));
  rows.push_back(diag::proxyWebSocketRow(profile, obs));
  rows.push_back(diag::proxyTurnRow(profile, obs, notes));

  report.bestTurnRegion = diag::bestTurnRegion(profile, obs, notes);
  if (obs.direct) {
    bool udpRelay = false;
    for (const IceObservation& o : obs.ice)
      udpRelay = udpRelay || (o.outcome == IceObservation::Outcome::Relay &&
                              o.parsed.transport == IceTransport::Udp);
    notes.push_back(diag::directProbeNote(*obs.direct, udpRelay));
  }

  bool partial = incomplete(rows);
  report.verdict = computeVerdict(rows);
  // Unmeasured rows cannot make a run "ready"; nor "blocked" for calls while a TURN transport
  // was still being checked (a cancelled run): it might have relayed.
  if (partial && report.verdict == Verdict::Ready) report.verdict = Verdict::Degraded;
  if (report.verdict == Verdict::Blocked && turnUnfinished(rows) &&
      statusOf(rows, "https") != Status::Fail && statusOf(rows, "xmpp-wss") != Status::Fail) {
    report.verdict = Verdict::Degraded;
  }
  report.headline = headline(report.verdict, rows, partial);
  return report;
}

}  // namespace netready
