#include "daemon/util/rate_limited_log.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::util {
namespace {

using ::testing::ElementsAre;

const absl::Time kStart = absl::FromUnixSeconds(1'796'025'600);

class RateLimitedLogTest : public testing::Test {
 protected:
  RateLimitedLogTest()
      : clock_(kStart),
        log_(&clock_, 2, [this](Severity severity, absl::string_view line) {
          lines_.push_back(absl::StrFormat(
              "%s %s", severity == Severity::kError ? "E" : "W", line));
        }) {}

  FakeClock clock_;
  std::vector<std::string> lines_;
  RateLimitedLog log_;
};

TEST_F(RateLimitedLogTest, WritesAFewLinesASecondAndCountsTheRest) {
  for (int i = 1; i <= 5; ++i) log_.Error("store write failed (%d)", i);
  EXPECT_THAT(lines_, ElementsAre("E store write failed (1)",
                                  "E store write failed (2)"));
  // Within the same second, still quiet.
  clock_.Advance(absl::Milliseconds(999));
  log_.Warning("malformed request");
  EXPECT_EQ(lines_.size(), 2u);
  // The next second's first line tells how many were dropped before it.
  clock_.Advance(absl::Milliseconds(1));
  log_.Warning("malformed request");
  log_.Log(Severity::kError, "store write failed (7)");
  log_.Log(Severity::kError, "store write failed (8)");
  EXPECT_THAT(
      lines_,
      ElementsAre("E store write failed (1)", "E store write failed (2)",
                  "W malformed request [4 similar lines suppressed "
                  "before this one]",
                  "E store write failed (7)"));
  clock_.Advance(absl::Hours(1));
  log_.Error("back");
  EXPECT_EQ(lines_.back(),
            "E back [1 similar line suppressed before this one]");
}

}  // namespace
}  // namespace teamload::util
