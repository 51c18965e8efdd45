#include "run/progress_text.h"

#include "diagnosis/judge.h"
#include "netready/ice_url.h"
#include "netready/media_quality.h"
#include "probes/probe_text.h"

namespace netready {

namespace {

std::string in(std::int64_t ms) { return " in " + std::to_string(ms) + " ms"; }

std::string badInput(const std::string& why) { return "bad input: " + why; }

std::string text(const HttpsObservation& o) {
  using O = HttpsObservation::Outcome;
  switch (o.outcome) {
    case O::Ok:
      return "HTTP " + std::to_string(o.status) + in(o.elapsedMs);
    case O::Opaque:
      return "answered" + in(o.elapsedMs) + " (opaque response)";
    case O::BadStatus:
      return "HTTP " + std::to_string(o.status) + in(o.elapsedMs);
    case O::BadBody:
      return "HTTP " + std::to_string(o.status) + in(o.elapsedMs) + ", unexpected body";
    case O::NetworkError:
      return o.detail.empty() ? "network error" : "network error: " + o.detail;
    case O::Timeout:
      return o.detail;
    case O::BadInput:
      return badInput(o.detail);
  }
  return o.detail;
}

std::string text(const XmppObservation& o) {
  using O = XmppObservation::Outcome;
  switch (o.outcome) {
    case O::Ok:
      return "stream features" + in(o.featuresMs) + " (WebSocket open" + in(o.connectMs) + ")";
    case O::ConnectFailed:
    case O::WrongSubprotocol:
    case O::Timeout:
      return o.detail;
    case O::NoXmppAnswer:
      return "no XMPP answer: " + o.detail;
    case O::BadInput:
      return badInput(o.detail);
  }
  return o.detail;
}

std::string relayText(const IceObservation& o) {
  using O = IceObservation::Outcome;
  const std::string code = std::to_string(o.errorCode);
  switch (o.outcome) {
    case O::Relay:
      return "relay candidate" + in(o.elapsedMs);
    case O::Unauthorized:
      return "401 Unauthorized" + in(o.elapsedMs) +
             (o.hadCredentials ? ": server reachable, credentials refused"
                               : ": server reachable, no credentials to test relaying");
    case O::Error:
      return "error " + code + in(o.elapsedMs) + (o.errorText.empty() ? "" : ": " + o.errorText);
    case O::NoCandidate:
      return "no relay candidate (gathering complete" + in(o.elapsedMs) + ")";
    case O::Timeout:
      return o.errorText;
    case O::Failed:
      return "could not start: " + o.errorText;
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
  return {s, s == Status::Fail ? "the name " + o.parsed.host + " does not resolve" + in(o.elapsedMs)
                               : "the name " + o.parsed.host + " resolves"};
}

ProgressSummary summarizeDirect(const IceObservation& o) {
  using O = IceObservation::Outcome;
  if (o.outcome == O::Failed) return {Status::Fail, "could not start: " + o.errorText};
  if (o.outcome == O::BadInput) return {Status::Fail, badInput(o.errorText)};
  if (o.outcome == O::Timeout && o.candidates.empty()) return {Status::Fail, o.errorText};
  int srflx = 0;
  for (const Candidate& c : o.candidates) srflx += c.type == CandidateType::Srflx ? 1 : 0;
  const std::string count = std::to_string(o.candidates.size()) +
                            (o.candidates.size() == 1 ? " candidate" : " candidates");
  if (srflx > 0)
    return {Status::Pass, "public address found (srflx)" + in(o.elapsedMs) + ", " + count};
  if (o.candidates.empty()) return {Status::Fail, "no candidate" + in(o.elapsedMs)};
  // Not fatal: TURN over TCP/TLS may still work; diagnosis weighs it.
  return {Status::Warn, "no srflx candidate (STUN over UDP blocked?), " + count};
}

ProgressSummary summarize(const MediaObservation& o, const Profile& profile) {
  MediaJudgement j = judgeMedia(o, profile);
  if (o.outcome != MediaObservation::Outcome::Measured) {
    return {j.media, j.why.empty() ? o.detail : j.why};
  }
  std::string text = "call leg";
  if (j.mos >= 0) text += ": MOS " + fixedDigits(j.mos, 1);
  if (j.leg.lossPct >= 0) text += ", loss " + fixedDigits(j.leg.lossPct, 1) + " %";
  if (j.leg.rttMs >= 0) text += ", RTT " + fixedDigits(j.leg.rttMs, 0) + " ms";
  if (o.capacityKbps >= 0)
    text += std::string(", carries ") + (o.capacityAtCeiling ? ">= " : "") +
            fixedDigits(o.capacityKbps, 0) + " kbit/s";
  return {j.media, text + " (connected" + in(o.connectMs) + ")"};
}

std::string iceTarget(const std::string& url) {
  Result<IceUrl> parsed = parseIceUrl(url);
  if (!parsed) return url;
  return hostPort(parsed.value()) + " " + transportLabel(parsed.value());
}

}  // namespace netready
