#include "daemon/analysis/pager_load.h"

#include "absl/strings/str_cat.h"
#include "daemon/analysis/testing.h"
#include "daemon/analysis/time_bands.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using testing::HistoryBuilder;
using testing::kAsOf;
using testing::Local;
using testing::Team;

Findings Detect(const HistoryBuilder& b,
                const config::TeamConfig& team = Team()) {
  Findings out;
  DetectPagerLoad({team, b.history(), kAsOf}, out);
  return out;
}

// Eight earlier weeks of 4 pages each (median 4), and `now` pages this week.
HistoryBuilder Weeks(int now) {
  HistoryBuilder b;
  for (int week = 1; week <= 8; ++week) b.DaytimePages(week, 4);
  b.DaytimePages(0, now);
  return b;
}

struct RatioCase {
  int now;
  teamload::v1::Level level;
};

class PagerRatioTest : public ::testing::TestWithParam<RatioCase> {};

TEST_P(PagerRatioTest, LevelFollowsTheRatioToTheTeamsOwnMedian) {
  const Findings out = Detect(Weeks(GetParam().now));
  if (GetParam().level == teamload::v1::LEVEL_UNSPECIFIED) {
    EXPECT_THAT(out, ::testing::IsEmpty());
    return;
  }
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), GetParam().level);
  EXPECT_EQ(out[0].boundary(), teamload::v1::BOUNDARY_WORKLOAD);
  EXPECT_EQ(out[0].trend(), teamload::v1::TREND_RISING);
}

INSTANTIATE_TEST_SUITE_P(
    AroundThresholds, PagerRatioTest,
    ::testing::Values(
        RatioCase{5, teamload::v1::LEVEL_UNSPECIFIED},  // 1.25x
        RatioCase{6, teamload::v1::LEVEL_WATCH},        // 1.5x: at WATCH
        RatioCase{7, teamload::v1::LEVEL_WATCH},        // 1.75x
        RatioCase{8, teamload::v1::LEVEL_ATTENTION},    // 2x: at ATTENTION
        RatioCase{9, teamload::v1::LEVEL_ATTENTION}));

TEST(PagerLoadTest, SummaryStatesTheNumbers) {
  const Findings out = Detect(Weeks(8).Page(Local(2026, 11, 25, 23, 30), true));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].summary(),
            "9 interruptions in the last 7 days (9 pages; pages within 60 s "
            "of the one before count as one) across 9 disrupted hours, "
            "against a median of 4 interruptions a week over the previous 8 "
            "weeks (2.3x); 1 interruption in 1 disrupted hour during sleep "
            "hours (22:00-08:00 Europe/Berlin), 1 high-urgency page, 2.3 "
            "interruptions per on-call person.");
  EXPECT_EQ(out[0].gist(),
            "interruptions rose to 9 this week, 2.3x the usual 4 (9 pages "
            "across 9 disrupted hours, 1 of them a sleep hour)");
  // The sleep-hour page is cited first.
  EXPECT_EQ(out[0].evidence().signal_ids(0), "pd:41");
}

// Eight earlier weeks of 4 pages each (median 4), 4 daytime pages this week,
// and a storm of `storm` pages 5 s apart on Tuesday at 10:00.
HistoryBuilder Storm(int storm) {
  HistoryBuilder b = Weeks(4);
  for (int i = 0; i < storm; ++i)
    b.Page(Local(2026, 11, 24, 10) + absl::Seconds(5 * i));
  return b;
}

TEST(PagerLoadTest, LevelsFollowInterruptionsNotPages) {
  // 14 pages this week, 3.5x the median in pages; 5 interruptions, 1.25x.
  EXPECT_THAT(Detect(Storm(10)), ::testing::IsEmpty());
  // Without merging, the storm is 10 interruptions: ATTENTION.
  config::TeamConfig team = Team();
  team.analysis.interruption_merge_seconds = 0;
  const Findings unmerged = Detect(Storm(10), team);
  ASSERT_EQ(unmerged.size(), 1u);
  EXPECT_EQ(unmerged[0].level(), teamload::v1::LEVEL_ATTENTION);
  EXPECT_THAT(unmerged[0].summary(),
              ::testing::StartsWith(
                  "14 interruptions in the last 7 days (14 pages; pages in "
                  "the same second count as one) across 5 disrupted hours"));
}

TEST(PagerLoadTest, GistSaysPagesInterruptionsAndDisruptedHours) {
  // Three storms of 4 pages in one sleep hour each: 12 pages, 3
  // interruptions, 3 disrupted hours; with 6 daytime pages, 9 interruptions
  // against a median of 4.
  HistoryBuilder b = Weeks(6);
  for (int night = 0; night < 3; ++night) {
    for (int i = 0; i < 4; ++i)
      b.Page(Local(2026, 11, 22 + night, 2) + absl::Seconds(30 * i));
  }
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].gist(),
            "interruptions rose to 9 this week, 2.3x the usual 4 (18 pages "
            "across 9 disrupted hours, 3 of them sleep hours)");
  // Each interruption is cited once, by its first page: the three nights,
  // then the days.
  ASSERT_EQ(out[0].evidence().signal_ids_size(), 9);
  EXPECT_EQ(out[0].evidence().signal_ids(0), "pd:39");
  EXPECT_EQ(out[0].evidence().signal_ids(1), "pd:43");
  EXPECT_EQ(out[0].evidence().signal_ids(2), "pd:47");
}

