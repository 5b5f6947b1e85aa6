// What changed since the previous slot: from narratives made by hand, and
// from real histories told as of two moments (MakeSection).
#include "daemon/reports/changes.h"

#include "daemon/analysis/testing.h"
#include "daemon/reports/overview.h"
#include "daemon/reports/slack.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "text/markdown_escape.h"

namespace teamload::reports {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

teamload::v1::Finding Finding(teamload::v1::Boundary boundary,
                              teamload::v1::Level level,
                              std::string detector = "pager_load") {
  teamload::v1::Finding f;
  f.set_detector(std::move(detector));
  f.set_boundary(boundary);
  f.set_level(level);
  f.set_trend(teamload::v1::TREND_STEADY);
  return f;
}

config::ReportConfig Weekly() {
  config::ReportConfig report{.name = "weekly"};
  report.schedule = *config::ParseSchedule("Mon 09:00 Europe/Berlin");
  return report;
}

// Monday 2026-11-30 09:00 in Berlin: a slot; the one before is 2026-11-23.
const absl::Time kSlot = absl::FromUnixSeconds(1'796'025'600);

std::string MarkdownEscape(absl::string_view text) {
  return text::MarkdownText(text);
}

// payments: workload WATCH -> ATTENTION, safety none -> WATCH; search:
// economic ATTENTION -> info, oops and survey newly dark; steady: as it was.
std::vector<TeamSection> Sections() {
  TeamSection payments{.team = "payments"};
  *payments.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_WORKLOAD, teamload::v1::LEVEL_ATTENTION);
  *payments.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_SAFETY, teamload::v1::LEVEL_WATCH);
  payments.previous.emplace();
  *payments.previous->narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_WORKLOAD, teamload::v1::LEVEL_WATCH);
  // Context is not a level: a write-up theme appearing changes no cell.
  *payments.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_ECONOMIC, teamload::v1::LEVEL_INFO,
              "writeup_themes");

  TeamSection search{.team = "search"};
  *search.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_ECONOMIC, teamload::v1::LEVEL_INFO);
  for (const char* source : {"jira", "oops", "survey"})
    search.narrative.add_blind_spots()->set_source(source);
  search.previous.emplace();
  *search.previous->narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_ECONOMIC, teamload::v1::LEVEL_ATTENTION);
  search.previous->narrative.add_blind_spots()->set_source("jira");

  TeamSection steady{.team = "steady"};
  steady.narrative.add_blind_spots()->set_source("survey");
  steady.previous.emplace();
  steady.previous->narrative.add_blind_spots()->set_source("survey");
  return {payments, search, steady};
}

TEST(ChangesTest, LevelsThatRoseOrFellAndSourcesThatWentDark) {
  const std::optional<ReportChanges> changes =
      FindChanges(Weekly(), kSlot, Sections());
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(changes->since, kSlot - absl::Hours(24 * 7));
  EXPECT_EQ(ChangesMarkdown(Weekly(), *changes),
            "## What changed since Monday 2026-11-23 09:00\n"
            "\n"
            "- payments: workload rose from WATCH to **ATTENTION**.\n"
            "- payments: safety rose from no finding to WATCH.\n"
            "- search: economic fell from **ATTENTION** to info.\n"
            "- search: new blind spots: oops, survey.\n");
}

TEST(ChangesTest, NothingChangedIsSaidInOneSentence) {
  std::vector<TeamSection> sections = Sections();
  for (TeamSection& section : sections)
    section.previous->narrative = section.narrative;
  const std::optional<ReportChanges> changes =
      FindChanges(Weekly(), kSlot, sections);
  ASSERT_TRUE(changes.has_value());
  EXPECT_TRUE(changes->empty());
  EXPECT_EQ(ChangesMarkdown(Weekly(), *changes),
            "## What changed since Monday 2026-11-23 09:00\n"
            "\n"
            "No level rose or fell, no source went dark and no theme is "
            "new.\n");
}

