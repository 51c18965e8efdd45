// The one redaction rule (redact.h): long secrets everywhere, short ones as whole words only,
// longest first, one pass.
#include "netready/redact.h"

#include <gtest/gtest.h>

#include <string>

namespace netready {
namespace {

TEST(Redact, LongSecretsAnywhere) {
  EXPECT_EQ(redactText("user=alice pass=hunter2", {"hunter2", "alice"}),
            "user=[redacted] pass=[redacted]");
  // Inside a word too: a 4-byte or longer credential is replaced wherever it appears.
  EXPECT_EQ(redactText("xxhunter2yy", {"hunter2"}), "xx[redacted]yy");
  // Occurrences at 0, 2 and 4 overlap: one span.
  EXPECT_EQ(redactText("s1s1s1s1", {"s1s1"}), "[redacted]");
  EXPECT_EQ(redactText("s1s1 s1s1", {"s1s1"}), "[redacted] [redacted]");
}

TEST(Redact, ShortSecretsOnlyAsWholeWords) {
  // "abc" (3 bytes) standing alone is replaced; inside "abcdef" or "xabc" it is not, or every
  // text would be shredded.
  EXPECT_EQ(redactText("abc", {"abc"}), "[redacted]");
  EXPECT_EQ(redactText("u=abc:p", {"abc"}), "u=[redacted]:p");
  EXPECT_EQ(redactText("abcdef xabc abc1", {"abc"}), "abcdef xabc abc1");
  EXPECT_EQ(redactText("s1s1s1", {"s1"}), "s1s1s1");
  EXPECT_EQ(redactText("(s1)", {"s1"}), "([redacted])");
  EXPECT_EQ(std::string(kRedactedMarker), "[redacted]");
  EXPECT_EQ(kWholeWordBelow, 4u);
}

// Found by fuzz_redact: overlapping occurrences are one span, else the second one's tail shows.
TEST(Redact, OverlappingOccurrencesAreHiddenWhole) {
  std::size_t hits = 0;
  EXPECT_EQ(Redactor({"]ab]"}).apply("x]ab]ab]y", &hits), "x[redacted]y");
  EXPECT_EQ(hits, 1u);
  EXPECT_EQ(Redactor({"abcd", "cdef"}).apply("abcdef"), "[redacted]");
  EXPECT_EQ(Redactor({"abab"}).apply("ababab ab"), "[redacted] ab");
}

TEST(Redact, EmptyAndNone) {
  EXPECT_EQ(redactText("nothing here", {}), "nothing here");
  EXPECT_EQ(redactText("nothing here", {""}), "nothing here");
  EXPECT_EQ(redactText("", {"x"}), "");
}

TEST(Redact, LongestSecretWinsAndOutputIsNotRescanned) {
  EXPECT_EQ(redactText("abcdef abc", {"abc", "abcdef"}), "[redacted] [redacted]");
  // "red" occurs in "[redacted]": one pass means no endless or nested replacement.
  EXPECT_EQ(redactText("red", {"red"}), "[redacted]");
  EXPECT_EQ(redactText("red red", {"red", "red"}), "[redacted] [redacted]");
  EXPECT_EQ(redactText("secret-long", {"secret", "secret-long"}), "[redacted]");
}

TEST(Redact, CountMatchesApply) {
  const Redactor r({"hunter2", "ab"});
  EXPECT_EQ(r.count("hunter2 ab abc hunter2hunter2"), 4u);
  EXPECT_EQ(r.count("clean text"), 0u);
  EXPECT_EQ(r.apply("hunter2 ab abc"), "[redacted] [redacted] abc");
  EXPECT_TRUE(Redactor({"", ""}).empty());
}

}  // namespace
}  // namespace netready

namespace netready {
namespace {

TEST(Redact, SecretCutByAnExcerptIsHiddenToo) {
  const std::vector<std::string> secrets = {"labpass-S3cr3t-91"};
  // clip() cut it and appended "...", or an excerpt stopped inside it.
  EXPECT_EQ(redactText("body: labpass-S3c...", secrets), "body: [redacted]...");
  // Without the cut marker, or below kCutPrefixMin bytes, or not at the end: ordinary text
  // ("netready-golden" must survive a secret "golden-pass").
  EXPECT_EQ(redactText("body: labpass-S3c", secrets), "body: labpass-S3c");
  EXPECT_EQ(redactText("body: labpa...", secrets), "body: labpa...");
  EXPECT_EQ(redactText("labpass-S3c and more", secrets), "labpass-S3c and more");
  EXPECT_EQ(Redactor(secrets).count("x labpass-..."), 1u);
}

}  // namespace
}  // namespace netready
