// Small text helpers for the diagnosis, and the note describing the direct (non-relay) probe.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnosis/diagnosis_internal.h"
#include "netready/candidate.h"

namespace netready::diag {

HostPort splitUrl(std::string_view url) {
  HostPort out;
  std::size_t sep = url.find("://");
  std::string_view scheme = sep == std::string_view::npos ? std::string_view() : url.substr(0, sep);
  std::string_view rest = sep == std::string_view::npos ? url : url.substr(sep + 3);
  rest = rest.substr(0, std::min(rest.find_first_of("/?#"), rest.size()));
  if (std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  std::string_view portText;
  if (!rest.empty() && rest[0] == '[') {
    std::size_t close = rest.find(']');
    out.host =
        std::string(rest.substr(0, close == std::string_view::npos ? rest.size() : close + 1));
    if (close != std::string_view::npos && close + 1 < rest.size() && rest[close + 1] == ':') {
      portText = rest.substr(close + 2);
    }
  } else {
    std::size_t colon = rest.find(':');
    out.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) portText = rest.substr(colon + 1);
  }
  int port = 0;
  bool digits = !portText.empty() && portText.size() <= 5;
  for (char c : portText) {
    if (c < '0' || c > '9') digits = false;
  }
  if (digits) {
    for (char c : portText) port = port * 10 + (c - '0');
  }
  // Only http/ws default to 80; the guide's signalling is all TLS on 443.
  out.port = (digits && port > 0) ? port : (scheme == "http" || scheme == "ws") ? 80 : 443;
  return out;
}

std::string ms(std::int64_t value) { return std::to_string(value) + " ms"; }

std::string joinList(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string clip(std::string_view text, std::size_t max) {
  // Control characters (C0, DEL, C1) of a server's body or a browser's text never reach the
  // report, the page or a terminal.
  std::string clean;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      clean += ' ';
    } else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {
      clean += ' ';
      ++i;
    } else {
      clean += static_cast<char>(c);
    }
  }
  if (clean.size() <= max) return clean;
  std::size_t end = max;
  // Step back over UTF-8 continuation bytes so the cut never splits a character.
  while (end > 0 && (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80) --end;
  return clean.substr(0, end) + "...";
}

void addUnique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

namespace {

// IT needs real interface addresses; mDNS names are random per session and say nothing.
std::string shownAddress(const Candidate& c) {
  return c.addressKind == AddressKind::Mdns ? "mDNS-hidden" : c.address;
}

}  // namespace

std::string directProbeNote(const IceObservation& direct, bool udpRelayWorked) {
  std::vector<std::string> host, srflx;
  int counts[4] = {0, 0, 0, 0};
  for (const Candidate& c : direct.candidates) {
    ++counts[static_cast<int>(c.type)];
    if (c.type == CandidateType::Host) addUnique(host, shownAddress(c));
    if (c.type == CandidateType::Srflx) addUnique(srflx, c.address);
  }
  std::string note = "direct probe (no relay, " + ms(direct.elapsedMs) + "): ";
  if (direct.candidates.empty()) {
    note += "no candidate gathered";
  } else {
    std::vector<std::string> parts;
    const CandidateType kinds[] = {CandidateType::Host, CandidateType::Srflx, CandidateType::Prflx,
                                   CandidateType::Relay};
    for (CandidateType t : kinds) {
      int n = counts[static_cast<int>(t)];
      if (n > 0) parts.push_back(std::to_string(n) + " " + toString(t));
    }
    note += joinList(parts) + (direct.candidates.size() == 1 ? " candidate" : " candidates");
    if (!host.empty()) note += "; host addresses: " + joinList(host);
  }
  for (const std::string& a : srflx) {
    bool onInterface = std::find(host.begin(), host.end(), a) != host.end();
    note += onInterface ? "; srflx " + a + " equals a host address: no NAT on this path"
                        : "; srflx " + a + ": this device is behind NAT with public address " + a;
  }
  bool askedStun = !direct.url.empty() && !direct.parsed.isTurn();
  if (srflx.empty() && askedStun) {
    // Firefox drops a srflx equal to a host address (no NAT): with a UDP relay working, the
    // missing srflx says nothing about UDP being blocked.
    note += "; no srflx candidate from " + hostPort(direct.parsed) +
            (hostLookupFailed(direct) ? ": the name " + direct.parsed.host +
                                            " does not resolve (DNS), so nothing was "
                                            "asked"
             : udpRelayWorked
                 ? ": UDP reaches the TURN servers, so the browser likely omitted a srflx equal "
                   "to a host address (no NAT on this path; inferred)"
                 : ": the STUN server did not answer over UDP (UDP may be blocked; inferred)");
  }
  if (!direct.badCandidates.empty()) {
    note += "; " + std::to_string(direct.badCandidates.size()) + " candidate line(s) unreadable";
  }
  return note;
}

}  // namespace netready::diag
