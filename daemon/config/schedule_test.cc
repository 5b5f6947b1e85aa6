#include "daemon/config/schedule.h"

#include "daemon/config/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::config {
namespace {

using absl::Weekday;
using ::teamload::config::testing::BadInput;
using ::teamload::config::testing::ExpectRefused;
using ::testing::ElementsAre;

TEST(ParseScheduleTest, OneDay) {
  absl::StatusOr<ReportSchedule> s = ParseSchedule("Mon 09:00 Europe/Berlin");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_THAT(s->weekdays, ElementsAre(Weekday::monday));
  EXPECT_EQ(s->hour, 9);
  EXPECT_EQ(s->minute, 0);
  EXPECT_EQ(s->timezone, "Europe/Berlin");
  EXPECT_EQ(s->zone.name(), "Europe/Berlin");
}

TEST(ParseScheduleTest, ListsRangesAndFullNamesInAnyCaseAndOrder) {
  absl::StatusOr<ReportSchedule> s =
      ParseSchedule("thursday,MON 08:30 America/New_York");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_THAT(s->weekdays, ElementsAre(Weekday::monday, Weekday::thursday));
  EXPECT_EQ(s->hour, 8);
  EXPECT_EQ(s->minute, 30);
  EXPECT_EQ(FormatSchedule(*s), "Mon,Thu 08:30 America/New_York");

  s = ParseSchedule("Mon-Wed,Sat  7:05   UTC");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_THAT(s->weekdays, ElementsAre(Weekday::monday, Weekday::tuesday,
                                       Weekday::wednesday, Weekday::saturday));
  EXPECT_EQ(FormatSchedule(*s), "Mon,Tue,Wed,Sat 07:05 UTC");
}

class BadScheduleTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadScheduleTest, SaysWhatIsWrong) {
  absl::StatusOr<ReportSchedule> s = ParseSchedule(GetParam().text);
  ASSERT_FALSE(s.ok());
  ExpectRefused(s.status(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadScheduleTest,
    ::testing::Values(
        BadInput{"Mon 09:00",
                 "\"Mon 09:00\" is not \"DAYS HH:MM ZONE\" (e.g. \"Mon "
                 "09:00 Europe/Berlin\""},
        BadInput{"Mnn 09:00 UTC", "\"Mnn\" is not a weekday (use Mon, Tue"},
        BadInput{"Mon, 09:00 UTC", "\"\" is not a weekday"},
        BadInput{"Fri-Mon 09:00 UTC", "range \"Fri-Mon\" runs backwards"},
        BadInput{"Mon,Mon-Tue 09:00 UTC", "Mon is listed twice"},
        BadInput{"Mon 9am UTC",
                 "\"9am\" is not a 24-hour time HH:MM such as 09:00"},
        BadInput{"Mon 24:00 UTC", "\"24:00\" is not a 24-hour time"},
        BadInput{"Mon 09:60 UTC", "\"09:60\" is not a 24-hour time"},
        BadInput{"Mon 09:5 UTC", "\"09:5\" is not a 24-hour time"},
        BadInput{"Mon -1:00 UTC", "\"-1:00\" is not a 24-hour time"},
        BadInput{"Mon 09:00 Europe/Berln",
                 "unknown time zone \"Europe/Berln\" (use an IANA name"}));

}  // namespace
}  // namespace teamload::config
