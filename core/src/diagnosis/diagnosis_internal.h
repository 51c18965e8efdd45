// Shared pieces of diagnose(), split across diagnosis*.cpp. Not a public header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "netready/ice_url.h"
#include "netready/observations.h"
#include "netready/profile.h"
#include "netready/report.h"

namespace netready::diag {

// A row with its id; title and section come from the vocabulary when serialised.
inline Requirement makeRow(RowId id) {
  Requirement r;
  r.id = id;
  return r;
}

// Text helpers (diagnosis_text.cpp).
struct HostPort {
  std::string host;
  int port = 0;
};
// "https://h:8443/x" -> {h, 8443}; default port from the scheme (443 for https/wss).
HostPort splitUrl(std::string_view url);
std::string ms(std::int64_t value);                           // "70 ms"
std::string joinList(const std::vector<std::string>& items);  // "a, b and c"
// Cuts untrusted text (bodies, browser errors) to `max` bytes on a UTF-8 boundary.
std::string clip(std::string_view text, std::size_t max = 160);
void addUnique(std::vector<std::string>& list, const std::string& item);
// Direct (non-relay) gathering: candidate counts and addresses for IT.
// udpRelayWorked: some TURN/UDP probe relayed (UDP is not blocked).
std::string directProbeNote(const IceObservation& direct, bool udpRelayWorked);

// Border-element evidence (diagnosis_proxy.cpp), shared by every row.
// Whether a TURN/STUN probe proved the network path (relay, or any 401: the server answered),
// failed it, is still unfinished (cancelled run), or says nothing about it (bad configuration).
enum class TurnPath { Works, Fails, Pending, NotJudged };
TurnPath turnPath(const IceObservation& o);
// Chromium's icecandidateerror text when a TURN/STUN host name does not resolve (UDP URLs only:
// TCP/TLS say just "Failed to establish connection").
bool hostLookupFailed(const IceObservation& o);
// Hosts for which some ICE probe (relay or direct) reported that lookup error.
std::vector<std::string> unresolvedHosts(const Observations& obs);
// HTTPS to `host` answered (Ok or Opaque); an empty host means any HTTPS endpoint.
bool httpsReached(const Observations& obs, const std::string& host);
// "the HTTP proxy squid.corp:3128", or "the HTTP proxy" without a label.
std::string proxyName(const NetworkHint& network);
// Whether any TURN/TLS probe proved its path (media can ride TURN/TLS 443).
bool tlsRelayWorks(const Observations& obs);
// Unknown or no proxy: what the TURN and HTTPS evidence suggests about the border (notes only).
void borderNotes(const Profile& profile, const Observations& obs, std::vector<std::string>& notes);
// Extra advice for a failing turn-udp row: UDP never goes through a configured proxy; or, when
// every UDP probe went unanswered (`allUnanswered`), UDP looks blocked. Empty when neither.
std::string udpBorderAdvice(const Profile& profile, const Observations& obs, bool allUnanswered,
                            std::vector<std::string>& notes);
// Names that failed to resolve for TURN/UDP although TCP/TLS to them worked.
void dnsNotes(const Profile& profile, const Observations& obs, std::vector<std::string>& notes);

// Rows (diagnosis_signal.cpp, diagnosis_turn.cpp). Notes collect what was inferred.
Requirement httpsRow(const Profile& profile, const Observations& obs,
                     std::vector<std::string>& notes);
Requirement xmppRow(const Profile& profile, const Observations& obs,
                    std::vector<std::string>& notes);
Requirement turnRow(IceTransport transport, const Profile& profile, const Observations& obs,
                    std::vector<std::string>& notes);
// `proxy-websocket` and `proxy-turn` (diagnosis_proxy.cpp): measured only when the host page
// states a proxy is configured; otherwise skipped, with inferences in notes.
Requirement proxyWebSocketRow(const Profile& profile, const Observations& obs);
Requirement proxyTurnRow(const Profile& profile, const Observations& obs,
                         std::vector<std::string>& notes);
// `media` and `bandwidth` (diagnosis_media.cpp) from the relay loopback call, and the report's
// media section (only when a call was placed).
Requirement mediaRow(const Profile& profile, const Observations& obs);
Requirement bandwidthRow(const Profile& profile, const Observations& obs);
void fillMediaSection(const Profile& profile, const Observations& obs, Report* report);
// Region with the fastest relay allocation (tie: profile order); empty when none relayed.
std::string bestTurnRegion(const Profile& profile, const Observations& obs,
                           std::vector<std::string>& notes);

}  // namespace netready::diag
