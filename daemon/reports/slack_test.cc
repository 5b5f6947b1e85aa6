// The Slack digest: inert text, the teams under pressure first, what
// changed, where the full report is, and the JSON that carries it.
#include "daemon/reports/slack.h"

#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace teamload::reports {
namespace {

using ::testing::HasSubstr;

teamload::v1::Finding Finding(teamload::v1::Boundary boundary,
                              teamload::v1::Level level,
                              teamload::v1::Trend trend) {
  teamload::v1::Finding f;
  f.set_detector("pager_load");
  f.set_boundary(boundary);
  f.set_level(level);
  f.set_trend(trend);
  return f;
}

// Monday 2026-11-30 09:00 in Berlin.
const absl::Time kSlot = absl::FromUnixSeconds(1'796'025'600);

config::ReportConfig Weekly() {
  config::ReportConfig report{.name = "weekly"};
  report.schedule = *config::ParseSchedule("Mon 09:00 Europe/Berlin");
  report.recipients = {"lead@example.com", "vp@example.com"};
  report.slack_webhook_env = "TEAMLOAD_SLACK_WEBHOOK";
  return report;
}

TEST(SlackTextTest, SlacksControlCharactersBecomeEntitiesAndControlsShow) {
  EXPECT_EQ(SlackText("ops & <!channel> <https://evil.example|click> "
                      "<@U123> \x1b[2J\nnext"),
            "ops &amp; &lt;!channel&gt; &lt;https://evil.example|click&gt; "
            "&lt;@U123&gt; \\x1b[2J\\nnext");
  EXPECT_EQ(SlackText("payments-api"), "payments-api");
}

// calm (nothing), busy (ATTENTION), watched (WATCH), in the report's order;
// busy rose since the slot before, and watched lost sight of its survey.
std::vector<TeamSection> Sections() {
  TeamSection calm{.team = "calm"};
  calm.narrative.set_headline("Steady: nothing stands out.");
  calm.previous.emplace();
  calm.previous->narrative = calm.narrative;

  TeamSection busy{.team = "busy <!here>"};
  busy.narrative.set_headline("Pages rose to 15 & 5 at night <https://x|y>.");
  *busy.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_WORKLOAD, teamload::v1::LEVEL_ATTENTION,
              teamload::v1::TREND_RISING);
  *busy.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_SAFETY, teamload::v1::LEVEL_INFO,
              teamload::v1::TREND_FALLING);
  busy.previous.emplace();
  *busy.previous->narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_WORKLOAD, teamload::v1::LEVEL_WATCH,
              teamload::v1::TREND_STEADY);

  TeamSection watched{.team = "watched"};
  watched.narrative.set_headline("Open deferred work rose from 2 to 9.");
  *watched.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_ECONOMIC, teamload::v1::LEVEL_WATCH,
              teamload::v1::TREND_STEADY);
  watched.narrative.add_blind_spots()->set_source("survey");
  watched.previous.emplace();
  *watched.previous->narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_ECONOMIC, teamload::v1::LEVEL_WATCH,
              teamload::v1::TREND_STEADY);
  return {calm, busy, watched};
}

TEST(SlackDigestTest, HeadlinesAndLevelsWithTheTeamsUnderPressureFirst) {
  EXPECT_EQ(
      SlackDigest(Weekly(), kSlot, Sections()),
      "*Team load report weekly, 2026-11-30*\n"
      "As of Monday 2026-11-30 09:00 (Europe/Berlin), 3 teams, 2 under "
      "pressure.\n"
      "\n"
      "*What changed since Monday 2026-11-23 09:00*\n"
      "• busy &lt;!here&gt;: workload rose from WATCH to *ATTENTION*.\n"
      "• busy &lt;!here&gt;: safety rose from no finding to info.\n"
      "• watched: new blind spot: survey.\n"
      "\n"
      "*Where the pressure is*\n"
      "• *busy &lt;!here&gt;*: workload *ATTENTION*, rising · economic - · "
      "safety info, falling\n"
      "      Pages rose to 15 &amp; 5 at night &lt;https://x|y&gt;.\n"
      "• *watched*: workload - · economic *WATCH* · safety -\n"
      "      Open deferred work rose from 2 to 9.\n"
      "• *calm*: workload - · economic - · safety -\n"
      "      Steady: nothing stands out.\n"
      "\n"
      "Full report: mailed to 2 recipients as weekly-2026-11-30.md and "
      "weekly-2026-11-30.html, and in teamloadd's outbox as "
      "weekly/2026-11-30.md and weekly/2026-11-30.html. `teamloadctl report "
      "weekly --as-of 2026-11-30T08:00:00Z` renders it again.\n");
}

TEST(SlackDigestTest, WithoutRecipientsTheOutboxAloneKeepsTheReport) {
  config::ReportConfig report = Weekly();
  report.recipients.clear();
  report.html = false;
  EXPECT_THAT(SlackDigest(report, kSlot, Sections()),
              HasSubstr("\nFull report: in teamloadd's outbox as "
                        "weekly/2026-11-30.md. `teamloadctl report"));
}

TEST(SlackDigestTest, ManyTeamsAreCountedPastTheFirstTwenty) {
  std::vector<TeamSection> sections;
  for (int i = 0; i < kSlackTeamsShown + 5; ++i) {
    TeamSection section{.team = "team-" + std::to_string(100 + i)};
    if (i == kSlackTeamsShown + 4) {  // the last one listed comes first
      *section.narrative.add_findings() =
          Finding(teamload::v1::BOUNDARY_SAFETY, teamload::v1::LEVEL_WATCH,
                  teamload::v1::TREND_STEADY);
    }
    sections.push_back(section);
  }
  const std::string digest = SlackDigest(Weekly(), kSlot, sections);
  EXPECT_THAT(digest, HasSubstr("25 teams, 1 under pressure.\n"));
  EXPECT_THAT(digest, HasSubstr("*Where the pressure is*\n• *team-124*: "));
  EXPECT_THAT(digest, HasSubstr("• *team-118*: "));
  EXPECT_THAT(digest, ::testing::Not(HasSubstr("team-119")));
  EXPECT_THAT(digest, HasSubstr("\n…and 5 more teams (0 under pressure) in "
                                "the full report.\n"));
  // No past given: nothing said of change.
  EXPECT_THAT(digest, ::testing::Not(HasSubstr("What changed")));
}

TEST(SlackPayloadTest, IsJsonWithTheDigestAsTextAndNoUnfurling) {
  const std::string digest = SlackDigest(Weekly(), kSlot, Sections());
  const std::string json = SlackPayload(digest);
  google::protobuf::Struct parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok())
      << json;
  EXPECT_EQ(parsed.fields().at("text").string_value(), digest);
  EXPECT_FALSE(parsed.fields().at("unfurl_links").bool_value());
  EXPECT_FALSE(parsed.fields().at("unfurl_media").bool_value());
  EXPECT_EQ(parsed.fields().size(), 3u);
  // One order of keys, every time.
  EXPECT_EQ(SlackPayload("a \"quoted\"\nline"),
            "{\"text\":\"a \\\"quoted\\\"\\nline\",\"unfurl_links\":false,"
            "\"unfurl_media\":false}");
}

}  // namespace
}  // namespace teamload::reports
