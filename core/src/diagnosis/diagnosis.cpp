// diagnose(): assembles the rows, the verdict and the end user's headline. Rows live in
// diagnosis_signal.cpp and diagnosis_turn.cpp.
#include "netready/diagnosis.h"

#include <string>
#include <utility>
#include <vector>

#include "diagnosis/diagnosis_internal.h"

namespace netready {

namespace {

constexpr RowId kTurnRows[] = {RowId::TurnUdp, RowId::TurnTcp, RowId::TurnTls};

bool isTurnRow(RowId id) {
  return id == RowId::TurnUdp || id == RowId::TurnTcp || id == RowId::TurnTls;
}

const Requirement* find(const std::vector<Requirement>& rows, RowId id) {
  for (const Requirement& r : rows) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

Status statusOf(const std::vector<Requirement>& rows, RowId id) {
  const Requirement* r = find(rows, id);
  return r != nullptr ? r->status : Status::Skipped;
}

// What the bandwidth row's evidence says per kind (audio, video, screen sharing: in that order).
Status kindStatus(const std::vector<Requirement>& rows, std::size_t index) {
  const Requirement* r = find(rows, RowId::Bandwidth);
  return r != nullptr && r->evidence.size() > index ? r->evidence[index].status : Status::Skipped;
}

bool anyEvidencePassed(const std::vector<Requirement>& rows, RowId id) {
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
  for (RowId id : {RowId::Https, RowId::XmppWss, RowId::TurnUdp, RowId::TurnTcp, RowId::TurnTls}) {
    const Requirement* r = find(rows, id);
    if (r == nullptr) continue;
    if (r->status == Status::Skipped && !r->evidence.empty()) return true;
    measured = measured || r->status != Status::Skipped;
  }
  return !measured;
}

bool turnUnfinished(const std::vector<Requirement>& rows) {
  for (RowId id : kTurnRows) {
    const Requirement* r = find(rows, id);
    if (r != nullptr && r->status == Status::Skipped && !r->evidence.empty()) return true;
  }
  return false;
}

}  // namespace

HeadlineId headline(Verdict verdict, const std::vector<Requirement>& rows) {
  const bool partial = incomplete(rows);
  Status https = statusOf(rows, RowId::Https);
  Status xmpp = statusOf(rows, RowId::XmppWss);
  int turnActive = 0, turnFailed = 0, turnWorking = 0;
  for (RowId id : kTurnRows) {
    Status s = statusOf(rows, id);
    turnActive += s != Status::Skipped ? 1 : 0;
    turnFailed += s == Status::Fail ? 1 : 0;
    // TCP and TLS both ride on TCP: either one carrying calls means "relayed over TCP".
    bool stream = id != RowId::TurnUdp;
    turnWorking += (stream && anyEvidencePassed(rows, id)) ? 1 : 0;
  }
  // A TURN row fails when any one server fails; "UDP fails" for the headline means no server
  // relayed over UDP at all.
  bool udpDead =
      statusOf(rows, RowId::TurnUdp) == Status::Fail && !anyEvidencePassed(rows, RowId::TurnUdp);
  if (verdict == Verdict::Blocked) {
    if (https == Status::Fail || xmpp == Status::Fail) return HeadlineId::Blocked;
    if (statusOf(rows, RowId::Media) == Status::Fail) return HeadlineId::NoMedia;
    if (turnActive > 0 && turnFailed == turnActive) {
      return (https == Status::Pass && xmpp == Status::Pass) ? HeadlineId::NoCalls
                                                             : HeadlineId::NoCallsPartial;
    }
    return HeadlineId::Blocked;
  }
  if (partial) return HeadlineId::Incomplete;
  if (verdict == Verdict::Degraded) {
    // What the user will notice first: poor quality, then what the link cannot carry.
    if (statusOf(rows, RowId::Media) == Status::Warn) return HeadlineId::PoorQuality;
    Status audio = kindStatus(rows, 0), video = kindStatus(rows, 1);
    if (audio == Status::Warn || audio == Status::Fail) return HeadlineId::LimitedAudio;
    if (video == Status::Fail) return HeadlineId::NoVideo;
    if (video == Status::Warn) return HeadlineId::LimitedVideo;
    return (udpDead && turnWorking > 0) ? HeadlineId::TcpOnly : HeadlineId::Degraded;
  }
  return HeadlineId::Ready;
}

Verdict verdict(const std::vector<Requirement>& rows) {
  bool degraded = false;
  int turnMeasured = 0;
  int turnFailed = 0;
  bool anyRelay = false;
  bool signallingFailed = false;
  for (const Requirement& r : rows) {
    // Without HTTPS (REST, resources) or XMPP signalling the client cannot even start.
    if (r.status == Status::Fail && (r.id == RowId::Https || r.id == RowId::XmppWss)) {
      signallingFailed = true;
    }
    if (isTurnRow(r.id) && r.status != Status::Skipped) {
      ++turnMeasured;
      if (r.status == Status::Fail) ++turnFailed;
      for (const Evidence& e : r.evidence) anyRelay = anyRelay || e.status == Status::Pass;
    }
    if (r.status == Status::Fail || r.status == Status::Warn) degraded = true;
  }
  if (signallingFailed) return Verdict::Blocked;
  // A relay was allocated but no media flowed through it: calls cannot work (§5.3 row 4).
  if (statusOf(rows, RowId::Media) == Status::Fail) return Verdict::Blocked;
  // A row fails as soon as one server fails on that transport, so "every TURN row failed" is
  // not enough for blocked: one server relaying on any transport is enough for calls (§5.3
  // row 3); blocked means no relay at all. But not while a TURN transport was still being
  // checked (a cancelled run): it might have relayed.
  if (turnMeasured > 0 && turnFailed == turnMeasured && !anyRelay && !turnUnfinished(rows)) {
    return Verdict::Blocked;
  }
  // Unmeasured rows cannot make a run "ready": it would claim something never measured.
  if (degraded || incomplete(rows)) return Verdict::Degraded;
  return Verdict::Ready;
}

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

  report.verdict = verdict(rows);
  report.headline = headline(report.verdict, rows);
  return report;
}

}  // namespace netready
