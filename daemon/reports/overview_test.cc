#include "daemon/reports/overview.h"

#include "daemon/analysis/analyze.h"
#include "daemon/config/config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::reports {
namespace {

using testing::HasSubstr;

teamload::v1::Finding Finding(teamload::v1::Boundary boundary,
                              teamload::v1::Level level,
                              teamload::v1::Trend trend) {
  teamload::v1::Finding f;
  f.set_boundary(boundary);
  f.set_level(level);
  f.set_trend(trend);
  return f;
}

TEST(OverviewTest, EachCellIsTheStrongestLevelOnThatBoundaryNeverAScore) {
  TeamSection busy{.team = "a|b"};
  *busy.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_WORKLOAD, teamload::v1::LEVEL_WATCH,
              teamload::v1::TREND_STEADY);
  *busy.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_WORKLOAD, teamload::v1::LEVEL_ATTENTION,
              teamload::v1::TREND_RISING);
  *busy.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_SAFETY, teamload::v1::LEVEL_INFO,
              teamload::v1::TREND_FALLING);
  busy.narrative.add_blind_spots()->set_source("oops");
  busy.narrative.add_blind_spots()->set_source("survey");
  TeamSection calm{.team = "calm"};
  *calm.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_ECONOMIC, teamload::v1::LEVEL_WATCH,
              teamload::v1::TREND_STEADY);

  config::ReportConfig report{.name = "weekly"};
  report.schedule = *config::ParseSchedule("Mon 09:00 Europe/Berlin");
  // Monday 2026-11-30 09:00 in Berlin.
  const absl::Time as_of = absl::FromUnixSeconds(1'796'025'600);
  const std::string md = OverviewMarkdown(report, as_of, {busy, calm});
  EXPECT_THAT(md, testing::StartsWith(
                      "# Team load report weekly, 2026-11-30\n\n_As of Monday "
                      "2026-11-30 09:00 (Europe/Berlin), for 2 teams."));
  EXPECT_THAT(md, HasSubstr("| Team | Workload | Economic | Safety | Cannot "
                            "see |\n| --- | --- | --- | --- | --- |\n"
                            "| a\\|b | **ATTENTION**, rising | - | info, "
                            "falling | oops, survey |\n"
                            "| calm | - | WATCH | - | - |\n"));
  EXPECT_THAT(md, HasSubstr("- Workload: under pressure in 1 of 2 teams "
                            "(a\\|b).\n- Economic: under pressure in 1 of 2 "
                            "teams (calm).\n- Safety: no team under "
                            "pressure.\n"));
  EXPECT_THAT(md, testing::Not(testing::ContainsRegex("[Ss]core|[Rr]ating")));
}

TEST(OverviewTest, NamesFromOutsideAreInertInTheTableAndTheList) {
  TeamSection hostile{.team = "<img src=x onerror=alert(1)>\x1b[2J"};
  *hostile.narrative.add_findings() =
      Finding(teamload::v1::BOUNDARY_SAFETY, teamload::v1::LEVEL_WATCH,
              teamload::v1::TREND_STEADY);
  hostile.narrative.add_blind_spots()->set_source("*jira*\x07");
  config::ReportConfig report{.name = "weekly\x1b]0;x\x07"};
  report.schedule = *config::ParseSchedule("Mon 09:00 Europe/Berlin");
  const std::string md =
      OverviewMarkdown(report, absl::FromUnixSeconds(1'796'025'600), {hostile});
  EXPECT_THAT(md, testing::StartsWith("# Team load report "
                                      "weekly\\x1b\\]0;x\\x07, 2026-11-30\n"));
  EXPECT_THAT(md, HasSubstr("| \\<img src=x onerror=alert(1)\\>\\x1b\\[2J "
                            "| - | - | WATCH | \\*jira\\*\\x07 |\n"));
  EXPECT_THAT(md, HasSubstr("- Safety: under pressure in 1 of 1 teams "
                            "(\\<img src=x onerror=alert(1)\\>\\x1b\\[2J).\n"));
  EXPECT_EQ(ReportTitle(report, absl::FromUnixSeconds(1'796'025'600)),
            "Team load report weekly\\x1b]0;x\\x07, 2026-11-30");
}

TEST(OverviewTest, DeliveryBesidePagesAndMigrationsLookedBackOn) {
  TeamSection shipping{.team = "ship*it"};
  teamload::v1::DeliveryContext& d = *shipping.narrative.mutable_delivery();
  d.set_pages(30);
  d.set_pages_before(12);
  d.set_deploys(41);
  d.set_deploys_before(20);
  d.set_change_failures(4);
  analysis::Analysis migrated;
  migrated.migrations_finished = {.finished = 3, .looked_back_on = 1};
  shipping.themes.AddTeam(
      config::WithZone({.name = "ship*it", .timezone = "Europe/Berlin"}),
      migrated);
  TeamSection quiet{.team = "quiet"};
  config::ReportConfig report{.name = "weekly"};
  report.schedule = *config::ParseSchedule("Mon 09:00 Europe/Berlin");
  const absl::Time as_of = absl::FromUnixSeconds(1'796'025'600);
  const std::string md = OverviewMarkdown(report, as_of, {shipping, quiet});
  EXPECT_THAT(md, HasSubstr("## Delivery beside pages\n\nThe last 4 weeks "
                            "against the 4 before. Context for each story, "
                            "never part of a level.\n\n"
                            "| Team | Pages | Deploys | Deploys a week | "
                            "Change failure rate |\n"
                            "| --- | --- | --- | --- | --- |\n"
                            "| ship\\*it | 30 (12 before) | 41 (20 before) | "
                            "10.3 | 10% (4 of 41) |\n"));
  EXPECT_THAT(md, testing::Not(HasSubstr("| quiet | 0")));
  EXPECT_THAT(md, HasSubstr("## Migrations looked back on\n\n3 migrations "
                            "finished in the last 13 weeks in 1 team "
                            "(ship\\*it); 1 of them was looked back on with "
                            "a retrospective."));
  // Neither section without deploys or finished migrations.
  const std::string plain = OverviewMarkdown(report, as_of, {quiet});
  EXPECT_THAT(plain, testing::Not(HasSubstr("Delivery beside pages")));
  EXPECT_THAT(plain, testing::Not(HasSubstr("Migrations looked back on")));
}

}  // namespace
}  // namespace teamload::reports
