#include "core/vocabulary_print.h"
#include "netready/candidate.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace netready {
namespace {

struct GoodLine {
  std::string line;
  // foundation comp proto priority address kind port type [raddr:rport] [tcptype] [ext=value...]
  std::string expected;
};

// One-line summary so the table below stays readable; raddr/rport/tcptype appear only when set.
std::string describe(const Candidate& c) {
  std::string out = c.foundation + " " + std::to_string(c.component) + " " + c.protocol + " " +
                    std::to_string(c.priority) + " " + c.address + " " + toString(c.addressKind) +
                    " " + std::to_string(c.port) + " " + toString(c.type);
  if (!c.relatedAddress.empty() || c.relatedPort >= 0) {
    out += " " + c.relatedAddress + ":" + std::to_string(c.relatedPort);
  }
  if (!c.tcpType.empty()) out += " " + c.tcpType;
  for (const auto& [name, value] : c.extensions) out += " " + name + "=" + value;
  return out;
}

// Lines exactly as Chromium and Firefox put them in RTCIceCandidate.candidate.
const std::vector<GoodLine>& realLines() {
  static const std::vector<GoodLine> lines = {
      // Chromium: host, tcp active, srflx, relay, mDNS host, IPv6 host, srflx with hidden base.
      {"candidate:1840965416 1 udp 2122260223 192.168.1.23 54321 typ host generation 0 ufrag abcd "
       "network-id 1 network-cost 10",
       "1840965416 1 udp 2122260223 192.168.1.23 ipv4 54321 host generation=0 ufrag=abcd "
       "network-id=1 network-cost=10"},
      {"candidate:3098175849 1 tcp 1518280447 192.168.1.23 9 typ host tcptype active generation 0 "
       "ufrag abcd network-id 1",
       "3098175849 1 tcp 1518280447 192.168.1.23 ipv4 9 host active generation=0 ufrag=abcd "
       "network-id=1"},
      {"candidate:842163049 1 udp 1686052607 203.0.113.7 61234 typ srflx raddr 192.168.1.23 rport "
       "54321 generation 0 ufrag abcd network-id 1 network-cost 10",
       "842163049 1 udp 1686052607 203.0.113.7 ipv4 61234 srflx 192.168.1.23:54321 generation=0 "
       "ufrag=abcd network-id=1 network-cost=10"},
      {"candidate:2157334355 1 udp 41885439 198.18.0.21 50123 typ relay raddr 203.0.113.7 rport "
       "61234 generation 0 ufrag abcd network-id 1",
       "2157334355 1 udp 41885439 198.18.0.21 ipv4 50123 relay 203.0.113.7:61234 generation=0 "
       "ufrag=abcd network-id=1"},
      {"candidate:3575128405 1 udp 2113937151 4b1c2f0e-8b7a-4d53-9c3e-0a4b8f7e1d2c.local 56789 typ "
       "host generation 0 ufrag ab12 network-cost 999",
       "3575128405 1 udp 2113937151 4b1c2f0e-8b7a-4d53-9c3e-0a4b8f7e1d2c.local mdns 56789 host "
       "generation=0 ufrag=ab12 network-cost=999"},
      {"candidate:2999745851 1 udp 2122197247 2001:db8::5 53000 typ host generation 0 ufrag abcd "
       "network-id 2 network-cost 10",
       "2999745851 1 udp 2122197247 2001:db8::5 ipv6 53000 host generation=0 ufrag=abcd "
       "network-id=2 network-cost=10"},
      {"candidate:1157316223 1 udp 1685855999 203.0.113.7 61235 typ srflx raddr 0.0.0.0 rport 0 "
       "generation 0 ufrag ab12 network-cost 999",
       "1157316223 1 udp 1685855999 203.0.113.7 ipv4 61235 srflx 0.0.0.0:0 generation=0 "
       "ufrag=ab12 network-cost=999"},
      // Firefox: upper-case transport, no extensions; port 0 for tcp active in some versions.
      {"candidate:0 1 UDP 2122252543 192.168.1.23 49152 typ host",
       "0 1 udp 2122252543 192.168.1.23 ipv4 49152 host"},
      {"candidate:1 1 TCP 2105524479 192.168.1.23 9 typ host tcptype active",
       "1 1 tcp 2105524479 192.168.1.23 ipv4 9 host active"},
      {"candidate:2 1 TCP 2105458943 192.168.1.23 53000 typ host tcptype passive",
       "2 1 tcp 2105458943 192.168.1.23 ipv4 53000 host passive"},
      {"candidate:3 1 UDP 1686052863 203.0.113.7 49152 typ srflx raddr 192.168.1.23 rport 49152",
       "3 1 udp 1686052863 203.0.113.7 ipv4 49152 srflx 192.168.1.23:49152"},
      {"candidate:4 1 UDP 92217343 198.18.0.21 62000 typ relay raddr 198.18.0.21 rport 62000",
       "4 1 udp 92217343 198.18.0.21 ipv4 62000 relay 198.18.0.21:62000"},
      {"candidate:0 1 UDP 2122252543 a1b2c3d4-aaaa-bbbb-cccc-0123456789ab.local 56000 typ host",
       "0 1 udp 2122252543 a1b2c3d4-aaaa-bbbb-cccc-0123456789ab.local mdns 56000 host"},
      {"candidate:5 1 TCP 2105393407 192.168.1.23 0 typ host tcptype active",
       "5 1 tcp 2105393407 192.168.1.23 ipv4 0 host active"},
      // SDP a= form (with CRLF), RTCP component, limits, prflx, simultaneous-open, host name.
      {"a=candidate:0 2 UDP 2122252542 192.168.1.23 49153 typ host",
       "0 2 udp 2122252542 192.168.1.23 ipv4 49153 host"},
      {"a=candidate:1840965416 1 udp 2122260223 192.168.1.23 54321 typ host generation 0\r\n",
       "1840965416 1 udp 2122260223 192.168.1.23 ipv4 54321 host generation=0"},
      {"candidate:a+b/C 256 udp 4294967295 fe80::1:2:3:4 65535 typ prflx raddr ::ffff:10.0.0.1 "
       "rport 1",
       "a+b/C 256 udp 4294967295 fe80::1:2:3:4 ipv6 65535 prflx ::ffff:10.0.0.1:1"},
      {"candidate:7 1 tcp 1 turn.example.com 443 typ relay raddr 10.0.0.1 rport 5 tcptype so",
       "7 1 tcp 1 turn.example.com fqdn 443 relay 10.0.0.1:5 so"},
  };
  return lines;
}

TEST(CandidateParse, AcceptsRealBrowserLines) {
  for (const auto& g : realLines()) {
    SCOPED_TRACE(g.line);
    auto r = parseCandidate(g.line);
    ASSERT_TRUE(r.ok()) << r.error();
    EXPECT_EQ(describe(*r), g.expected);
  }
}

TEST(CandidateParse, ExposesTypedFields) {
  auto r = parseCandidate(realLines()[2].line);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->priority, 1686052607u);
  EXPECT_EQ(r->port, 61234);
  EXPECT_EQ(r->type, CandidateType::Srflx);
  EXPECT_EQ(r->addressKind, AddressKind::IPv4);
  EXPECT_EQ(r->relatedPort, 54321);
  ASSERT_EQ(r->extensions.size(), 4u);
  EXPECT_EQ(r->extensions[3], (std::pair<std::string, std::string>("network-cost", "10")));
}

