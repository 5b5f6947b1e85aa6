#include "daemon/util/clock.h"

#include "gtest/gtest.h"

namespace teamload::util {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1'796'025'600);

TEST(FakeClockTest, MovesOnlyWhenSetAdvancedOrSleptOn) {
  FakeClock clock(kStart);
  EXPECT_EQ(clock.Now(), kStart);
  clock.Advance(absl::Minutes(5));
  EXPECT_EQ(clock.Now(), kStart + absl::Minutes(5));
  clock.Set(kStart);
  EXPECT_EQ(clock.Now(), kStart);
}

TEST(FakeClockTest, SleepForPassesTheSleepersTimeAtOnce) {
  FakeClock clock(kStart);
  const Clock& as_clock = clock;
  // An hour on the fake clock takes no real time.
  as_clock.SleepFor(absl::Hours(1));
  EXPECT_EQ(clock.Now(), kStart + absl::Hours(1));
  // A loop that sleeps until a moment on the clock ends.
  const absl::Time deadline = kStart + absl::Hours(2);
  int naps = 0;
  while (as_clock.Now() < deadline) {
    as_clock.SleepFor(absl::Minutes(20));
    ++naps;
  }
  EXPECT_EQ(naps, 3);
  // Sleeping for nothing, or less, never moves it back.
  as_clock.SleepFor(-absl::Minutes(5));
  EXPECT_EQ(clock.Now(), deadline);
}

TEST(SystemClockTest, SleepForWaitsInRealTime) {
  const SystemClock clock;
  const absl::Time before = absl::Now();
  clock.SleepFor(absl::Milliseconds(20));
  EXPECT_GE(absl::Now() - before, absl::Milliseconds(20));
}

}  // namespace
}  // namespace teamload::util
