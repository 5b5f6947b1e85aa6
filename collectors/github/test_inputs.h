// Inputs the github tests share: the hand-made fixtures of GitHub's formats
// (tests/fixtures/github, see its README) and UTC times. Test-only.
#ifndef TEAMLOAD_COLLECTORS_GITHUB_TEST_INPUTS_H_
#define TEAMLOAD_COLLECTORS_GITHUB_TEST_INPUTS_H_

#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "collectors/common/testing.h"
#include "gtest/gtest.h"

namespace teamload::collectors::github {

inline absl::Time Utc(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute),
                         absl::UTCTimeZone());
}

// The text of tests/fixtures/github/<path>; fails the test when unreadable.
using ::teamload::testing::Fixture;

}  // namespace teamload::collectors::github

#endif  // TEAMLOAD_COLLECTORS_GITHUB_TEST_INPUTS_H_