TEST(PagerLoadTest, WithoutAUsualWeekTheGistSaysWhatHappened) {
  // No earlier pages, so no usual to compare with; 3 sleep-hour
  // interruptions for the one person on call: ATTENTION.
  HistoryBuilder b;
  b.Page(Local(2026, 11, 24, 23)).Page(Local(2026, 11, 24, 23, 0) +
                                       absl::Seconds(20));
  b.Page(Local(2026, 11, 25, 1)).Page(Local(2026, 11, 25, 4));
  const Findings out = Detect(b, Team(1));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_ATTENTION);
  EXPECT_EQ(out[0].gist(),
            "4 pages this week, 3 interruptions across 3 disrupted hours, all "
            "of them sleep hours");
}

TEST(PagerLoadTest, SummaryNamesTheSleepBandFromTimeBands) {
  config::TeamConfig team = Team();
  team.timezone = "America/New_York";
  ASSERT_TRUE(config::LoadZone(team).ok());
  const Findings out =
      Detect(Weeks(8).Page(Local(2026, 11, 25, 23, 30), true), team);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_THAT(out[0].summary(),
              ::testing::HasSubstr(absl::StrCat("sleep hours (", SleepHours(),
                                                " America/New_York)")));
}

TEST(PagerLoadTest, FewPagesNeverRaiseALevelByRatio) {
  HistoryBuilder b;
  b.DaytimePages(0, 2);  // median 0, "infinitely" more, but only 2 pages
  EXPECT_THAT(Detect(b), ::testing::IsEmpty());
}

TEST(PagerLoadTest, SleepHourInterruptionsPerOncallPerson) {
  // Busy but usual weeks (median 10), so only the nights can raise a level.
  const auto nights = [](int n, int pages_a_night = 1) {
    HistoryBuilder b;
    for (int week = 1; week <= 8; ++week) b.DaytimePages(week, 10);
    b.DaytimePages(0, 10 - n);
    for (int i = 0; i < n; ++i) {
      for (int k = 0; k < pages_a_night; ++k)
        b.Page(Local(2026, 11, 19 + i, 23, 0) + absl::Seconds(40 * k));
    }
    return b;
  };
  // 2 people on call: 5 night interruptions is 2.5 each, 6 is 3 each.
  EXPECT_THAT(Detect(nights(5), Team(2)), ::testing::IsEmpty());
  const Findings six = Detect(nights(6), Team(2));
  ASSERT_EQ(six.size(), 1u);
  EXPECT_EQ(six[0].level(), teamload::v1::LEVEL_ATTENTION);
  // Five nights of 3 pages in a minute each: still 5 interruptions.
  EXPECT_THAT(Detect(nights(5, 3), Team(2)), ::testing::IsEmpty());
}

TEST(PagerLoadTest, MoreThanTwoInterruptionsInOneShiftIsWatch) {
  HistoryBuilder two, three, merged;
  for (int week = 1; week <= 8; ++week) {
    two.DaytimePages(week, 6), three.DaytimePages(week, 6);
    merged.DaytimePages(week, 6);
  }
  for (int i = 0; i < 2; ++i) two.Page(Local(2026, 11, 24, 9 + i));
  for (int i = 0; i < 3; ++i) three.Page(Local(2026, 11, 24, 9 + i));
  // Three pages in one shift, two of them in one interruption.
  merged.Page(Local(2026, 11, 24, 9))
      .Page(Local(2026, 11, 24, 10))
      .Page(Local(2026, 11, 24, 10) + absl::Seconds(45));
  two.DaytimePages(0, 4);
  three.DaytimePages(0, 3);
  merged.DaytimePages(0, 3);
  EXPECT_THAT(Detect(two), ::testing::IsEmpty());
  EXPECT_THAT(Detect(merged), ::testing::IsEmpty());
  const Findings out = Detect(three);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_WATCH);
  EXPECT_THAT(
      out[0].summary(),
      ::testing::HasSubstr(
          "3 interruptions in one 12-hour shift (guideline: at most 2)"));
}

TEST(PagerLoadTest, ASleepHourEdgeIsLocal) {
  // 21:59 local is off hours, 22:00 is sleep: only the second counts.
  const auto one_page_at = [](int h, int m) {
    HistoryBuilder b;
    for (int week = 1; week <= 8; ++week) b.DaytimePages(week, 4);
    b.DaytimePages(0, 7);
    b.Page(Local(2026, 11, 24, h, m));
    return b;
  };
  EXPECT_THAT(Detect(one_page_at(21, 59))[0].gist(),
              ::testing::Not(::testing::HasSubstr("sleep")));
  EXPECT_THAT(Detect(one_page_at(22, 0))[0].gist(),
              ::testing::HasSubstr("1 of them a sleep hour"));
}

TEST(PagerLoadTest, RecoveringTeamGetsAnInfoFinding) {
  HistoryBuilder b;
  for (int week = 5; week <= 8; ++week) b.DaytimePages(week, 12);
  for (int week = 1; week <= 4; ++week) b.DaytimePages(week, 6);
  b.DaytimePages(0, 4);
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_INFO);
  EXPECT_EQ(out[0].trend(), teamload::v1::TREND_FALLING);
  EXPECT_EQ(out[0].summary(),
            "Interruptions are falling back: 4 interruptions in the last 7 "
            "days (4 pages; pages within 60 s of the one before count as "
            "one), after a peak of 12 in the week ending 2026-10-22 and a "
            "median of 9 a week over the previous 8 weeks.");
  EXPECT_EQ(out[0].gist(),
            "interruptions fell back to 4 a week from a peak of 12");
}

TEST(PagerLoadTest, PagesAfterAsOfAreNotSeen) {
  HistoryBuilder b = Weeks(4);
  for (int i = 0; i < 10; ++i) b.Page(kAsOf + absl::Hours(1 + i));
  EXPECT_THAT(Detect(b), ::testing::IsEmpty());
}

}  // namespace
}  // namespace teamload::analysis
