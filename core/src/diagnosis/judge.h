// The one outcome -> status mapping of each probe's observation. Progress events
// (run/progress_text.cpp) and the report's evidence (diagnosis_*.cpp) both call these, so a
// probe never shows one status while it runs and another in the report.
#pragma once

#include "netready/observations.h"
#include "netready/vocabulary.h"

namespace netready {

// Ok or opaque answer -> pass; cancelled by the user -> skipped; anything else -> fail.
Status judge(const HttpsObservation& o);
// XMPP stream features -> pass; cancelled -> skipped; anything else -> fail.
Status judge(const XmppObservation& o);
// Relay candidate -> pass; 401 without credentials -> pass (the server speaks TURN on that
// transport; relaying stays untested); 401 to given credentials -> warn: the network path is
// open (the server answered) but the check's credentials were refused, so relaying stays
// untested; that is not the network's failure. Cancelled -> skipped; anything else -> fail.
Status judgeRelay(const IceObservation& o);

// How a probe shows that its host name did not resolve. Reported: Chromium's icecandidateerror
// text "host lookup received error" (UDP URLs only: TCP/TLS say just "Failed to establish
// connection"). Inferred: Firefox gives 701 without any text, but on UDP only a failed lookup
// ends the probe that fast: a silent drop lasts to the deadline and Firefox ignores ICMP
// unreachable there (measured in the scenario lab: unresolvable name 701 in ~160 ms; dropped or
// down server: timeout at 6 s).
enum class LookupFailure { None, Reported, Inferred };
LookupFailure lookupFailure(const IceObservation& o);
// A name probe: the name failed to resolve -> fail; anything else (an answer, silence until the
// deadline, an error that is not a lookup error) -> pass, it resolved; cancelled -> skipped.
Status judgeName(const IceObservation& o);

}  // namespace netready
