#include "daemon/analysis/time_bands.h"

#include "daemon/analysis/testing.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using testing::Berlin;
using testing::Local;

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
    for (absl::Time t = from; t < to; t += absl::Minutes(7)) {
      ASSERT_EQ(clock.BandOf(t), BandOf(t, zone)) << name << " " << t;
      ASSERT_EQ(clock.ShiftOf(t), ShiftOf(t, zone)) << name << " " << t;
    }
  }
}

}  // namespace
}  // namespace teamload::analysis