struct BadLine {
  std::string line;
  std::string message;  // substring expected in the error
};

constexpr const char* kBase = "candidate:1 1 udp 2122260223 192.168.1.23 54321 typ host";

TEST(CandidateParse, RejectsWithFieldNames) {
  const std::string c = "candidate:1 1 udp 2122260223 ";
  const BadLine cases[] = {
      {"", "candidate: empty line"},
      {"\r\n", "empty line"},
      {"a=", "does not start with \"candidate:\""},
      {"a=mid:0", "does not start with \"candidate:\""},
      {"1 1 udp 2122260223 192.168.1.23 54321 typ host", "does not start with \"candidate:\""},
      {"candidate:", "missing foundation"},
      {"candidate: 1 1 udp 1 1.2.3.4 1 typ host", "missing foundation"},
      {"candidate:1", "truncated after foundation"},
      {"candidate:1 1", "truncated after component"},
      {"candidate:1 1 udp", "truncated after transport"},
      {"candidate:1 1 udp 2122260223", "truncated after priority"},
      {"candidate:1 1 udp 2122260223 192.168.1.23", "truncated after address"},
      {"candidate:1 1 udp 2122260223 192.168.1.23 54321", "candidate: truncated after port"},
      {"candidate:1 1 udp 2122260223 192.168.1.23 54321 typ", "\"typ\" has no value"},
      {"candidate:1 1 udp 2122260223 192.168.1.23 54321 type host", "candidate: missing \"typ\""},
      {"candidate:1 1 udp 2122260223 192.168.1.23 54321 host", "missing \"typ\""},
      {"candidate:" + std::string(33, 'f') + " 1 udp 1 1.2.3.4 1 typ host", "foundation"},
      {"candidate:ab-c 1 udp 1 1.2.3.4 1 typ host", "foundation \"ab-c\""},
      {"candidate:1 0 udp 1 1.2.3.4 1 typ host", "candidate: component \"0\" is not 1..256"},
      {"candidate:1 257 udp 1 1.2.3.4 1 typ host", "component \"257\" is not 1..256"},
      {"candidate:1 x udp 1 1.2.3.4 1 typ host", "component \"x\" is not a number"},
      {"candidate:1 -1 udp 1 1.2.3.4 1 typ host", "component \"-1\" is not a number"},
      {"candidate:1 1 sctp 1 1.2.3.4 1 typ host", "transport \"sctp\" is not udp or tcp"},
      {"candidate:1 1 udp 0 1.2.3.4 1 typ host", "priority \"0\" is not 1..4294967295"},
      {"candidate:1 1 udp 4294967296 1.2.3.4 1 typ host", "priority \"4294967296\" is not 1.."},
      {"candidate:1 1 udp 99999999999999999999999 1.2.3.4 1 typ host", "priority"},
      {"candidate:1 1 udp 12ab 1.2.3.4 1 typ host", "priority \"12ab\" is not a number"},
      {"candidate:1 1 udp -5 1.2.3.4 1 typ host", "priority \"-5\" is not a number"},
      {c + "256.1.1.1 1 typ host", "address \"256.1.1.1\" is not a valid IPv4 address"},
      {c + "1.2.3 1 typ host", "address \"1.2.3\" is not a valid IPv4 address"},
      {c + "1.2.3.4.5 1 typ host", "is not a valid IPv4 address"},
      {c + "2001:db8:::5 1 typ host", "address \"2001:db8:::5\" is not a valid IPv6 address"},
      {c + "1:2:3:4:5:6:7:8:9 1 typ host", "is not a valid IPv6 address"},
      {c + "2001:db8::g 1 typ host", "is not a valid IPv6 address"},
      {c + "[::1] 1 typ host", "is not a valid IPv6 address"},
      {c + "host_name! 1 typ host", "address \"host_name!\" is not an IP address or host name"},
      {c + "a..b 1 typ host", "is not an IP address or host name"},
      {c + "1.2.3.4 65536 typ host", "port \"65536\" is not 0..65535"},
      {c + "1.2.3.4 port typ host", "port \"port\" is not a number"},
      {c + "1.2.3.4 -1 typ host", "port \"-1\" is not a number"},
      {c + "1.2.3.4 1 typ local", "typ \"local\" is not host, srflx, prflx or relay"},
      {"candidate:1 1 tcp 1 1.2.3.4 9 typ host tcptype bogus", "tcptype \"bogus\""},
      {"candidate:1 1 tcp 1 1.2.3.4 9 typ host tcptype", "extension \"tcptype\" has no value"},
      {"candidate:1 1 tcp 1 1.2.3.4 9 typ host tcptype active tcptype so", "tcptype appears twice"},
      {c + "1.2.3.4 1 typ srflx raddr 300.1.1.1 rport 1", "raddr \"300.1.1.1\""},
      {c + "1.2.3.4 1 typ srflx raddr", "extension \"raddr\" has no value"},
      {c + "1.2.3.4 1 typ srflx raddr 1.2.3.4 rport 70000", "rport \"70000\" is not 0..65535"},
      {c + "1.2.3.4 1 typ srflx raddr 1.2.3.4 rport x", "rport \"x\" is not a number"},
      {c + "1.2.3.4 1 typ srflx raddr 1.2.3.4 raddr 1.2.3.4", "raddr appears twice"},
      {c + "1.2.3.4 1 typ srflx rport 1 rport 2", "rport appears twice"},
      {std::string(kBase) + " generation", "extension \"generation\" has no value"},
      {std::string(kBase) + " generation 0 ufrag", "extension \"ufrag\" has no value"},
      {std::string(kBase) + " \xff\xfe", "non-ASCII byte 0xff at offset 57"},
      {"candidate:1 1 udp 2122260223 t\xc3\xbcrn.example 1 typ host", "non-ASCII byte 0xc3"},
      {std::string("candidate:1 1 udp 1\0 1.2.3.4 1 typ host", 39), "control byte 0x00"},
      {"candidate:1\t1 udp 1 1.2.3.4 1 typ host", "control byte 0x09 at offset 11"},
      {std::string(kBase) + "\r\ngeneration 0", "control byte 0x0d"},
      {std::string(kBase) + " ufrag " + std::string(4100, 'a'), "the limit is 4096"},
  };
  for (const auto& b : cases) {
    SCOPED_TRACE(b.line.substr(0, 100));
    auto r = parseCandidate(b.line);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().find(b.message), std::string::npos) << r.error();
    EXPECT_EQ(r.error().rfind("candidate: ", 0), 0u) << r.error();
  }
}

