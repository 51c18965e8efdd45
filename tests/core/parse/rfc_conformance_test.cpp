// Where the parsers follow the RFC text to the letter, one row per rule with its section, and
// where they keep a browser's reading on purpose (marked "lenient").
#include <gtest/gtest.h>

#include <string>

#include "core/vocabulary_print.h"
#include "netready/candidate.h"
#include "netready/ice_url.h"
#include "netready/profile.h"
#include "netready/report.h"
#include "parse/url_authority.h"
#include "probes/ice_probe.h"

namespace netready {
namespace {

struct Row {
  const char* rfc;
  std::string input;
  bool ok;
  std::string expect;  // ok: a summary of what was read; not ok: part of the error
};

std::string iceSummary(const IceUrl& u) {
  return u.host + " " + std::to_string(u.port) + (u.explicitPort ? " explicit " : " default ") +
         transportLabel(u);
}

TEST(RfcConformance, IceUrls) {
  const Row rows[] = {
      {"RFC 3986 §3.2.2 reg-name: pct-encoded", "turn:%74urn.example.com", true,
       "%74urn.example.com 3478 default TURN/UDP"},
      {"RFC 3986 §3.2.2 reg-name: sub-delims", "stun:a!b.example", true,
       "a!b.example 3478 default STUN/UDP"},
      {"RFC 3986 §3.2.2: not IPv4address, so a reg-name", "turn:256.1.1.1", true,
       "256.1.1.1 3478 default TURN/UDP"},
      {"RFC 3986 §3.2.2: not IPv4address, so a reg-name", "turn:1.2.3:80", true,
       "1.2.3 80 explicit TURN/UDP"},
      {"RFC 3986 §3.2.3 port = *DIGIT: empty is the default", "stun:host:", true,
       "host 3478 default STUN/UDP"},
      {"RFC 3986 §3.2.3, RFC 7065 §3 default 5349", "turns:host:?transport=tcp", true,
       "host 5349 default TURN/TLS"},
      {"RFC 3986 §2.1 pct-encoded = \"%\" HEXDIG HEXDIG", "turn:a%4", false,
       "'%' that is not followed by two hex digits"},
      {"RFC 3986 §2.1", "turn:a%zz.example", false, "'%' that is not followed by two hex"},
      {"RFC 3986 §3.2.2: '^' is not in reg-name", "turn:a^b", false, "host contains '^'"},
      {"RFC 7350 §5: turns + transport=udp is DTLS, not TLS", "turns:host:443?transport=udp", false,
       "TURN over DTLS (RFC 7350 §5)"},
      {"RFC 7065 §3: transport=tcp on turns is TLS", "turns:host:443?transport=tcp", true,
       "host 443 explicit TURN/TLS"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(std::string(r.rfc) + ": " + r.input);
    const Result<IceUrl> u = parseIceUrl(r.input);
    ASSERT_EQ(u.ok(), r.ok) << (u.ok() ? iceSummary(u.value()) : u.error());
    if (r.ok) {
      EXPECT_EQ(iceSummary(u.value()), r.expect);
    } else {
      EXPECT_NE(u.error().find(r.expect), std::string::npos) << u.error();
    }
  }
}

TEST(RfcConformance, WebUrlsInTheProfile) {
  const Row rows[] = {
      {"RFC 3986 §3.2.2 reg-name: pct-encoded", "https://%77eb.example/ping", true, ""},
      {"RFC 3986 §3.2.2: not IPv4address, so a reg-name", "https://1.2.3/ping", true, ""},
      {"RFC 3986 §3.2.3: empty port is the default", "https://host:/ping", true, ""},
      {"RFC 4291 §2.2 (strict IPv6)", "https://[:]/", false, "has no valid host"},
      {"RFC 3986 §2.1", "https://a%g1/", false, "has no valid host"},
      {"RFC 3986 §3.2.3 (port 0 is no port to connect to)", "https://host:0/", false,
       "has a bad port"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(std::string(r.rfc) + ": " + r.input);
    const Result<Profile> p = parseProfile(R"({"https":[{"url":")" + r.input + R"("}]})");
    ASSERT_EQ(p.ok(), r.ok) << (p.ok() ? "" : p.error());
    if (!r.ok) {
      EXPECT_NE(p.error().find(r.expect), std::string::npos) << p.error();
    }
  }
}

TEST(RfcConformance, HostsAreComparedNormalized) {
  // RFC 3986 §6.2.2.1 (case) and §6.2.2.2 (percent-encoding) normalization.
  const url::Authority a = url::splitAuthority("%57eb.Example.COM:8443");
  EXPECT_EQ(url::normalizedHost(a), "web.example.com");
  EXPECT_EQ(a.port, "8443");
  // Decoding never yields a raw control byte: %00 stays written out.
  EXPECT_EQ(url::normalizedHost(url::splitAuthority("a%00b")), "a%00b");
  // The page on https://%57EB.example:443 is the service's own origin (RFC 6454 §6.1).
  Profile profile = rainbowDefaultProfile();
  profile.https = {{"https://web.example/api/ping", "rest", "", "§5.4"}};
  EXPECT_EQ(originModeFor(profile, "https://%57EB.example:443"), OriginMode::Service);
  // The name probe looks up the decoded name, not "%77eb..." (which no resolver knows).
  const auto probes = nameProbeConfigs("wss://%77eb.example/ws", 1500);
  ASSERT_EQ(probes.size(), 1u);
  EXPECT_EQ(probes[0].url, "stun:web.example:443");
  // Digits and dots are an IPv4 number to a browser (WHATWG URL): nothing to look up.
  EXPECT_TRUE(nameProbeConfigs("wss://1.2.3/ws", 1500).empty());
}

std::string candSummary(const Candidate& c) {
  std::string out = std::string(toString(c.type)) + " " + c.protocol;
  if (!c.tcpType.empty()) out += " tcptype=" + c.tcpType;
  for (const auto& [n, v] : c.extensions) out += " " + n + "=" + v;
  return out;
}

TEST(RfcConformance, Candidates) {
  const std::string host = "candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host";
  const Row rows[] = {
      {"RFC 8839 §5.1 extension-att-value = *VCHAR (may be empty)", host + " ufrag  generation 0",
       true, "host udp ufrag= generation=0"},
      {"RFC 8839 §5.1 extension-att-value = *VCHAR, at the end", host + " network-cost ", true,
       "host udp network-cost="},
      {"RFC 8839 §5.1: one SP between fields", "candidate:1 1  udp 1 192.0.2.1 1 typ host", false,
       "empty transport (two spaces in a row"},
      {"RFC 8839 §5.1: an extension name is a token", host + " generation 0 ", false,
       "empty extension name"},
      {"RFC 8839 §5.1: unknown pairs MUST be ignored (tcptype on UDP, RFC 6544 §4.5)",
       host + " tcptype active", true, "host udp tcptype=active"},
      {"RFC 6544 §4.5: tcptype on TCP", "candidate:1 1 tcp 1 192.0.2.1 9 typ host tcptype active",
       true, "host tcp tcptype=active"},
      {"RFC 8866 §5: the type letter is case-significant", "A=" + host, false,
       "\"A=\" is not an SDP attribute line"},
      {"RFC 5234 §2.3: ABNF strings are case-insensitive",
       "a=CANDIDATE:1 1 UDP 1 192.0.2.1 1 TYP HOST", true, "host udp"},
      {"RFC 8839 §5.1: rel-addr and rel-port MUST be present (srflx)",
       "candidate:1 1 udp 1 198.51.100.1 1 typ srflx raddr 192.0.2.1", false,
       "srflx candidate without rport"},
      {"RFC 8839 §5.1: rel-addr and rel-port MUST be present (relay)",
       "candidate:1 1 udp 1 198.51.100.1 1 typ relay rport 9", false,
       "relay candidate without raddr"},
      {"RFC 8839 §5.1: rel-addr and rel-port MUST be present (prflx)",
       "candidate:1 1 udp 1 198.51.100.1 1 typ prflx", false,
       "prflx candidate without raddr and rport"},
      {"lenient: rel-addr/rel-port after an extension (order carries no meaning)",
       "candidate:1 1 udp 1 198.51.100.1 1 typ srflx generation 0 raddr 0.0.0.0 rport 0", true,
       "srflx udp generation=0"},
      {"lenient: a host line with raddr (\"MUST be omitted\" binds the sender)",
       host + " raddr 0.0.0.0 rport 0", true, "host udp"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(std::string(r.rfc) + ": " + r.input);
    const Result<Candidate> c = parseCandidate(r.input);
    ASSERT_EQ(c.ok(), r.ok) << (c.ok() ? candSummary(c.value()) : c.error());
    if (r.ok) {
      EXPECT_EQ(candSummary(c.value()), r.expect);
    } else {
      EXPECT_NE(c.error().find(r.expect), std::string::npos) << c.error();
    }
  }
}

}  // namespace
}  // namespace netready
