#include "daemon/reports/slots.h"

#include "gtest/gtest.h"

namespace teamload::reports {
namespace {

absl::Time Utc(int y, int mo, int d, int h, int mi = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0),
                         absl::UTCTimeZone());
}

struct SlotCase {
  const char* what;
  const char* schedule;
  absl::Time t;
  absl::Time next;    // NextSlotAfter(t)
  absl::Time latest;  // LatestSlotAtOrBefore(t)
};

void PrintTo(const SlotCase& c, std::ostream* os) { *os << c.what; }

class SlotsTest : public testing::TestWithParam<SlotCase> {};

TEST_P(SlotsTest, NextAndLatest) {
  const SlotCase& c = GetParam();
  absl::StatusOr<config::ReportSchedule> schedule =
      config::ParseSchedule(c.schedule);
  ASSERT_TRUE(schedule.ok()) << schedule.status();
  EXPECT_EQ(absl::FormatTime(NextSlotAfter(*schedule, c.t)),
            absl::FormatTime(c.next));
  EXPECT_EQ(absl::FormatTime(LatestSlotAtOrBefore(*schedule, c.t)),
            absl::FormatTime(c.latest));
}

// Europe/Berlin is UTC+1 in winter, UTC+2 in summer (2026: from 29 March
// 02:00 to 25 October 03:00). America/New_York is UTC-5 / UTC-4 (2026: from
// 8 March to 1 November).
INSTANTIATE_TEST_SUITE_P(
    Table, SlotsTest,
    testing::Values(
        SlotCase{"a weekday mid-week", "Mon 09:00 Europe/Berlin",
                 Utc(2026, 11, 26, 11), Utc(2026, 11, 30, 8),
                 Utc(2026, 11, 23, 8)},
        SlotCase{"exactly at a slot", "Mon 09:00 Europe/Berlin",
                 Utc(2026, 11, 30, 8), Utc(2026, 12, 7, 8),
                 Utc(2026, 11, 30, 8)},
        SlotCase{"just before a slot", "Mon 09:00 Europe/Berlin",
                 Utc(2026, 11, 30, 8) - absl::Seconds(1), Utc(2026, 11, 30, 8),
                 Utc(2026, 11, 23, 8)},
        SlotCase{"two weekdays", "Mon,Thu 08:30 America/New_York",
                 Utc(2026, 11, 24, 17), Utc(2026, 11, 26, 13, 30),
                 Utc(2026, 11, 23, 13, 30)},
        SlotCase{"two weekdays, across the weekend",
                 "Mon,Thu 08:30 America/New_York", Utc(2026, 11, 28, 12),
                 Utc(2026, 11, 30, 13, 30), Utc(2026, 11, 26, 13, 30)},
        SlotCase{"every day", "Mon-Sun 06:00 UTC", Utc(2026, 11, 26, 6),
                 Utc(2026, 11, 27, 6), Utc(2026, 11, 26, 6)},
        SlotCase{"spring forward: the Monday after is an hour earlier in UTC",
                 "Mon 09:00 Europe/Berlin", Utc(2026, 3, 27, 11),
                 Utc(2026, 3, 30, 7), Utc(2026, 3, 23, 8)},
        SlotCase{"fall back: the Monday after is an hour later in UTC",
                 "Mon 09:00 Europe/Berlin", Utc(2026, 10, 23, 10),
                 Utc(2026, 10, 26, 8), Utc(2026, 10, 19, 7)},
        SlotCase{"spring forward in New York, two weekdays",
                 "Mon,Thu 08:30 America/New_York", Utc(2026, 3, 6, 17),
                 Utc(2026, 3, 9, 12, 30), Utc(2026, 3, 5, 13, 30)},
        SlotCase{"a skipped wall-clock time runs at the transition",
                 "Sun 02:30 Europe/Berlin", Utc(2026, 3, 28, 11),
                 Utc(2026, 3, 29, 1), Utc(2026, 3, 22, 1, 30)},
        SlotCase{"a repeated wall-clock time runs once, at its first "
                 "occurrence",
                 "Sun 02:30 Europe/Berlin", Utc(2026, 10, 24, 10),
                 Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 18, 0, 30)},
        SlotCase{"no second slot at the repeat of a repeated time",
                 "Sun 02:30 Europe/Berlin", Utc(2026, 10, 25, 1, 10),
                 Utc(2026, 11, 1, 1, 30), Utc(2026, 10, 25, 0, 30)},
        SlotCase{"a zone ahead of UTC: Monday there is Sunday in UTC",
                 "Mon 00:30 Asia/Tokyo", Utc(2026, 11, 29, 15),
                 Utc(2026, 11, 29, 15, 30), Utc(2026, 11, 22, 15, 30)},
        SlotCase{"a zone behind UTC: Sunday there is Monday in UTC",
                 "Sun 23:00 America/Los_Angeles", Utc(2026, 11, 30, 6, 59),
                 Utc(2026, 11, 30, 7), Utc(2026, 11, 23, 7)}),
    [](const testing::TestParamInfo<SlotCase>& info) {
      return std::to_string(info.index);
    });

TEST(SlotDateTest, IsTheCalendarDayInTheSchedulesZone) {
  absl::StatusOr<config::ReportSchedule> tokyo =
      config::ParseSchedule("Mon 00:30 Asia/Tokyo");
  ASSERT_TRUE(tokyo.ok());
  EXPECT_EQ(SlotDate(*tokyo, Utc(2026, 11, 29, 15, 30)), "2026-11-30");
}

TEST(SlotsTest, ConsecutiveSlotsAcrossAYearAreOneWeekApartInLocalTime) {
  absl::StatusOr<config::ReportSchedule> schedule =
      config::ParseSchedule("Mon 09:00 Europe/Berlin");
  ASSERT_TRUE(schedule.ok());
  absl::Time slot = Utc(2026, 1, 5, 8);  // Monday 09:00 CET
  for (int week = 0; week < 52; ++week) {
    const absl::Time next = NextSlotAfter(*schedule, slot);
    EXPECT_EQ(LatestSlotAtOrBefore(*schedule, next - absl::Seconds(1)), slot);
    EXPECT_EQ(SlotBefore(*schedule, next), slot);
    const absl::CivilSecond local = schedule->zone.At(next).cs;
    EXPECT_EQ(absl::GetWeekday(local), absl::Weekday::monday);
    EXPECT_EQ(local.hour(), 9);
    EXPECT_EQ(local.minute(), 0);
    EXPECT_EQ(absl::ToCivilDay(next, schedule->zone) -
                  absl::ToCivilDay(slot, schedule->zone),
              7);
    slot = next;
  }
}

TEST(SlotBeforeTest, IsTheSlotStrictlyBeforeAMomentSlotOrNot) {
  absl::StatusOr<config::ReportSchedule> schedule =
      config::ParseSchedule("Mon,Thu 08:30 America/New_York");
  ASSERT_TRUE(schedule.ok());
  // Monday 2026-11-30 08:30 EST is 13:30 UTC; the slot before is Thursday's.
  EXPECT_EQ(SlotBefore(*schedule, Utc(2026, 11, 30, 13, 30)),
            Utc(2026, 11, 26, 13, 30));
  // A moment between slots: the latest slot before it.
  EXPECT_EQ(SlotBefore(*schedule, Utc(2026, 11, 30, 13, 31)),
            Utc(2026, 11, 30, 13, 30));
}

}  // namespace
}  // namespace teamload::reports
