// originModeFor(): the page's origin against the profile's HTTPS origins (RFC 6454 comparison).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/vocabulary_print.h"
#include "netready/profile.h"
#include "netready/report.h"

namespace netready {
namespace {

TEST(PageOrigin, ServiceOtherOrNone) {
  const Profile p =
      rainbowDefaultProfile();  // https://web.openrainbow.com/, https://openrainbow.com/...
  EXPECT_EQ(originModeFor(p, "https://web.openrainbow.com"), OriginMode::Service);
  EXPECT_EQ(originModeFor(p, "https://openrainbow.com"), OriginMode::Service);
  // Case and the default port do not make another origin; scheme, host and port do.
  EXPECT_EQ(originModeFor(p, "HTTPS://Web.OpenRainbow.com:443"), OriginMode::Service);
  EXPECT_EQ(originModeFor(p, "https://web.openrainbow.com:8443"), OriginMode::Other);
  EXPECT_EQ(originModeFor(p, "http://web.openrainbow.com"), OriginMode::Other);
  EXPECT_EQ(originModeFor(p, "https://support.example.com"), OriginMode::Other);
  EXPECT_EQ(originModeFor(p, "https://openrainbow.com.evil.example"), OriginMode::Other);
  // Not a page (native host), or an opaque origin ("null", file://): none.
  EXPECT_EQ(originModeFor(p, ""), std::nullopt);
  EXPECT_EQ(originModeFor(p, "null"), std::nullopt);
  EXPECT_EQ(originModeFor(p, "file://"), std::nullopt);
}

TEST(PageOrigin, InTheReportJson) {
  Report r;
  r.pageOrigin = "https://support.example.com";
  r.originMode = OriginMode::Other;
  const nlohmann::json j = nlohmann::json::parse(reportToJson(r, {}));
  EXPECT_EQ(j["page"]["origin"], "https://support.example.com");
  EXPECT_EQ(j["page"]["mode"], "other");
  const nlohmann::json none = nlohmann::json::parse(reportToJson(Report{}, {}));
  EXPECT_TRUE(none["page"]["origin"].is_null());
  EXPECT_TRUE(none["page"]["mode"].is_null());
}

}  // namespace
}  // namespace netready
