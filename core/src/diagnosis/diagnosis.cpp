// diagnose(): assembles the rows, the verdict and the end user's headline. Rows live in
// diagnosis_signal.cpp and diagnosis_turn.cpp.
#include "netready/diagnosis.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "diagnosis/diagnosis_internal.h"

namespace netready {

namespace {

constexpr RowId kTurnRows[] = {RowId::TurnUdp, RowId::TurnTcp, RowId::TurnTls};

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

// A row the profile asked for but that has no result (cancelled, probe silent): skipped, with
// evidence of what was not finished.
bool unfinished(const Requirement* r) {
  return r != nullptr && r->status == Status::Skipped && !r->evidence.empty();
}

// A verdict of "ready" over an unfinished row would claim something never measured. Nothing
// measured at all (an empty profile) is incomplete too.
bool incomplete(const std::vector<Requirement>& rows) {
  bool measured = false;
  for (RowId id : {RowId::Https, RowId::XmppWss, RowId::TurnUdp, RowId::TurnTcp, RowId::TurnTls}) {
    const Requirement* r = find(rows, id);
    if (unfinished(r)) return true;
    measured = measured || (r != nullptr && r->status != Status::Skipped);
  }
  return !measured;
}

// The TURN rows together: how many were measured and failed, and which carried a relay.
struct TurnTally {
  int measured = 0;
  int failed = 0;
  bool anyRelay = false;            // some server relayed on some transport
  int streamRelays = 0;             // TCP and TLS rows on which some server relayed
  bool unfinished = false;          // a transport was still being checked (cancelled run)
  bool credentialsRefused = false;  // a row warns: the credentials given were refused
};

TurnTally tallyTurn(const std::vector<Requirement>& rows) {
  TurnTally t;
  for (RowId id : kTurnRows) {
    const Status s = statusOf(rows, id);
    if (s == Status::Skipped) {
      t.unfinished = t.unfinished || unfinished(find(rows, id));
      continue;
    }
    ++t.measured;
    t.failed += s == Status::Fail ? 1 : 0;
    t.credentialsRefused = t.credentialsRefused || s == Status::Warn;
    const bool relayed = anyEvidencePassed(rows, id);
    t.anyRelay = t.anyRelay || relayed;
    // TCP and TLS both ride on TCP: either one carrying calls means "relayed over TCP".
    t.streamRelays += (relayed && id != RowId::TurnUdp) ? 1 : 0;
  }
  return t;
}

}  // namespace

HeadlineId headline(Verdict verdict, const std::vector<Requirement>& rows) {
  const bool partial = incomplete(rows);
  const Status https = statusOf(rows, RowId::Https);
  const Status xmpp = statusOf(rows, RowId::XmppWss);
  const TurnTally turn = tallyTurn(rows);
  // A TURN row fails when any one server fails; "UDP fails" for the headline means no server
  // relayed over UDP at all.
  bool udpDead =
      statusOf(rows, RowId::TurnUdp) == Status::Fail && !anyEvidencePassed(rows, RowId::TurnUdp);
  if (verdict == Verdict::Blocked) {
    if (https == Status::Fail || xmpp == Status::Fail) return HeadlineId::Blocked;
    if (statusOf(rows, RowId::Media) == Status::Fail) return HeadlineId::NoMedia;
    if (turn.measured > 0 && turn.failed == turn.measured) {
      return (https == Status::Pass && xmpp == Status::Pass) ? HeadlineId::NoCalls
                                                             : HeadlineId::NoCallsPartial;
    }
    return HeadlineId::Blocked;
  }
  if (partial) return HeadlineId::Incomplete;
  if (verdict == Verdict::Degraded) {
    // A TURN row warns only when the check's credentials were refused (judgeRelay): until fresh
    // ones are given nothing about calls is known, so that comes first.
    if (turn.credentialsRefused) return HeadlineId::CredentialsRefused;
    // What the user will notice first: poor quality, then what the link cannot carry.
    if (statusOf(rows, RowId::Media) == Status::Warn) return HeadlineId::PoorQuality;
    Status audio = kindStatus(rows, 0), video = kindStatus(rows, 1);
    if (audio == Status::Warn || audio == Status::Fail) return HeadlineId::LimitedAudio;
    if (video == Status::Fail) return HeadlineId::NoVideo;
    if (video == Status::Warn) return HeadlineId::LimitedVideo;
    return (udpDead && turn.streamRelays > 0) ? HeadlineId::TcpOnly : HeadlineId::Degraded;
  }
  // Ready, but the call itself was not placed (no credentials, media disabled): say so.
  if (statusOf(rows, RowId::Media) == Status::Skipped) return HeadlineId::ReadyUntested;
  return HeadlineId::Ready;
}

Verdict verdict(const std::vector<Requirement>& rows) {
  // Without HTTPS (REST, resources) or XMPP signalling the client cannot even start.
  if (statusOf(rows, RowId::Https) == Status::Fail ||
      statusOf(rows, RowId::XmppWss) == Status::Fail)
    return Verdict::Blocked;
  // A relay was allocated but no media flowed through it: calls cannot work (§5.3 row 4).
  if (statusOf(rows, RowId::Media) == Status::Fail) return Verdict::Blocked;
  // A row fails as soon as one server fails on that transport, so "every TURN row failed" is
  // not enough for blocked: one server relaying on any transport is enough for calls (§5.3
  // row 3); blocked means no relay at all. But not while a TURN transport was still being
  // checked (a cancelled run): it might have relayed.
  const TurnTally turn = tallyTurn(rows);
  if (turn.measured > 0 && turn.failed == turn.measured && !turn.anyRelay && !turn.unfinished)
    return Verdict::Blocked;
  // Unmeasured rows cannot make a run "ready": it would claim something never measured.
  const bool degraded = std::any_of(rows.begin(), rows.end(), [](const Requirement& r) {
    return r.status == Status::Fail || r.status == Status::Warn;
  });
  return degraded || incomplete(rows) ? Verdict::Degraded : Verdict::Ready;
}

Report diagnose(const Profile& profile, const Observations& obs) {
  const diag::Facts facts = diag::collectFacts(profile, obs);
  const diag::RowResult results[] = {diag::httpsRow(facts),
                                     diag::xmppRow(facts),
                                     diag::turnRow(IceTransport::Udp, facts),
                                     diag::turnRow(IceTransport::Tcp, facts),
                                     diag::turnRow(IceTransport::Tls, facts),
                                     diag::mediaRow(facts),
                                     diag::bandwidthRow(facts),
                                     diag::proxyWebSocketRow(facts),
                                     diag::proxyTurnRow(facts)};
  const diag::BestRegion best = diag::bestTurnRegion(facts);
  const diag::MediaSectionResult media = diag::mediaSection(facts);

  Report report;
  report.profileName = profile.name;
  report.elapsedMs = obs.elapsedMs;
  report.verdictMs = obs.verdictMs;
  report.cancelled = obs.cancelled;
  for (const diag::RowResult& r : results) report.requirements.push_back(r.row);
  report.bestTurnRegion = best.region;
  report.hasMedia = media.placed;
  if (media.placed) report.media = media.section;

  // The notes, in one place and each once: the run as a whole, then each row's inferences in
  // row order, the best region, the direct path, the call's statistics.
  std::vector<Text>& notes = report.notes;
  if (obs.cancelled) {
    notes.push_back(msg("report.cancelled-note"));
  }
  for (const diag::RowResult& r : results)
    for (const Text& n : r.notes) diag::addUnique(notes, n);
  for (const Text& n : best.notes) diag::addUnique(notes, n);
  if (obs.direct) diag::addUnique(notes, diag::directProbeNote(*obs.direct, facts.udpRelayWorked));
  for (const Text& n : media.notes) diag::addUnique(notes, n);

  report.verdict = verdict(report.requirements);
  report.headline = headline(report.verdict, report.requirements);
  return report;
}

}  // namespace netready
