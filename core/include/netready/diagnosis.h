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

}  // namespace netready