TEST(ChangesTest, SectionsWithoutAPastSayNothingOfChange) {
  std::vector<TeamSection> sections = Sections();
  for (TeamSection& section : sections) section.previous.reset();
  EXPECT_FALSE(FindChanges(Weekly(), kSlot, sections).has_value());
  EXPECT_THAT(OverviewMarkdown(Weekly(), kSlot, sections),
              Not(HasSubstr("What changed")));
}

TEST(ChangesTest, TheReportOpensWithWhatChanged) {
  const std::string md = OverviewMarkdown(Weekly(), kSlot, Sections());
  EXPECT_THAT(md, HasSubstr("every finding stands on its own evidence._\n\n"
                            "## What changed since Monday 2026-11-23 09:00\n"
                            "\n- payments: workload rose"));
  EXPECT_THAT(md, HasSubstr("- search: new blind spots: oops, survey.\n\n"
                            "## Where the pressure is\n"));
}

TEST(ChangesTest, NamesFromOutsideAreInertInMarkdownAndInSlack) {
  TeamSection hostile{.team = "<!channel> *ops*"};
  hostile.narrative.add_blind_spots()->set_source("<https://evil|x>\x1b[2J");
  hostile.previous.emplace();
  const std::optional<ReportChanges> changes =
      FindChanges(Weekly(), kSlot, {hostile});
  ASSERT_TRUE(changes.has_value());
  EXPECT_THAT(
      ChangeLines(*changes, {.escape = &MarkdownEscape, .strong = "**"}),
      ElementsAre("\\<!channel\\> \\*ops\\*: new blind spot: "
                  "\\<https://evil\\|x\\>\\x1b\\[2J."));
  EXPECT_THAT(ChangeLines(*changes, {.escape = &SlackText, .strong = "*"}),
              ElementsAre("&lt;!channel&gt; *ops*: new blind spot: "
                          "&lt;https://evil|x&gt;\\x1b[2J."));
}

// Real histories: a team whose pages rose in the last week, and a theme
// that two write-ups raised only since the previous slot.
TEST(ChangesTest, MakeSectionTellsThePastFromTheSameHistory) {
  using analysis::testing::HistoryBuilder;
  using analysis::testing::kAsOf;  // Thursday 2026-11-26 12:00 Berlin
  const absl::Time previous = kAsOf - absl::Hours(24 * 7);
  config::TeamConfig alpha = analysis::testing::Team(), beta = alpha;
  alpha.name = "alpha", beta.name = "beta";
  HistoryBuilder a, b;
  // Before the previous moment nobody wrote of it; since, two teams did.
  a.Oops(kAsOf - absl::Hours(24 * 5), kAsOf - absl::Hours(24 * 4),
         "Only one engineer knew the payment retries had to be paused before "
         "the migration, and nobody else had heard of it");
  b.Oops(kAsOf - absl::Hours(24 * 3), kAsOf - absl::Hours(24 * 2),
         "The runbook for the search reindex was two years stale and the "
         "on-call did not know the cron job existed");
  for (const char* source : {"pagerduty", "oops"}) {
    a.Covered(source, kAsOf);
    b.Covered(source, kAsOf);
  }
  const std::vector<TeamSection> sections = {
      MakeSection(alpha, a.history(), kAsOf, previous),
      MakeSection(beta, b.history(), kAsOf, previous)};
  ASSERT_TRUE(sections[0].previous.has_value());
  EXPECT_EQ(sections[0].previous->narrative.as_of().seconds(),
            absl::ToUnixSeconds(previous));

  config::ReportConfig report{.name = "thursdays"};
  report.schedule = *config::ParseSchedule("Thu 12:00 Europe/Berlin");
  const std::optional<ReportChanges> changes =
      FindChanges(report, kAsOf, sections);
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(changes->since, previous);
  EXPECT_THAT(changes->rose, IsEmpty());
  EXPECT_THAT(changes->fell, IsEmpty());
  EXPECT_THAT(changes->blind_spots, IsEmpty());
  EXPECT_THAT(
      ChangeLines(*changes, {.escape = &MarkdownEscape, .strong = "**"}),
      ElementsAre("New theme in write-ups: **missing shared context**, 2 "
                  "write-ups in 2 teams (alpha, beta)."));
}

}  // namespace
}  // namespace teamload::reports
