#include "run/progress_text.h"

#include <string>
#include <vector>

#include "diagnosis/judge.h"
#include "netready/ice_url.h"
#include "netready/media_quality.h"
#include "probes/probe_text.h"

namespace netready {

namespace {

Text msOf(std::int64_t ms) { return std::to_string(ms) + " ms"; }

Text badInput(const Text& why) { return msg("progress.bad-input", {why}); }

Text text(const HttpsObservation& o) {
  using O = HttpsObservation::Outcome;
  const std::string status = std::to_string(o.status);
  switch (o.outcome) {
    case O::Ok:
    case O::BadStatus:
      return msg("progress.http-status-in", {status, msOf(o.elapsedMs)});
    case O::Opaque:
      return msg("progress.opaque-in", {msOf(o.elapsedMs)});
    case O::BadBody:
      return msg("progress.unexpected-body-in", {status, msOf(o.elapsedMs)});
    case O::NetworkError:
      return o.detail.empty() ? msg("progress.network-error")
                              : msg("progress.network-error-text", {o.detail});
    case O::Timeout:
      return o.detail;
    case O::BadInput:
      return badInput(o.detail);
  }
  return o.detail;
}

Text text(const XmppObservation& o) {
  using O = XmppObservation::Outcome;
  switch (o.outcome) {
    case O::Ok:
      return msg("progress.stream-features-in", {msOf(o.featuresMs), msOf(o.connectMs)});
    case O::ConnectFailed:
    case O::WrongSubprotocol:
    case O::Timeout:
      return o.detail;
    case O::NoXmppAnswer:
      return msg("progress.no-xmpp-answer", {o.detail});
    case O::BadInput:
      return badInput(o.detail);
  }
  return o.detail;
}

Text relayText(const IceObservation& o) {
  using O = IceObservation::Outcome;
  const std::string code = std::to_string(o.errorCode);
  switch (o.outcome) {
    case O::Relay:
      return msg("progress.relay-in", {msOf(o.elapsedMs)});
    case O::Unauthorized:
      return msg(o.hadCredentials ? "progress.unauthorized-refused"
                                  : "progress.unauthorized-no-credentials",
                 {"401 Unauthorized", msOf(o.elapsedMs)});
    case O::Error:
      return o.errorText.empty()
                 ? msg("progress.error-in", {code, msOf(o.elapsedMs)})
                 : msg("progress.error-in-text", {code, msOf(o.elapsedMs), o.errorText});
    case O::NoCandidate:
      return msg("progress.no-relay-candidate", {msOf(o.elapsedMs)});
    case O::Timeout:
      return o.errorText;
    case O::Failed:
      return msg("progress.could-not-start", {o.errorText});
    case O::BadInput:
      return badInput(o.errorText);
  }
  return o.errorText;
}

}  // namespace

// The status is the report's own (judge.h); only the words are the live view's.
ProgressSummary summarize(const HttpsObservation& o) { return {judge(o), text(o)}; }
ProgressSummary summarize(const XmppObservation& o) { return {judge(o), text(o)}; }
ProgressSummary summarizeRelay(const IceObservation& o) { return {judgeRelay(o), relayText(o)}; }

ProgressSummary summarizeName(const IceObservation& o) {
  const Status s = judgeName(o);
  return {s, s == Status::Fail ? msg("progress.name-unresolved", {o.parsed.host, msOf(o.elapsedMs)})
                               : msg("progress.name-resolves", {o.parsed.host})};
}

ProgressSummary summarizeDirect(const IceObservation& o) {
  using O = IceObservation::Outcome;
  if (o.outcome == O::Failed) return {Status::Fail, msg("progress.could-not-start", {o.errorText})};
  if (o.outcome == O::BadInput) return {Status::Fail, badInput(o.errorText)};
  if (o.outcome == O::Timeout && o.candidates.empty()) return {Status::Fail, o.errorText};
  int srflx = 0;
  for (const Candidate& c : o.candidates) srflx += c.type == CandidateType::Srflx ? 1 : 0;
  const Text count = msg(
      o.candidates.size() == 1 ? "progress.candidate-count-one" : "progress.candidate-count-many",
      {std::to_string(o.candidates.size())});
  if (srflx > 0)
    return {Status::Pass, msg("progress.public-address-in", {msOf(o.elapsedMs), count})};
  if (o.candidates.empty())
    return {Status::Fail, msg("progress.no-candidate-in", {msOf(o.elapsedMs)})};
  // Not fatal: TURN over TCP/TLS may still work; diagnosis weighs it.
  return {Status::Warn, msg("progress.no-srflx", {count})};
}

ProgressSummary summarize(const MediaObservation& o, const Profile& profile) {
  MediaJudgement j = judgeMedia(o, profile);
  if (o.outcome != MediaObservation::Outcome::Measured) {
    return {j.media, j.why.empty() ? Text(o.detail) : j.why};
  }
  // The figures, joined by ", " (data glue): "MOS 4.3" and "RTT 40 ms" are figures with their
  // names, kept as data but for the decimal separator.
  std::vector<Text> figures;
  if (j.mos >= 0) figures.push_back("MOS " + decimalText(j.mos, 1));
  if (j.leg.lossPct >= 0) figures.push_back(msg("progress.loss", {percentText(j.leg.lossPct)}));
  if (j.leg.rttMs >= 0) figures.push_back("RTT " + fixedDigits(j.leg.rttMs, 0) + " ms");
  if (o.capacityKbps >= 0) {
    figures.push_back(msg("progress.carries", {(o.capacityAtCeiling ? ">= " : "") +
                                               fixedDigits(o.capacityKbps, 0) + " kbit/s"}));
  }
  Text list;
  for (std::size_t i = 0; i < figures.size(); ++i)
    list += (i == 0 ? Text() : Text(", ")) + figures[i];
  const Text connected = msOf(o.connectMs);
  // "call leg: MOS ..." when the MOS leads, "call leg, loss ..." when it is missing.
  if (figures.empty()) return {j.media, msg("progress.call-leg", {connected})};
  return {j.media, msg(j.mos >= 0 ? "progress.call-leg-figures" : "progress.call-leg-no-mos",
                       {list, connected})};
}

std::string iceTarget(const std::string& url) {
  Result<IceUrl> parsed = parseIceUrl(url);
  if (!parsed) return url;
  return hostPort(parsed.value()) + " " + transportLabel(parsed.value());
}

}  // namespace netready
