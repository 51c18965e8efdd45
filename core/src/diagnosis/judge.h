// The one outcome -> status mapping of each probe's observation. Progress events
// (run/progress_text.cpp) and the report's evidence (diagnosis_*.cpp) both call these, so a
// probe never shows one status while it runs and another in the report.
#pragma once

#include "netready/observations.h"
#include "netready/vocabulary.h"
#include "probes/lookup_failure.h"  // LookupFailure, lookupFailure()

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

// A name probe: the name failed to resolve -> fail; anything else (an answer, silence until the
// deadline, an error that is not a lookup error) -> pass, it resolved; cancelled -> skipped.
Status judgeName(const IceObservation& o);

}  // namespace netready
