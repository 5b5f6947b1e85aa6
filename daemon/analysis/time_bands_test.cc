#include "daemon/analysis/time_bands.h"

#include "absl/strings/str_format.h"
#include "daemon/analysis/testing.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using testing::Berlin;
using testing::Local;

struct HourCase {
  int hour;
  bool weekend;
  TimeBand band;
};

TEST(TimeBandsTest, BandOfLocalHourIsTheWholeRule) {
  const HourCase cases[] = {
      {0, false, TimeBand::kSleep},     {7, false, TimeBand::kSleep},
      {8, false, TimeBand::kBusiness},  {12, false, TimeBand::kBusiness},
      {17, false, TimeBand::kBusiness}, {18, false, TimeBand::kOffHours},
      {21, false, TimeBand::kOffHours}, {22, false, TimeBand::kSleep},
      {23, false, TimeBand::kSleep},    {0, true, TimeBand::kSleep},
      {7, true, TimeBand::kSleep},      {8, true, TimeBand::kOffHours},
      {12, true, TimeBand::kOffHours},  {18, true, TimeBand::kOffHours},
      {21, true, TimeBand::kOffHours},  {22, true, TimeBand::kSleep},
  };
  for (const HourCase& c : cases) {
    EXPECT_EQ(BandOfLocalHour(c.hour, c.weekend), c.band)
        << c.hour << (c.weekend ? " weekend" : " weekday");
  }
}

TEST(TimeBandsTest, ConstantsAreTheBandEdges) {
  EXPECT_EQ(kBusinessStartHour, 8);
  EXPECT_EQ(kBusinessEndHour, 18);
  EXPECT_EQ(kSleepStartHour, 22);
  EXPECT_EQ(kSleepEndHour, 8);
  // Thursday 2026-11-26: each band starts on its constant's hour.
  EXPECT_EQ(BandOf(Local(2026, 11, 26, kSleepEndHour - 1, 59), Berlin()),
            TimeBand::kSleep);
  EXPECT_EQ(BandOf(Local(2026, 11, 26, kBusinessStartHour, 0), Berlin()),
            TimeBand::kBusiness);
  EXPECT_EQ(BandOf(Local(2026, 11, 26, kBusinessEndHour, 0), Berlin()),
            TimeBand::kOffHours);
  EXPECT_EQ(BandOf(Local(2026, 11, 26, kSleepStartHour - 1, 59), Berlin()),
            TimeBand::kOffHours);
  EXPECT_EQ(BandOf(Local(2026, 11, 26, kSleepStartHour, 0), Berlin()),
            TimeBand::kSleep);
}

TEST(TimeBandsTest, ProseNamesTheSleepHoursFromTheConstants) {
  EXPECT_EQ(SleepHours(), "22:00-08:00");
  EXPECT_EQ(SleepHours(HoursStyle::kClock),
            absl::StrFormat("%02d:00-%02d:00", kSleepStartHour, kSleepEndHour));
  EXPECT_EQ(SleepHours(HoursStyle::kShort), "22-08");
  EXPECT_EQ(SleepHours(HoursStyle::kShort),
            absl::StrFormat("%02d-%02d", kSleepStartHour, kSleepEndHour));
}

TEST(TimeBandsTest, EdgesAreLocal) {
  // Thursday 2026-11-26.
  EXPECT_EQ(BandOf(Local(2026, 11, 26, 7, 59), Berlin()), TimeBand::kSleep);
  EXPECT_EQ(BandOf(Local(2026, 11, 26, 8, 0), Berlin()), TimeBand::kBusiness);
  EXPECT_EQ(BandOf(Local(2026, 11, 26, 17, 59), Berlin()), TimeBand::kBusiness);
  EXPECT_EQ(BandOf(Local(2026, 11, 26, 18, 0), Berlin()), TimeBand::kOffHours);
  EXPECT_EQ(BandOf(Local(2026, 11, 26, 21, 59), Berlin()), TimeBand::kOffHours);
  EXPECT_EQ(BandOf(Local(2026, 11, 26, 22, 0), Berlin()), TimeBand::kSleep);
  // Saturday daytime is off hours; Saturday night is sleep.
  EXPECT_EQ(BandOf(Local(2026, 11, 28, 10, 0), Berlin()), TimeBand::kOffHours);
  EXPECT_EQ(BandOf(Local(2026, 11, 28, 23, 0), Berlin()), TimeBand::kSleep);
}

