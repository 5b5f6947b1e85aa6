#include "daemon/reports/weekly_series.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "daemon/analysis/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::reports {
namespace {

using analysis::kWeek;
using analysis::testing::HistoryBuilder;
using analysis::testing::kAsOf;  // Thursday 2026-11-26 12:00 Berlin
using analysis::testing::Local;
using testing::ElementsAreArray;

template <typename Field>
std::vector<int> Column(const std::vector<WeekPoint>& series, Field field) {
  std::vector<int> values;
  for (const WeekPoint& week : series) values.push_back(week.*field);
  return values;
}

TEST(WeeklySeriesTest, TwelveWeeksEndingAtAsOfOldestFirst) {
  const model::TeamHistory empty;
  const std::vector<WeekPoint> series =
      WeeklySeries(analysis::testing::Team(), empty, kAsOf);
  ASSERT_EQ(series.size(), 12u);
  EXPECT_EQ(series.front().week_start, kAsOf - 12 * kWeek);
  EXPECT_EQ(series.back().week_start, kAsOf - kWeek);
  EXPECT_THAT(Column(series, &WeekPoint::pages),
              ElementsAreArray(std::vector<int>(12, 0)));
  EXPECT_THAT(Column(series, &WeekPoint::interruptions_business),
              ElementsAreArray(std::vector<int>(12, 0)));
}

TEST(WeeklySeriesTest, PagesFallInTheirWindowAndLocalBand) {
  HistoryBuilder h;
  h.Page(kAsOf)                                // business, last window
      .Page(Local(2026, 11, 26, 3))            // sleep (03:00 local)
      .Page(Local(2026, 11, 21, 12))           // Saturday noon: off hours
      .Page(Local(2026, 11, 24, 19))           // Tuesday 19:00: off hours
      .Page(kAsOf - kWeek)                     // ends the window before
      .Page(kAsOf - kWeek + absl::Seconds(1))  // opens the last window
      .Page(kAsOf - 12 * kWeek)                // before the first window
      .Page(kAsOf - 12 * kWeek + absl::Hours(1))
      .Page(kAsOf + absl::Seconds(1));  // after as_of: not yet
  const std::vector<WeekPoint> series =
      WeeklySeries(analysis::testing::Team(), h.history(), kAsOf);
  //  kAsOf - kWeek is Thursday 12:00: business hours.
  EXPECT_THAT(Column(series, &WeekPoint::interruptions_business),
              ElementsAreArray({1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2}));
  EXPECT_THAT(Column(series, &WeekPoint::interruptions_off_hours),
              ElementsAreArray({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}));
  EXPECT_THAT(Column(series, &WeekPoint::interruptions_sleep),
              ElementsAreArray({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
  // Each page an interruption in an hour of its own.
  EXPECT_THAT(Column(series, &WeekPoint::pages),
              ElementsAreArray({1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 5}));
  EXPECT_THAT(Column(series, &WeekPoint::disrupted_hours_off_hours),
              ElementsAreArray({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}));
  EXPECT_THAT(Column(series, &WeekPoint::disrupted_hours_sleep),
              ElementsAreArray({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
}

TEST(WeeklySeriesTest, EachWindowMergesItsOwnPagesIntoInterruptions) {
  HistoryBuilder h;
  // Ten pages in a minute, Tuesday 03:00 of the last week: one sleep-hour
  // interruption in one disrupted hour.
  for (int i = 0; i < 10; ++i)
    h.Page(Local(2026, 11, 24, 3) + absl::Seconds(6 * i));
  // A chain across the edge between the two windows before: 30 s before
  // and after: an interruption in each, in the hour each window saw.
  const absl::Time edge = kAsOf - 2 * kWeek;
  h.Page(edge - absl::Seconds(30)).Page(edge + absl::Seconds(30));
  const std::vector<WeekPoint> series =
      WeeklySeries(analysis::testing::Team(), h.history(), kAsOf);
  EXPECT_EQ(series[11].pages, 10);
  EXPECT_EQ(series[11].Interruptions(), 1);
  EXPECT_EQ(series[11].interruptions_sleep, 1);
  EXPECT_EQ(series[11].DisruptedHours(), 1);
  EXPECT_EQ(series[11].disrupted_hours_sleep, 1);
  EXPECT_EQ(series[10].Interruptions(), 1);
  EXPECT_EQ(series[9].Interruptions(), 1);
  EXPECT_EQ(series[10].DisruptedHours(), 1);
  EXPECT_EQ(series[9].DisruptedHours(), 1);
}

TEST(WeeklySeriesTest, TheMergeWindowFollowsTheTeamsConfig) {
  HistoryBuilder h;
  for (int i = 0; i < 10; ++i)
    h.Page(Local(2026, 11, 24, 3) + absl::Seconds(6 * i));
  config::TeamConfig team = analysis::testing::Team();
  team.analysis.interruption_merge_seconds = 5;
  const WeekPoint last = WeeklySeries(team, h.history(), kAsOf).back();
  EXPECT_EQ(last.Interruptions(), 10);
  EXPECT_EQ(last.DisruptedHours(), 1);
}

TEST(WeeklySeriesTest, OpenDeferralsAndUnwrittenOopsesAtEachWindowsEnd) {
  HistoryBuilder h;
  // Open at the ends 3 and 2 weeks back; resolved exactly at the next.
  h.Deferral("OPS-1", kAsOf - 3 * kWeek, 1, kAsOf - kWeek)
      // Open at the last three ends.
      .Deferral("OPS-2", kAsOf - 2 * kWeek - absl::Hours(1), 2)
      // Unwritten 20 days on: unwritten (14 days) only at the last end.
      .Oops(kAsOf - absl::Hours(24 * 20))
      // Written up after 30 days: unwritten at the ends 14 to 30 days on.
      .Oops(kAsOf - absl::Hours(24 * 40), kAsOf - absl::Hours(24 * 10));
  const std::vector<WeekPoint> series =
      WeeklySeries(analysis::testing::Team(), h.history(), kAsOf);
  EXPECT_THAT(Column(series, &WeekPoint::open_deferrals),
              ElementsAreArray({0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 1, 1}));
  EXPECT_THAT(Column(series, &WeekPoint::unwritten_oopses),
              ElementsAreArray({0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1}));
}

TEST(WeeklySeriesTest, WriteUpGraceFollowsTheTeamsThreshold) {
  HistoryBuilder h;
  h.Oops(kAsOf - absl::Hours(24 * 20));
  config::TeamConfig team = analysis::testing::Team();
  team.analysis.oops_writeup_days = 21;
  EXPECT_EQ(WeeklySeries(team, h.history(), kAsOf).back().unwritten_oopses, 0);
  team.analysis.oops_writeup_days = 7;
  EXPECT_THAT(Column(WeeklySeries(team, h.history(), kAsOf),
                     &WeekPoint::unwritten_oopses),
              ElementsAreArray({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1}));
}

// "2026-11-24 Ana: reorg" for each note of each week, "-" for a week
// without.
std::vector<std::string> NotesByWeek(const std::vector<WeekPoint>& series) {
  std::vector<std::string> weeks;
  for (const WeekPoint& week : series) {
    std::vector<std::string> notes;
    for (const WeekNote& note : week.notes) {
      notes.push_back(absl::StrCat(absl::FormatCivilTime(note.day), " ",
                                   note.author, ": ", note.text));
    }
    weeks.push_back(notes.empty() ? "-" : absl::StrJoin(notes, " | "));
  }
  return weeks;
}

TEST(WeeklySeriesTest, AnnotationsFallInTheirWindowOldestFirst) {
  HistoryBuilder h;
  h.Annotation(Local(2026, 11, 25, 9), "launch", "Ben")
      .Annotation(Local(2026, 11, 24, 9), "reorg", "Ana")
      // 23:30 UTC is the next day in Berlin: dated as the team lives it.
      .Annotation(absl::FromCivil(absl::CivilSecond(2026, 11, 1, 23, 30, 0),
                                  absl::UTCTimeZone()),
                  "offsite", "Cy")
      .Annotation(kAsOf - kWeek, "ends the window before")
      .Annotation(kAsOf - 12 * kWeek, "before the first window")
      .Annotation(kAsOf - 12 * kWeek + absl::Seconds(1), "opens the first")
      .Annotation(kAsOf + absl::Seconds(1), "after as_of: not yet");
  const std::vector<WeekPoint> series =
      WeeklySeries(analysis::testing::Team(), h.history(), kAsOf);
  EXPECT_THAT(
      NotesByWeek(series),
      ElementsAreArray({"2026-09-03 maria: opens the first", "-", "-", "-", "-",
                        "-", "-", "-", "2026-11-02 Cy: offsite", "-",
                        "2026-11-19 maria: ends the window before",
                        "2026-11-24 Ana: reorg | 2026-11-25 Ben: "
                        "launch"}));
  EXPECT_EQ(series.back().notes.front().at, Local(2026, 11, 24, 9));
}

TEST(WeeklySeriesTest, AnnotationsChangeNoCount) {
  HistoryBuilder plain;
  plain.Page(kAsOf - absl::Hours(30)).Oops(kAsOf - absl::Hours(24 * 20));
  HistoryBuilder noted = plain;
  noted.Annotation(kAsOf - absl::Hours(30), "incident review");
  std::vector<WeekPoint> with_notes =
      WeeklySeries(analysis::testing::Team(), noted.history(), kAsOf);
  const std::vector<WeekPoint> without =
      WeeklySeries(analysis::testing::Team(), plain.history(), kAsOf);
  ASSERT_EQ(with_notes.back().notes.size(), 1u);
  with_notes.back().notes.clear();
  for (size_t i = 0; i < without.size(); ++i) {
    EXPECT_EQ(with_notes[i].pages, without[i].pages);
    EXPECT_EQ(with_notes[i].Interruptions(), without[i].Interruptions());
    EXPECT_EQ(with_notes[i].unwritten_oopses, without[i].unwritten_oopses);
    EXPECT_EQ(with_notes[i].notes.size(), 0u);
  }
}

TEST(WeeklySeriesTest, AnAnnotationOutsideTheWeeksIsNotDrawn) {
  HistoryBuilder plain;
  plain.Page(kAsOf - absl::Hours(30));
  HistoryBuilder noted = plain;
  noted.Annotation(kAsOf - 12 * kWeek, "a quarter ago")
      .Annotation(kAsOf + absl::Hours(1), "tomorrow");
  const config::TeamConfig team = analysis::testing::Team();
  EXPECT_EQ(
      TeamChartsSvg("payments", WeeklySeries(team, noted.history(), kAsOf)),
      TeamChartsSvg("payments", WeeklySeries(team, plain.history(), kAsOf)));
  noted.Annotation(kAsOf - absl::Hours(2), "inside");
  EXPECT_THAT(
      TeamChartsSvg("payments", WeeklySeries(team, noted.history(), kAsOf)),
      testing::HasSubstr("<title>W47, note 1 (context, not evidence): "
                         "2026-11-26 — inside (maria)</title>"));
}

}  // namespace
}  // namespace teamload::reports
