// Shared pieces of diagnose(), split across diagnosis*.cpp. Not a public header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnosis/facts.h"
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
Text ms(std::int64_t value);                           // "70 ms" (data)
Text joinList(const std::vector<std::string>& items);  // "a, b and c" in the reader's language
Text joinList(const std::vector<Text>& items);
// Cuts untrusted text (bodies, browser errors) to `max` bytes on a UTF-8 boundary.
std::string clip(std::string_view text, std::size_t max = 160);
// clip() applied to each data part of `text` (a probe's detail): our messages stay whole.
Text clipData(const Text& text, std::size_t max = 160);
void addUnique(std::vector<std::string>& list, const std::string& item);
bool has(const std::vector<std::string>& list, const std::string& item);
void addUnique(std::vector<Text>& list, const Text& item);
// Sentences joined by one space.
Text sentences(const std::vector<Text>& items);
// `text` without trailing spaces in its last data part (texts built sentence by sentence).
Text trimmedEnd(Text text);
// Direct (non-relay) gathering: candidate counts and addresses for IT.
// udpRelayWorked: some TURN/UDP probe relayed (UDP is not blocked).
Text directProbeNote(const IceObservation& direct, bool udpRelayWorked);

// Border-element inferences (diagnosis_border.cpp), shared by several rows; each writes into the
// notes of the row that asks.
// "the HTTP proxy squid.corp:3128", or "the HTTP proxy" without a label.
Text proxyName(const NetworkHint& network);
// Unknown or no proxy: what the TURN and HTTPS evidence suggests about the border (notes only).
void borderNotes(const Facts& f, std::vector<Text>& notes);
// Extra advice for a failing turn-udp row: UDP never goes through a configured proxy; or, when
// every UDP probe went unanswered (`allUnanswered`), UDP looks blocked. Empty when neither.
Text udpBorderAdvice(const Facts& f, bool allUnanswered, std::vector<Text>& notes);
// Names that failed to resolve for TURN/UDP although TCP/TLS to them worked.
void dnsNotes(const Facts& f, std::vector<Text>& notes);

// Rows, each a pure function of the facts (diagnosis_signal.cpp, diagnosis_turn.cpp,
// diagnosis_proxy.cpp, diagnosis_media.cpp).
RowResult httpsRow(const Facts& f);
RowResult xmppRow(const Facts& f);
RowResult turnRow(IceTransport transport, const Facts& f);
// `proxy-websocket` and `proxy-turn`: measured only when the host page states a proxy is
// configured; otherwise skipped, with inferences in notes.
RowResult proxyWebSocketRow(const Facts& f);
RowResult proxyTurnRow(const Facts& f);
// `media` and `bandwidth` from the relay loopback call.
RowResult mediaRow(const Facts& f);
RowResult bandwidthRow(const Facts& f);
// The report's media section (only when a call was placed) and the notes on reading its stats.
struct MediaSectionResult {
  bool placed = false;
  MediaSection section;
  std::vector<Text> notes;
};
MediaSectionResult mediaSection(const Facts& f);
// Region with the fastest relay allocation (tie: profile order); empty when none relayed
// (diagnosis_region.cpp).
struct BestRegion {
  std::string region;
  std::vector<Text> notes;
};
BestRegion bestTurnRegion(const Facts& f);

}  // namespace netready::diag
