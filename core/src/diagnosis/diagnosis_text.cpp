// Small text helpers for the diagnosis, and the note describing the direct (non-relay) probe.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnosis/diagnosis_internal.h"
#include "netready/candidate.h"
#include "parse/control_bytes.h"
#include "parse/url_authority.h"

namespace netready::diag {

HostPort splitUrl(std::string_view text) {
  const auto parts = url::splitHierarchical(text);
  const std::string_view scheme = parts ? parts->scheme : std::string_view();
  const url::Authority a = url::splitAuthority(
      parts ? parts->authority : text.substr(0, std::min(text.find_first_of("/?#"), text.size())));
  // Only http/ws default to 80; the guide's signalling is all TLS on 443.
  const std::uint16_t defaultPort = (scheme == "http" || scheme == "ws") ? 80 : 443;
  return {url::normalizedHost(a), url::portOr(a.port, defaultPort).value_or(defaultPort)};
}

Text ms(std::int64_t value) { return Text(std::to_string(value) + " ms"); }

Text joinList(const std::vector<Text>& items) { return Text::list(items); }

Text joinList(const std::vector<std::string>& items) {
  return Text::list(std::vector<Text>(items.begin(), items.end()));
}

std::string clip(std::string_view text, std::size_t max) {
  // Control characters (C0, DEL, C1) of a server's body or a browser's text never reach the
  // report, the page or a terminal.
  std::string clean;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t n = text[i] == '\t' ? 0 : netready::text::controlAt(text, i);
    clean += n > 0 ? ' ' : text[i];
    if (n > 0) i += n - 1;
  }
  if (clean.size() <= max) return clean;
  std::size_t end = max;
  // Step back over UTF-8 continuation bytes so the cut never splits a character.
  while (end > 0 && (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80) --end;
  return clean.substr(0, end) + "...";
}

Text clipData(const Text& text, std::size_t max) {
  return mapData(text, [max](const std::string& data) { return clip(data, max); });
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void addUnique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

void addUnique(std::vector<Text>& list, const Text& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

Text sentences(const std::vector<Text>& items) {
  Text out;
  for (const Text& t : items) {
    if (t.empty()) continue;
    if (!out.empty()) out += " ";
    out += t;
  }
  return out;
}

Text trimmedEnd(Text text) {
  std::vector<Text::Part>& parts = text.parts();
  while (!parts.empty() && parts.back().id.empty()) {
    std::string& d = parts.back().data;
    while (!d.empty() && d.back() == ' ') d.pop_back();
    if (!d.empty()) break;
    parts.pop_back();
  }
  return text;
}

namespace {

// IT needs real interface addresses; mDNS names are random per session and say nothing: they
// are listed once, as a word (an empty address stands for them).
std::string shownAddress(const Candidate& c) {
  return c.addressKind == AddressKind::Mdns ? std::string() : c.address;
}

Text addressList(const std::vector<std::string>& addresses) {
  std::vector<Text> shown;
  for (const std::string& a : addresses) shown.push_back(a.empty() ? msg("direct.mdns-hidden") : a);
  return joinList(shown);
}

}  // namespace

Text directProbeNote(const IceObservation& direct, bool udpRelayWorked) {
  std::vector<std::string> host, srflx;
  int counts[4] = {0, 0, 0, 0};
  for (const Candidate& c : direct.candidates) {
    ++counts[static_cast<int>(c.type)];
    if (c.type == CandidateType::Host) addUnique(host, shownAddress(c));
    if (c.type == CandidateType::Srflx) addUnique(srflx, c.address);
  }
  Text note;
  if (direct.candidates.empty()) {
    note += msg("direct.no-candidate");
  } else {
    std::vector<std::string> parts;
    const CandidateType kinds[] = {CandidateType::Host, CandidateType::Srflx, CandidateType::Prflx,
                                   CandidateType::Relay};
    for (CandidateType t : kinds) {
      int n = counts[static_cast<int>(t)];
      if (n > 0) parts.push_back(std::to_string(n) + " " + toString(t));
    }
    note += msg(direct.candidates.size() == 1 ? "direct.candidate" : "direct.candidates",
                {joinList(parts)});
    if (!host.empty()) note += msg("direct.host-addresses", {addressList(host)});
  }
  for (const std::string& a : srflx) {
    bool onInterface = !a.empty() && std::find(host.begin(), host.end(), a) != host.end();
    note += msg(onInterface ? "direct.srflx-no-nat" : "direct.srflx-nat", {a});
  }
  bool askedStun = !direct.url.empty() && !direct.parsed.isTurn();
  if (srflx.empty() && askedStun) {
    // Firefox drops a srflx equal to a host address (no NAT): with a UDP relay working, the
    // missing srflx says nothing about UDP being blocked.
    const std::string from = hostPort(direct.parsed);
    note += hostLookupFailed(direct) ? msg("direct.no-srflx-dns", {from, direct.parsed.host})
            : udpRelayWorked         ? msg("direct.no-srflx-omitted", {from})
                                     : msg("direct.no-srflx-no-answer", {from});
  }
  if (!direct.badCandidates.empty()) {
    note += msg("direct.unreadable", {std::to_string(direct.badCandidates.size())});
  }
  return msg("direct.note", {ms(direct.elapsedMs), note});
}

}  // namespace netready::diag
