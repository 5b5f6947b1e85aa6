#include "daemon/analysis/deferral_drift.h"

#include "daemon/analysis/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using testing::HistoryBuilder;
using testing::kAsOf;
using testing::Team;

Findings Detect(const HistoryBuilder& b) {
  Findings out;
  DetectDeferralDrift({Team(), b.history(), kAsOf}, out);
  return out;
}

// One new open item a week for the last 8 weeks.
HistoryBuilder Rising(int times_each) {
  HistoryBuilder b;
  for (int week = 7; week >= 0; --week) {
    b.Deferral("PAY-" + std::to_string(100 + week),
               kAsOf - kWeek * week - absl::Hours(1), times_each);
  }
  return b;
}

TEST(DeferralDriftTest, ASignificantRisingTrendIsWatch) {
  const Findings out = Detect(Rising(1));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_WATCH);
  EXPECT_EQ(out[0].boundary(), teamload::v1::BOUNDARY_ECONOMIC);
  EXPECT_EQ(out[0].trend(), teamload::v1::TREND_RISING);
  EXPECT_THAT(out[0].summary(),
              ::testing::StartsWith(
                  "Open deferred work rose from 1 to 8 items over 8 weeks "
                  "(+1 a week, Mann-Kendall p = 0.001)"));
}

TEST(DeferralDriftTest, OneOpenItemIsOneItem) {
  HistoryBuilder b;
  b.Deferral("PAY-1", kAsOf - kWeek * 3, 1);
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_THAT(out[0].summary(),
              ::testing::StartsWith(
                  "Open deferred work rose from 0 to 1 item over 8 weeks"));
}

TEST(DeferralDriftTest, RepeatedDeferralsAroundTheThreshold) {
  HistoryBuilder two, three;
  two.Deferral("PAY-1", kAsOf - kWeek * 20, 2);
  three.Deferral("PAY-1", kAsOf - kWeek * 20, 3);
  EXPECT_THAT(Detect(two), ::testing::IsEmpty());
  const Findings out = Detect(three);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_WATCH);
  EXPECT_EQ(out[0].trend(), teamload::v1::TREND_STEADY);
  EXPECT_EQ(out[0].summary(),
            "1 open deferred item, no significant trend over 8 weeks; 1 item "
            "was deferred 3 "
            "or more times (most: PAY-1 \"a chore\", 3 times); oldest open: "
            "PAY-1, open 140 "
            "days.");
}

TEST(DeferralDriftTest, BothIsAttention) {
  const Findings out = Detect(Rising(3));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_ATTENTION);
}

TEST(DeferralDriftTest, ResolvedItemsCloseAndAStepIsNotATrend) {
  HistoryBuilder b;
  // Six items open all along; two more appear in the last week: a step, not
  // drift.
  for (int i = 0; i < 6; ++i)
    b.Deferral("OLD-" + std::to_string(i), kAsOf - kWeek * 30, 1);
  b.Deferral("NEW-1", kAsOf - absl::Hours(5), 1)
      .Deferral("NEW-2", kAsOf - absl::Hours(4), 1);
  // A resolved item deferred 5 times is history, not drift.
  b.Deferral("DONE-1", kAsOf - kWeek * 10, 5, kAsOf - kWeek * 9);
  EXPECT_THAT(Detect(b), ::testing::IsEmpty());
}

}  // namespace
}  // namespace teamload::analysis
