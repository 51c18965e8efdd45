#include "netready/ice_url.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>

namespace netready {
namespace {

struct GoodUrl {
  std::string text;
  IceScheme scheme;
  std::string host;
  bool ipv6;
  int port;
  bool explicitPort;
  std::string transportParam;
  IceTransport transport;
  std::string label;
  std::string hostPort;
};

TEST(IceUrlParse, AcceptsValidUrls) {
  const GoodUrl cases[] = {
      {"stun:stun.l.google.com:19302", IceScheme::Stun, "stun.l.google.com", false, 19302, true, "",
       IceTransport::Udp, "STUN/UDP", "stun.l.google.com:19302"},
      {"stun:example.org", IceScheme::Stun, "example.org", false, 3478, false, "",
       IceTransport::Udp, "STUN/UDP", "example.org:3478"},
      {"stuns:example.org", IceScheme::Stuns, "example.org", false, 5349, false, "",
       IceTransport::Tls, "STUN/TLS", "example.org:5349"},
      {"turn:turn.example.com", IceScheme::Turn, "turn.example.com", false, 3478, false, "",
       IceTransport::Udp, "TURN/UDP", "turn.example.com:3478"},
      {"turn:turn.example.com:3478?transport=udp", IceScheme::Turn, "turn.example.com", false, 3478,
       true, "udp", IceTransport::Udp, "TURN/UDP", "turn.example.com:3478"},
      {"turn:turn.example.com:443?transport=tcp", IceScheme::Turn, "turn.example.com", false, 443,
       true, "tcp", IceTransport::Tcp, "TURN/TCP", "turn.example.com:443"},
      {"turns:turn.example.com:443?transport=tcp", IceScheme::Turns, "turn.example.com", false, 443,
       true, "tcp", IceTransport::Tls, "TURN/TLS", "turn.example.com:443"},
      {"turns:turn.example.com", IceScheme::Turns, "turn.example.com", false, 5349, false, "",
       IceTransport::Tls, "TURN/TLS", "turn.example.com:5349"},
      {"TURN:Host.Example:1", IceScheme::Turn, "Host.Example", false, 1, true, "",
       IceTransport::Udp, "TURN/UDP", "Host.Example:1"},
      {"turn:h?TRANSPORT=TCP", IceScheme::Turn, "h", false, 3478, false, "tcp", IceTransport::Tcp,
       "TURN/TCP", "h:3478"},
      {"turn:203.0.113.7:65535", IceScheme::Turn, "203.0.113.7", false, 65535, true, "",
       IceTransport::Udp, "TURN/UDP", "203.0.113.7:65535"},
      {"turn:[2001:db8::1]:3478?transport=tcp", IceScheme::Turn, "2001:db8::1", true, 3478, true,
       "tcp", IceTransport::Tcp, "TURN/TCP", "[2001:db8::1]:3478"},
      {"stun:[::1]", IceScheme::Stun, "::1", true, 3478, false, "", IceTransport::Udp, "STUN/UDP",
       "[::1]:3478"},
      {"turns:[::ffff:192.0.2.1]:5349", IceScheme::Turns, "::ffff:192.0.2.1", true, 5349, true, "",
       IceTransport::Tls, "TURN/TLS", "[::ffff:192.0.2.1]:5349"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = parseIceUrl(c.text);
    ASSERT_TRUE(r.ok()) << r.error();
    EXPECT_EQ(r->scheme, c.scheme);
    EXPECT_EQ(r->host, c.host);
    EXPECT_EQ(r->ipv6Literal, c.ipv6);
    EXPECT_EQ(r->port, c.port);
    EXPECT_EQ(r->explicitPort, c.explicitPort);
    EXPECT_EQ(r->transportParam, c.transportParam);
    EXPECT_EQ(r->transport, c.transport);
    EXPECT_EQ(transportLabel(*r), c.label);
    EXPECT_EQ(hostPort(*r), c.hostPort);
  }
}

struct BadUrl {
  std::string text;
  std::string message;  // substring expected in the error
};

TEST(IceUrlParse, RejectsWithReasons) {
  const BadUrl cases[] = {
      {"", "empty"},
      {"tun:x", "\"tun:x\" is not a stun:, turn: or turns: URL"},
      {"http://example.com", "is not a stun:, turn: or turns: URL"},
      {"example.com", "\"example.com\" is not a stun:, turn: or turns: URL"},
      {"turn:host:99999", "\"turn:host:99999\": port 99999 is out of range"},
      {"turn:host:0", "port 0 is out of range"},
      {"turn:host:123456789012345678901234567890", "is out of range"},
      {"turn:host:ab", "port \"ab\" is not a number"},
      {"turn:host:-1", "is not a number"},
      {"turn:", "\"turn:\": missing host"},
      {"turn::3478", "missing host"},
      {"turn:?transport=udp", "missing host"},
      {"turn:h?transport=sctp", "\"turn:h?transport=sctp\": transport must be udp or tcp"},
      {"turn:h?transport=tls", "transport must be udp or tcp"},
      {"turn:h?transport=", "transport must be udp or tcp"},
      {"turn:h?transport", "transport must be udp or tcp"},
      {"turn:h?", "empty query"},
      {"turn:h?foo=bar", "unknown query parameter \"foo\""},
      {"turn:h?transport=udp&x=1", "transport must be udp or tcp"},
      {"stun:h?transport=udp", "stun: URLs take no query"},
      {"stuns:h?transport=tcp", "stuns: URLs take no query"},
      {"turn:user@host", "user info"},
      {"turn:user:pass@host:3478", "user info"},
      {"turn://host:3478", "\"//\" is not allowed"},
      {"turn:host/path", "'/' is not allowed"},
      {"turn:host#frag", "'#' is not allowed"},
      {"turn:ho%st", "'%' that is not followed by two hex digits"},
      {"turn:ho^st", "host contains '^'"},
      {"turn:2001:db8::1", "IPv6 addresses must be in brackets"},
      {"turn:[2001:db8::1", "missing ']'"},
      {"turn:[]", "missing host"},
      {"turn:[2001:db8:::1]", "is not a valid IPv6 address"},
      {"turn:[fe80::1%eth0]", "is not a valid IPv6 address"},
      {"turn:[::1]x", "unexpected text after ']'"},
      {" turn:host", "whitespace at offset 0"},
      {"turn:host ", "whitespace at offset 9"},
      {"turn:ho\tst", "whitespace"},
      {"turn:host\n", "whitespace"},
      {std::string("turn:h\0st", 9), "control byte 0x00 at offset 6"},
      {"turn:h\x01st", "control byte 0x01"},
      {"turn:h\x7fst", "control byte 0x7f"},
      {"turn:h\xff\xfe", "non-ASCII byte 0xff at offset 6"},
      {"turn:t\xc3\xbcrn.example", "non-ASCII byte 0xc3"},
      {"turn:" + std::string(2100, 'a'), "the limit is 2048"},
      {"turn:" + std::string(300, 'a'), "host is longer than 253"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text.substr(0, 80));
    auto r = parseIceUrl(c.text);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().find(c.message), std::string::npos) << r.error();
  }
}

TEST(IceUrlParse, UnknownSchemeExactWording) {
  auto r = parseIceUrl("tun:x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "\"tun:x\" is not a stun:, turn: or turns: URL");
}

TEST(IceUrlParse, QuotedInputIsEscapedAndBounded) {
  auto r = parseIceUrl("turn:\xff\"" + std::string(3000, 'x'));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().find('\xff'), std::string::npos) << "raw byte leaked into message";
  EXPECT_LT(r.error().size(), 300u);
  EXPECT_NE(r.error().find("\\xff"), std::string::npos);
}

TEST(IceUrlParse, BoundaryLengths) {
  std::string host(253, 'a');
  EXPECT_TRUE(parseIceUrl("turn:" + host).ok());
  std::string atLimit = "turn:h?transport=udp";
  EXPECT_TRUE(parseIceUrl(atLimit).ok());
  // 2048 bytes exactly is screened by the host-length rule, not the URL-length rule.
  auto r = parseIceUrl("turn:" + std::string(2043, 'a'));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().find("limit is 2048"), std::string::npos) << r.error();
}