TEST(TimeBandsTest, SameInstantFallsInTheTeamsOwnBand) {
  const absl::Time t = absl::FromCivil(
      absl::CivilSecond(2026, 11, 26, 21, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(BandOf(t, absl::UTCTimeZone()), TimeBand::kOffHours);
  EXPECT_EQ(BandOf(t, Berlin()), TimeBand::kSleep);  // 22:30 in Berlin
}

TEST(TimeBandsTest, FollowsDaylightSavingChanges) {
  // Berlin moves from UTC+1 to UTC+2 on 2026-03-29 at 02:00.
  const absl::TimeZone utc = absl::UTCTimeZone();
  const absl::Time before =
      absl::FromCivil(absl::CivilSecond(2026, 3, 27, 20, 59, 0), utc);
  const absl::Time after =
      absl::FromCivil(absl::CivilSecond(2026, 3, 30, 20, 0, 0), utc);
  EXPECT_EQ(BandOf(before, Berlin()), TimeBand::kOffHours);  // 21:59 CET
  EXPECT_EQ(BandOf(after, Berlin()), TimeBand::kSleep);      // 22:00 CEST
  // The same UTC hour is 21:00 local before the change and 22:00 after it.
  EXPECT_EQ(
      BandOf(absl::FromCivil(absl::CivilSecond(2026, 3, 27, 20, 0, 0), utc),
             Berlin()),
      TimeBand::kOffHours);
}

TEST(TimeBandsTest, ShiftsChangeAt8And20Local) {
  EXPECT_EQ(kShiftStartHour, 8);
  EXPECT_EQ(kShiftHours, 12);
  // Shift 0 starts 1970-01-01 08:00 local; the night before is shift -1.
  EXPECT_EQ(ShiftOf(absl::FromCivil(absl::CivilSecond(1970, 1, 1, 8, 0, 0),
                                    absl::UTCTimeZone()),
                    absl::UTCTimeZone()),
            0);
  EXPECT_EQ(ShiftOf(absl::FromCivil(absl::CivilSecond(1970, 1, 1, 7, 59, 0),
                                    absl::UTCTimeZone()),
                    absl::UTCTimeZone()),
            -1);
  EXPECT_EQ(ShiftOf(absl::FromCivil(absl::CivilSecond(1970, 1, 1, 20, 0, 0),
                                    absl::UTCTimeZone()),
                    absl::UTCTimeZone()),
            1);
  EXPECT_EQ(ShiftOf(Local(2026, 11, 26, 8, 0), Berlin()),
            ShiftOf(Local(2026, 11, 26, 19, 59), Berlin()));
  EXPECT_NE(ShiftOf(Local(2026, 11, 26, 19, 59), Berlin()),
            ShiftOf(Local(2026, 11, 26, 20, 0), Berlin()));
  EXPECT_EQ(ShiftOf(Local(2026, 11, 26, 20, 0), Berlin()),
            ShiftOf(Local(2026, 11, 27, 7, 59), Berlin()));
  EXPECT_NE(ShiftOf(Local(2026, 11, 27, 7, 59), Berlin()),
            ShiftOf(Local(2026, 11, 27, 8, 0), Berlin()));
}

TEST(LocalClockTest, AgreesWithTheZoneAcrossDaylightSavingChanges) {
  // Every 7 minutes through both of Berlin's changes in 2026 (and New York's,
  // and a zone without any), inside and outside the clock's window.
  for (const char* name :
       {"Europe/Berlin", "America/New_York", "Asia/Kolkata"}) {
    absl::TimeZone zone;
    ASSERT_TRUE(absl::LoadTimeZone(name, &zone));
    const absl::Time from = absl::FromCivil(absl::CivilDay(2026, 3, 1), zone);
    const absl::Time to = absl::FromCivil(absl::CivilDay(2026, 11, 30), zone);
    const LocalClock clock(zone, from + absl::Hours(24 * 20),
                           to - absl::Hours(24 * 20));
    int64_t last_hour = 0;
    for (absl::Time t = from; t < to; t += absl::Minutes(7)) {
      ASSERT_EQ(clock.BandOf(t), BandOf(t, zone)) << name << " " << t;
      ASSERT_EQ(clock.ShiftOf(t), ShiftOf(t, zone)) << name << " " << t;
      // The hour began the local minutes and seconds past it before t.
      const absl::CivilSecond local = zone.At(t).cs;
      const LocalClock::Hour hour = clock.HourOf(absl::ToUnixSeconds(t));
      ASSERT_EQ(hour.start, absl::ToUnixSeconds(t) - local.minute() * 60 -
                                local.second())
          << name << " " << t;
      ASSERT_EQ(hour.band, BandOf(t, zone)) << name << " " << t;
      ASSERT_GE(hour.start, last_hour) << name << " " << t;
      last_hour = hour.start;
    }
  }
}

TEST(LocalClockTest, BandLabelsAreForMetrics) {
  EXPECT_STREQ(BandLabel(TimeBand::kBusiness), "business");
  EXPECT_STREQ(BandLabel(TimeBand::kOffHours), "off_hours");
  EXPECT_STREQ(BandLabel(TimeBand::kSleep), "sleep");
}

}  // namespace
}  // namespace teamload::analysis
