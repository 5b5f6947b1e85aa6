#include "daemon/analysis/interruptions.h"

#include "daemon/analysis/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using ::testing::ElementsAre;
using testing::HistoryBuilder;
using testing::Local;
using testing::Team;

// The load of every page `b` holds, for `team`.
PageLoad Load(const HistoryBuilder& b,
              const config::TeamConfig& team = Team()) {
  return LoadBetween(team, b.history(), absl::UnixEpoch(),
                     absl::FromUnixSeconds(4'000'000'000));
}

config::TeamConfig TeamIn(const char* zone) {
  config::TeamConfig team = Team();
  team.timezone = zone;
  EXPECT_TRUE(config::LoadZone(team).ok());
  return team;
}

TEST(InterruptionsTest, TenPagesInOneMinuteAreOneInterruptionInOneHour) {
  HistoryBuilder b;
  const absl::Time start = Local(2026, 11, 25, 3, 10);  // Wednesday night
  for (int i = 0; i < 10; ++i) b.Page(start + absl::Seconds(6 * i));
  const PageLoad load = Load(b);
  EXPECT_EQ(load.pages, 10);
  EXPECT_EQ(load.interruptions.Total(), 1);
  EXPECT_EQ(load.interruptions[TimeBand::kSleep], 1);
  EXPECT_EQ(load.disrupted_hours.Total(), 1);
  EXPECT_EQ(load.disrupted_hours[TimeBand::kSleep], 1);
}

TEST(InterruptionsTest, TenPagesSpreadAcrossANightAreTenInterruptions) {
  HistoryBuilder b;
  // Tuesday 22:00 to Wednesday 05:00: two in each of the first two hours,
  // then one an hour.
  b.Page(Local(2026, 11, 24, 22, 0))
      .Page(Local(2026, 11, 24, 22, 30))
      .Page(Local(2026, 11, 24, 23, 0))
      .Page(Local(2026, 11, 24, 23, 30))
      .Page(Local(2026, 11, 25, 0, 15))
      .Page(Local(2026, 11, 25, 1, 0))
      .Page(Local(2026, 11, 25, 2, 0))
      .Page(Local(2026, 11, 25, 3, 0))
      .Page(Local(2026, 11, 25, 4, 0))
      .Page(Local(2026, 11, 25, 5, 59));
  const PageLoad load = Load(b);
  EXPECT_EQ(load.pages, 10);
  EXPECT_EQ(load.interruptions.Total(), 10);
  EXPECT_EQ(load.interruptions[TimeBand::kSleep], 10);
  EXPECT_EQ(load.disrupted_hours.Total(), 8);  // 22, 23, 00, 01, ... 05
  EXPECT_EQ(load.disrupted_hours[TimeBand::kSleep], 8);
}

TEST(InterruptionsTest, APageExactlyTheWindowAfterTheLastOneStillMerges) {
  const absl::Time t = Local(2026, 11, 24, 10, 0);
  HistoryBuilder at_60, at_61;
  at_60.Page(t).Page(t + absl::Seconds(60));
  at_61.Page(t).Page(t + absl::Seconds(61));
  EXPECT_EQ(Load(at_60).interruptions.Total(), 1);
  EXPECT_EQ(Load(at_61).interruptions.Total(), 2);
}

TEST(InterruptionsTest, EachPageCountsFromThePreviousOneNotTheFirst) {
  // A page every 50 s for ten minutes: a chain, one interruption, although
  // the last page comes ten minutes after the first.
  HistoryBuilder b;
  const absl::Time t = Local(2026, 11, 24, 10, 0);
  for (int i = 0; i <= 12; ++i) b.Page(t + absl::Seconds(50 * i));
  EXPECT_EQ(Load(b).interruptions.Total(), 1);
}

TEST(InterruptionsTest, TheWindowComesFromTheTeamsConfig) {
  const absl::Time t = Local(2026, 11, 24, 10, 0);
  HistoryBuilder b;
  b.Page(t).Page(t + absl::Minutes(4)).Page(t + absl::Minutes(4));
  config::TeamConfig team = Team();
  EXPECT_EQ(Load(b, team).interruptions.Total(), 2);
  team.analysis.interruption_merge_seconds = 300;
  EXPECT_EQ(Load(b, team).interruptions.Total(), 1);
  // 0: only pages in the same second merge.
  team.analysis.interruption_merge_seconds = 0;
  EXPECT_EQ(Load(b, team).interruptions.Total(), 2);
  b.Page(t + absl::Minutes(4) + absl::Seconds(1));
  EXPECT_EQ(Load(b, team).interruptions.Total(), 3);
  // Disrupted hours do not depend on the window.
  EXPECT_EQ(Load(b, team).disrupted_hours.Total(), 1);
}

TEST(InterruptionsTest, MergeRuleSaysTheWindow) {
  config::AnalysisConfig analysis;
  EXPECT_EQ(MergeRule(analysis),
            "pages within 60 s of the one before count as one");
  analysis.interruption_merge_seconds = 0;
  EXPECT_EQ(MergeRule(analysis), "pages in the same second count as one");
  EXPECT_EQ(InterruptionMerge(config::AnalysisConfig{}), absl::Seconds(60));
}

TEST(InterruptionsTest, AnInterruptionIsInTheBandOfItsFirstPage) {
  // Off hours into sleep hours: one interruption (off hours) disrupting an
  // off-hours and a sleep hour.
  HistoryBuilder b;
  const absl::Time t = Local(2026, 11, 24, 21, 59) + absl::Seconds(30);
  b.Page(t).Page(t + absl::Seconds(50));
  const PageLoad load = Load(b);
  EXPECT_THAT(load.interruptions.by_band, ElementsAre(0, 1, 0));
  EXPECT_THAT(load.disrupted_hours.by_band, ElementsAre(0, 1, 1));
}

TEST(InterruptionsTest, PagesCountInTimeOrderWhateverOrderTheyCameIn) {
  const absl::Time t = Local(2026, 11, 24, 10, 0);
  HistoryBuilder b;
  b.Page(t + absl::Seconds(100))
      .Page(t)
      .Page(t + absl::Seconds(50))
      .Page(t + absl::Hours(2));
  const PageLoad load = Load(b);
  EXPECT_EQ(load.interruptions.Total(), 2);
  EXPECT_EQ(load.disrupted_hours.Total(), 2);
}

TEST(InterruptionsTest, PagesInOneSecondAreInIdOrderWhateverTheArrival) {
  const absl::Time t = Local(2026, 11, 24, 10, 0);
  model::TeamHistory history;
  history.AddPage("pd:c", t + absl::Seconds(1), false);
  history.AddPage("pd:b", t, false);
  history.AddPage("pd:a", t, false);
  history.AddPage("pd:0", t - absl::Seconds(1), false);
  std::vector<std::string> ids;
  for (const model::PageFact* page :
       PagesBetween(history, t - absl::Hours(1), t + absl::Hours(1)))
    ids.emplace_back(history.PageId(*page));
  EXPECT_THAT(ids, ElementsAre("pd:0", "pd:a", "pd:b", "pd:c"));
  // (from, to]: open at the start, closed at the end.
  EXPECT_EQ(PagesBetween(history, t, t + absl::Seconds(1)).size(), 1u);
}

TEST(InterruptionsTest, AWindowIsOpenAtItsStartAndClosedAtItsEnd) {
  const absl::Time t = Local(2026, 11, 24, 10, 0);
  HistoryBuilder b;
  b.Page(t).Page(t + absl::Seconds(30)).Page(t + absl::Hours(1));
  // The first page is not in (t, t + 1h]: the second begins an
  // interruption of its own.
  const PageLoad load = LoadBetween(Team(), b.history(), t, t + absl::Hours(1));
  EXPECT_EQ(load.pages, 2);
  EXPECT_EQ(load.interruptions.Total(), 2);
  EXPECT_EQ(load.disrupted_hours.Total(), 2);
}

TEST(InterruptionsTest, DisruptedHoursAreTheTeamsLocalClockHours) {
  // 21:10 and 21:50 UTC on a Tuesday: one hour in UTC (off hours); in
  // Kolkata (UTC+05:30) 02:40 and 03:20, two sleep hours.
  const auto utc = [](int h, int m) {
    return absl::FromCivil(absl::CivilSecond(2026, 11, 24, h, m, 0),
                           absl::UTCTimeZone());
  };
  HistoryBuilder b;
  b.Page(utc(21, 10)).Page(utc(21, 50));
  const PageLoad in_utc = Load(b, TeamIn("UTC"));
  EXPECT_THAT(in_utc.disrupted_hours.by_band, ElementsAre(0, 1, 0));
  const PageLoad in_kolkata = Load(b, TeamIn("Asia/Kolkata"));
  EXPECT_THAT(in_kolkata.disrupted_hours.by_band, ElementsAre(0, 0, 2));
  EXPECT_THAT(in_kolkata.interruptions.by_band, ElementsAre(0, 0, 2));
}

TEST(InterruptionsTest, TheHourRepeatedWhenClocksGoBackIsTwoHours) {
  // Berlin, Sunday 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
  const auto utc = [](int h, int m) {
    return absl::FromCivil(absl::CivilSecond(2026, 10, 25, h, m, 0),
                           absl::UTCTimeZone());
  };
  HistoryBuilder twice, once;
  twice.Page(utc(0, 30)).Page(utc(1, 30));  // 02:30 CEST, 02:30 CET
  once.Page(utc(0, 10)).Page(utc(0, 50));   // 02:10 CEST, 02:50 CEST
  EXPECT_EQ(Load(twice).disrupted_hours[TimeBand::kSleep], 2);
  EXPECT_EQ(Load(once).disrupted_hours[TimeBand::kSleep], 1);
  EXPECT_EQ(Load(once).interruptions.Total(), 2);
}

TEST(InterruptionsTest, AcrossTheSkippedHourOnePageLaterIsTheNextClockHour) {
  // Berlin, Sunday 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
  // 01:59:30 CET and 50 s later 03:00:20 CEST: one interruption, two hours.
  const absl::Time before = absl::FromCivil(
      absl::CivilSecond(2026, 3, 29, 0, 59, 30), absl::UTCTimeZone());
  HistoryBuilder b;
  b.Page(before).Page(before + absl::Seconds(50));
  const PageLoad load = Load(b);
  EXPECT_EQ(load.interruptions.Total(), 1);
  EXPECT_EQ(load.disrupted_hours[TimeBand::kSleep], 2);
}

}  // namespace
}  // namespace teamload::analysis