TEST(CandidateParse, TruncatedAtEveryFieldNamesThePreviousField) {
  const std::string line = "candidate:1 1 udp 2122260223 192.168.1.23 54321 typ host";
  const char* expected[] = {"foundation", "component", "transport", "priority", "address", "port"};
  std::size_t pos = line.find(' ');
  for (const char* field : expected) {
    SCOPED_TRACE(line.substr(0, pos));
    auto r = parseCandidate(line.substr(0, pos));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error(), std::string("candidate: truncated after ") + field);
    pos = line.find(' ', pos + 1);
  }
}

TEST(CandidateParse, LineLengthLimit) {
  std::string base = kBase;
  std::string atLimit = base + " x " + std::string(4096 - base.size() - 3, 'y');
  ASSERT_EQ(atLimit.size(), 4096u);
  EXPECT_TRUE(parseCandidate(atLimit).ok());
  auto r = parseCandidate(atLimit + "y");
  ASSERT_FALSE(r.ok());
  EXPECT_LT(r.error().size(), 200u);
}

TEST(CandidateParse, LongTokensAreQuotedBounded) {
  auto r = parseCandidate("candidate:1 1 udp 1 1.2.3.4 " + std::string(3000, '9') + " typ host");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("port \""), std::string::npos) << r.error();
  EXPECT_LT(r.error().size(), 200u);
}

