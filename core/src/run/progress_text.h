// Status and one-line outcome of a finished probe, for ProgressEvent (the report's evidence is
// diagnosis' job; this is the live view).
#pragma once

#include <string>

#include "netready/observations.h"
#include "netready/profile.h"
#include "netready/report.h"

namespace netready {

struct ProgressSummary {
  Status status = Status::Fail;
  Text outcome;  // "relay candidate in 70 ms"
};

ProgressSummary summarize(const HttpsObservation& o);
ProgressSummary summarize(const XmppObservation& o);
ProgressSummary summarizeRelay(const IceObservation& o);
ProgressSummary summarizeDirect(const IceObservation& o);
// A name probe: whether the service's host name resolved (judgeName).
ProgressSummary summarizeName(const IceObservation& o);
// Status from judgeMedia(), the same rule as the report's `media` row.
ProgressSummary summarize(const MediaObservation& o, const Profile& profile);

// Progress target of an ICE probe: "turn-eu1.rainbow.lab:443 TURN/TLS"; the raw URL when it does
// not parse (TURN URLs carry no credentials; the runner still redacts).
std::string iceTarget(const std::string& url);

}  // namespace netready
