#include "daemon/analysis/trend.h"

#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

TEST(TrendTest, Median) {
  EXPECT_EQ(Median({}), 0);
  EXPECT_EQ(Median({5, 1, 3}), 3);
  EXPECT_EQ(Median({4, 1, 3, 2}), 2.5);
}

TEST(TrendTest, TheilSenIgnoresAnOutlier) {
  EXPECT_DOUBLE_EQ(TheilSenSlope({1, 2, 3, 4, 5, 6, 7, 8}), 1);
  // One wild week moves a least-squares line; the median slope stays 1.
  EXPECT_DOUBLE_EQ(TheilSenSlope({1, 2, 3, 40, 5, 6, 7, 8}), 1);
}

TEST(TrendTest, MannKendallOnAStrictlyRisingSeries) {
  const MannKendall mk = MannKendallTest({1, 2, 3, 4, 5, 6, 7, 8});
  EXPECT_EQ(mk.s, 28);
  // var(S) = 8*7*21/18 = 65.33; z = 27 / sqrt(65.33) = 3.340; p = 0.00084
  EXPECT_NEAR(mk.z, 3.340, 0.001);
  EXPECT_NEAR(mk.p, 0.00084, 0.00001);
  EXPECT_EQ(TrendOf({1, 2, 3, 4, 5, 6, 7, 8}, 0.05),
            teamload::v1::TREND_RISING);
  EXPECT_EQ(TrendOf({8, 7, 6, 5, 4, 3, 2, 1}, 0.05),
            teamload::v1::TREND_FALLING);
}

TEST(TrendTest, FlatOrNoisySeriesIsSteady) {
  EXPECT_EQ(MannKendallTest({3, 3, 3, 3, 3, 3}).p, 1);
  EXPECT_EQ(TrendOf({3, 3, 3, 3, 3, 3}, 0.05), teamload::v1::TREND_STEADY);
  EXPECT_EQ(TrendOf({4, 6, 3, 5, 4, 6, 3, 5}, 0.05),
            teamload::v1::TREND_STEADY);
  // A two-point jump at the end is not a trend.
  EXPECT_EQ(TrendOf({2, 2, 2, 2, 2, 2, 2, 9}, 0.05),
            teamload::v1::TREND_STEADY);
}

}  // namespace
}  // namespace teamload::analysis