TEST(CandidateParse, KeywordsAreCaseInsensitive) {
  auto r = parseCandidate("a=Candidate:1 1 Tcp 1 1.2.3.4 9 TYP Host TcpType Active");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->protocol, "tcp");
  EXPECT_EQ(r->type, CandidateType::Host);
  EXPECT_EQ(r->tcpType, "active");
}

TEST(CandidateParse, NonUuidLocalNameIsFqdn) {
  auto r = parseCandidate("candidate:1 1 udp 1 printer.local 9 typ host");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->addressKind, AddressKind::Fqdn);
}

TEST(CandidateToString, Names) {
  EXPECT_STREQ(toString(CandidateType::Host), "host");
  EXPECT_STREQ(toString(CandidateType::Srflx), "srflx");
  EXPECT_STREQ(toString(CandidateType::Prflx), "prflx");
  EXPECT_STREQ(toString(CandidateType::Relay), "relay");
  EXPECT_STREQ(toString(AddressKind::IPv4), "ipv4");
  EXPECT_STREQ(toString(AddressKind::IPv6), "ipv6");
  EXPECT_STREQ(toString(AddressKind::Mdns), "mdns");
  EXPECT_STREQ(toString(AddressKind::Fqdn), "fqdn");
}

// Deterministic fuzz over the real lines: every truncation, and every position flipped to a
// set of structurally interesting bytes, must return ok or a non-empty "candidate: " error.
TEST(CandidateParse, NeverCrashesOnMutations) {
  const unsigned char flips[] = {0x00, 0x09, 0x20, 0x2e, 0x30, 0x39, 0x3a,
                                 0x41, 0x7f, 0x80, 0xc3, 0xfe, 0xff};
  std::size_t runs = 0;
  for (const auto& g : realLines()) {
    const std::string& seed = g.line;
    for (std::size_t cut = 0; cut <= seed.size(); ++cut) {
      auto r = parseCandidate(seed.substr(0, cut));
      EXPECT_TRUE(r.ok() || r.error().rfind("candidate: ", 0) == 0) << seed.substr(0, cut);
      ++runs;
    }
    for (std::size_t i = 0; i < seed.size(); ++i) {
      for (unsigned char f : flips) {
        std::string m = seed;
        m[i] = static_cast<char>(f);
        auto r = parseCandidate(m);
        EXPECT_TRUE(r.ok() || r.error().size() > 11) << m;
        ++runs;
      }
      // Deleting one byte merges or splits fields.
      std::string d = seed;
      d.erase(i, 1);
      auto r = parseCandidate(d);
      EXPECT_TRUE(r.ok() || !r.error().empty()) << d;
      ++runs;
    }
  }
  EXPECT_GT(runs, 10000u);
}

}  // namespace
}  // namespace netready
