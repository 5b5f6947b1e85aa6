#include "collectors/oops/slack_export.h"

#include "collectors/common/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::oops {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(SlackExportTest, OnlyTopLevelHumanMessagesAreMentions) {
  SlackParser parser;
  DayResult day =
      parser.ParseDay(testing::Fixture("slack/oops-payments/2026-11-02.json"),
                      "oops-payments", "2026-11-02.json");
  EXPECT_THAT(day.errors, IsEmpty());
  // The join, the thread reply and the bot reminder are not mentions.
  EXPECT_EQ(day.not_mentions, 3);
  ASSERT_EQ(day.mentions.size(), 1u);
  const Mention& m = day.mentions[0];
  EXPECT_EQ(m.channel, "oops-payments");
  EXPECT_EQ(m.ts, "1793610900.000100");
  EXPECT_EQ(m.posted_at,
            absl::FromUnixSeconds(1'793'610'900) + absl::Microseconds(100));
  // Edited: the export holds the latest text, under the original ts.
  EXPECT_EQ(m.text,
            "oops: the refund job ran twice against the ledger for EU "
            "customers &amp; reconciliation caught it <@U024BE7LH>\nno money "
            "left, details in thread");

  day = parser.ParseDay(testing::Fixture("slack/oops-payments/2026-11-03.json"),
                        "oops-payments", "2026-11-03.json");
  EXPECT_EQ(day.not_mentions, 1) << "a reply broadcast to the channel";
  ASSERT_EQ(day.mentions.size(), 1u);
  EXPECT_EQ(day.mentions[0].ts, "1793714520.000200");
}

TEST(SlackExportTest, NamesBadMessagesByJsonPathAndReadsTheRest) {
  SlackParser parser;
  DayResult day = parser.ParseDay(
      R"([42, {"type":"message","user":"U1","text":"no ts"},)"
      R"({"type":"message","user":"U1","text":"odd","ts":"17e8"},)"
      R"({"type":"message","user":"U1","text":"fine","ts":"1793788200.5"}])",
      "oops", "day.json");
  EXPECT_THAT(
      day.errors,
      ::testing::ElementsAre(
          testing::ErrorAt("day.json: $[0]", "is not a message object"),
          testing::ErrorAt("day.json: $[1].ts", "is required"),
          testing::ErrorAt("day.json: $[2].ts",
                           HasSubstr("\"17e8\" is not a Slack timestamp"))));
  ASSERT_EQ(day.mentions.size(), 1u);
  EXPECT_EQ(day.mentions[0].posted_at,
            absl::FromUnixSeconds(1'793'788'200) + absl::Milliseconds(500));

  EXPECT_THAT(parser.ParseDay(R"({"messages": []})", "oops", "obj.json").errors,
              ::testing::ElementsAre(testing::ErrorAt("obj.json: $")));
  EXPECT_THAT(
      parser.ParseDay(R"([{"type":"message")", "oops", "cut.json").errors,
      ::testing::ElementsAre(
          testing::ErrorAt(::testing::_, HasSubstr("not valid JSON"))));
}

TEST(SlackExportTest, ReadsChannelsJson) {
  SlackParser parser;
  ChannelsResult list = parser.ParseChannels(
      testing::Fixture("slack/channels.json"), "channels.json");
  EXPECT_THAT(list.errors, IsEmpty());
  ASSERT_EQ(list.channels.size(), 3u);
  EXPECT_EQ(list.channels[0].id, "C0PAYOOPS");
  EXPECT_EQ(list.channels[0].name, "oops-payments");

  list = parser.ParseChannels(R"([{"id":"C1"},{"id":"C2","name":"x"}])", "c");
  EXPECT_THAT(list.errors,
              ::testing::ElementsAre(testing::ErrorAt("c: $[0].name")));
  ASSERT_EQ(list.channels.size(), 1u);
}

TEST(SlackExportTest, ReadsReferences) {
  absl::StatusOr<SlackRef> ref = ParseSlackRef(
      "https://example.slack.com/archives/C0PAYOOPS/p1793610900000100");
  ASSERT_TRUE(ref.ok()) << ref.status();
  EXPECT_EQ(ref->channel, "C0PAYOOPS");
  EXPECT_EQ(ref->ts, "1793610900.000100");
  EXPECT_TRUE(ref->channel_is_id);

  // A permalink to a reply: the mention is the thread's parent.
  ref = ParseSlackRef(
      "https://example.slack.com/archives/C0PAYOOPS/p1793611200000300"
      "?thread_ts=1793610900.000100&cid=C0PAYOOPS");
  ASSERT_TRUE(ref.ok()) << ref.status();
  EXPECT_EQ(ref->ts, "1793610900.000100");

  ref = ParseSlackRef(" #oops-payments/1793714520.000200 ");
  ASSERT_TRUE(ref.ok()) << ref.status();
  EXPECT_EQ(ref->channel, "oops-payments");
  EXPECT_EQ(ref->ts, "1793714520.000200");
  EXPECT_FALSE(ref->channel_is_id);

  for (const char* bad :
       {"oops-payments", "oops-payments/yesterday", "/1793714520.000200",
        "https://example.slack.com/archives/C0PAYOOPS",
        "https://example.slack.com/archives/C0PAYOOPS/1793610900000100"}) {
    SCOPED_TRACE(bad);
    ref = ParseSlackRef(bad);
    ASSERT_FALSE(ref.ok());
    EXPECT_THAT(ref.status().message(), HasSubstr("is not a Slack reference"));
  }
}

TEST(SlackExportTest, PlainTextReadsSlackMarkup) {
  EXPECT_EQ(PlainText("see <https://wiki/x|the runbook> &amp; ask <@U024BE7LH> "
                      "in <#C0PAYOOPS|oops-payments>, a &lt; b"),
            "see the runbook & ask @U024BE7LH in oops-payments, a < b");
  EXPECT_EQ(PlainText("unclosed <https://x"), "unclosed <https://x");
}

}  // namespace
}  // namespace teamload::collectors::oops
