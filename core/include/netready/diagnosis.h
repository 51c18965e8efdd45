// Pure: observations -> one row per requirement of the guide, the verdict, plain words for the
// end user, and advice for IT citing the guide. No I/O, no clock.
#pragma once

#include "netready/observations.h"
#include "netready/profile.h"
#include "netready/report.h"

namespace netready {

// Fills verdict, headline, requirements (ids: https, xmpp-wss, turn-udp, turn-tcp, turn-tls,
// media, bandwidth, proxy-websocket, proxy-turn), bestTurnRegion, notes, elapsedMs, profileName.
// browser/startedAt are left for the host to fill.
Report diagnose(const Profile& profile, const Observations& obs);

// The one verdict rule over the rows: a failed https or xmpp-wss row, a relay that carries no
// media, or no relay on any transport (every measured TURN row failed, none unfinished) ->
// blocked; any fail or warn, or a row the profile asked for left unmeasured -> degraded;
// else ready.
Verdict verdict(const std::vector<Requirement>& rows);

// The end user's headline for that verdict: what will work, what will not, and why first.
HeadlineId headline(Verdict verdict, const std::vector<Requirement>& rows);

}  // namespace netready