TEST(IceUrlToString, Names) {
  EXPECT_STREQ(toString(IceScheme::Stun), "stun");
  EXPECT_STREQ(toString(IceScheme::Stuns), "stuns");
  EXPECT_STREQ(toString(IceScheme::Turn), "turn");
  EXPECT_STREQ(toString(IceScheme::Turns), "turns");
  EXPECT_STREQ(toString(IceTransport::Udp), "udp");
  EXPECT_STREQ(toString(IceTransport::Tcp), "tcp");
  EXPECT_STREQ(toString(IceTransport::Tls), "tls");
}

TEST(IceUrlIpLiterals, Ipv4) {
  for (const char* good : {"0.0.0.0", "1.2.3.4", "255.255.255.255", "192.168.1.23"}) {
    EXPECT_TRUE(isIpv4Address(good)) << good;
  }
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.",
                          ".1.2.3", "a.b.c.d", "1.2.3.4 ", "1234.1.1.1", "1.2.3.-4"}) {
    EXPECT_FALSE(isIpv4Address(bad)) << bad;
  }
}

TEST(IceUrlIpLiterals, Ipv6) {
  for (const char* good :
       {"::", "::1", "1::", "2001:db8::5", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6::8",
        "::ffff:192.0.2.1", "64:ff9b::203.0.113.7", "1:2:3:4:5:6:1.2.3.4", "ABCD:ef01::"}) {
    EXPECT_TRUE(isIpv6Address(good)) << good;
  }
  for (const char* bad : {"", ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3",
                          "12345::", "g::1", "1:", ":1", "1:2:3:4:5:6:7:8::", "::1.2.3",
                          "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0", "1:::2"}) {
    EXPECT_FALSE(isIpv6Address(bad)) << bad;
  }
}

// Deterministic fuzz: every truncation and single-byte flip must return, ok or not.
TEST(IceUrlParse, NeverCrashesOnMutations) {
  const std::string seeds[] = {"turns:[2001:db8::1]:5349?transport=tcp",
                               "turn:turn.example.com:3478?transport=udp", "stun:1.2.3.4:19302"};
  const unsigned char flips[] = {0x00, 0x20, 0x3a, 0x40, 0x5b, 0x5d, 0x3f, 0x3d, 0x7f, 0x80, 0xff};
  std::size_t parsed = 0;
  for (const auto& seed : seeds) {
    for (std::size_t cut = 0; cut <= seed.size(); ++cut) {
      auto r = parseIceUrl(seed.substr(0, cut));
      EXPECT_TRUE(r.ok() || !r.error().empty());
      ++parsed;
    }
    for (std::size_t i = 0; i < seed.size(); ++i) {
      for (unsigned char f : flips) {
        std::string m = seed;
        m[i] = static_cast<char>(f);
        auto r = parseIceUrl(m);
        EXPECT_TRUE(r.ok() || !r.error().empty());
        ++parsed;
      }
    }
  }
  EXPECT_GT(parsed, 300u);
}

}  // namespace
}  // namespace netready
