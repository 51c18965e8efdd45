// diagnose(): assembles the rows, the verdict and the end user's headline. Rows live in
// diagnosis_signal.cpp and diagnosis_turn.cpp.
#include "netready/diagnosis.h"

#include <string>
#include <utility>
#include <vector>

#include "diagnosis/diagnosis_internal.h"

namespace netready {

namespace {

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
constexpr const char* kNoMediaHeadline =
    "Messaging will work, but audio/video calls cannot carry sound or picture from this network.";
constexpr const char* kPoorQualityHeadline =
    "Rainbow will work, but calls will be of poor quality on this network (choppy sound or "
    "picture).";
constexpr const char* kNoVideoHeadline =
    "Rainbow will work. Audio calls will be fine, but video will not work on this connection.";
constexpr const char* kLimitedVideoHeadline =
    "Rainbow will work. Audio calls will be fine; video will be limited on this connection.";
constexpr const char* kLimitedAudioHeadline =
    "Rainbow will work, but this connection is too slow for video and audio may be limited.";

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

// What the bandwidth row's evidence says per kind (audio, video, screen sharing: in that order).
Status kindStatus(const std::vector<Requirement>& rows, std::size_t index) {
  const Requirement* r = find(rows, "bandwidth");
  return r != nullptr && r->evidence.size() > index ? r->evidence[index].status : Status::Skipped;
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
    if (statusOf(rows, "media") == Status::Fail) return kNoMediaHeadline;
    if (turnActive > 0 && turnFailed == turnActive) {
      return (https == Status::Pass && xmpp == Status::Pass) ? kNoCallsHeadline
                                                             : kNoCallsPartialHeadline;
    }
    return kBlockedHeadline;
  }
  if (partial) return kIncompleteHeadline;
  if (verdict == Verdict::Degraded) {
    // What the user will notice first: poor quality, then what the link cannot carry.
    if (statusOf(rows, "media") == Status::Warn) return kPoorQualityHeadline;
    Status audio = kindStatus(rows, 0), video = kindStatus(rows, 1);
    if (audio == Status::Warn || audio == Status::Fail) return kLimitedAudioHeadline;
    if (video == Status::Fail) return kNoVideoHeadline;
    if (video == Status::Warn) return kLimitedVideoHeadline;
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

  rows.push_back(diag::mediaRow(profile, obs));
  rows.push_back(diag::bandwidthRow(profile, obs));
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

  diag::fillMediaSection(profile, obs, &report);

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
