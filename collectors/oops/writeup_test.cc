#include "collectors/oops/writeup.h"

#include "collectors/common/inputs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::oops {
namespace {

using ::testing::HasSubstr;

absl::Time Utc(int y, int mo, int d, int h = 0, int mi = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0),
                         absl::UTCTimeZone());
}

TEST(WriteUpTest, ReadsTheFixtureFieldByField) {
  std::string text;
  ASSERT_TRUE(ReadFile(std::string(TEAMLOAD_FIXTURES) +
                           "/writeups/payments/2026-11-refund-ran-twice.md",
                       text));
  WriteUp w;
  ASSERT_EQ(ParseWriteUp(text, "refund.md", absl::UTCTimeZone(), w),
            std::nullopt);
  EXPECT_EQ(w.file, "refund.md");
  EXPECT_EQ(w.key, "") << "the caller sets the key";
  EXPECT_EQ(w.title, "Refund job ran twice against the ledger");
  EXPECT_EQ(w.team, "payments");
  EXPECT_EQ(w.date, Utc(2026, 11, 2));
  EXPECT_EQ(w.written_up, Utc(2026, 11, 6, 16));
  EXPECT_EQ(w.slack,
            "https://example.slack.com/archives/C0PAYOOPS/p1793610900000100");
  EXPECT_EQ(w.slack_line, 6);
  EXPECT_EQ(w.url, "https://wiki.example.com/oops/refund-ran-twice");
  EXPECT_EQ(w.summary,
            "The nightly refund job started twice after a scheduler "
            "failover; the second run was stopped by the ledger's "
            "idempotency check before any money moved.");
}

TEST(WriteUpTest, WrittenUpDefaultsToTheDateAndDatesUseTheZone) {
  WriteUp w;
  ASSERT_EQ(ParseWriteUp("---\ntitle: t\nteam: search\ndate: 2026-11-04\n---\n",
                         "a.md", absl::FixedTimeZone(3600), w),
            std::nullopt);
  EXPECT_EQ(w.date, Utc(2026, 11, 3, 23));  // midnight at +01:00
  EXPECT_EQ(w.written_up, w.date);
  EXPECT_EQ(w.slack, "");
  EXPECT_EQ(w.summary, "");

  ASSERT_EQ(ParseWriteUp("---\r\ntitle: t\r\nteam: search\r\n"
                         "date: \"2026-11-04T10:30:00+02:00\"\r\n...\r\nbody",
                         "crlf.md", absl::UTCTimeZone(), w),
            std::nullopt);
  EXPECT_EQ(w.date, Utc(2026, 11, 4, 8, 30));
  EXPECT_EQ(w.summary, "body");
}

struct BadCase {
  const char* name;
  const char* text;
  const char* where;
  const char* reason;
};

TEST(WriteUpTest, NamesTheLineAndTheReason) {
  const BadCase cases[] = {
      {"no front matter", "# Title\nteam: x\n", "bad.md:1",
       "no front matter: a write-up starts with a `---` line"},
      {"no closing fence", "---\ntitle: t\nteam: x\ndate: 2026-11-04\n\nbody\n",
       "bad.md:1", "never closed with a `---` line"},
      {"bad date", "---\ntitle: t\nteam: x\ndate: last tuesday\n---\n",
       "bad.md:4:7",
       "date: \"last tuesday\" is not a date (YYYY-MM-DD) or an RFC 3339 "
       "time"},
      {"bad written_up",
       "---\ntitle: t\nteam: x\ndate: 2026-11-04\nwritten_up: "
       "2026-13-01\n---\n",
       "bad.md:5:13", "written_up: \"2026-13-01\" is not a date"},
      {"written up before it happened",
       "---\ntitle: t\nteam: x\ndate: 2026-11-04\nwritten_up: "
       "2026-11-01\n---\n",
       "bad.md:5:13", "written_up: 2026-11-01 is before the date 2026-11-04"},
      {"missing team", "---\ntitle: t\ndate: 2026-11-04\n---\n", "bad.md:2",
       "team: is required"},
      {"title not text", "---\ntitle: [a, b]\nteam: x\ndate: 2026-11-04\n---\n",
       "bad.md:2:8", "title: must be text"},
      {"not YAML", "---\ntitle: t\nteam: [x\ndate: 2026-11-04\n---\n",
       "bad.md:4:5", "front matter is not valid YAML"},
      {"not a map", "---\n- a\n- b\n---\n", "bad.md:2",
       "front matter must be a map"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.name);
    WriteUp w;
    std::optional<RecordError> error =
        ParseWriteUp(c.text, "bad.md", absl::UTCTimeZone(), w);
    ASSERT_TRUE(error.has_value());
    EXPECT_THAT(error->where, ::testing::StartsWith(c.where));
    EXPECT_THAT(error->reason, HasSubstr(c.reason));
  }
}

TEST(WriteUpTest, ShortensWithoutSplittingACharacter) {
  EXPECT_EQ(Shorten("short", 10), "short");
  // "é" is 2 bytes and "…" 3: 5 bytes leave room for 2, which would split
  // the "é"; 6 leave room for it.
  EXPECT_EQ(Shorten("aé bc", 5), "a…");
  EXPECT_EQ(Shorten("aé bcd", 6), "aé…");
}

}  // namespace
}  // namespace teamload::collectors::oops
