#include "daemon/analysis/blind_spot.h"

#include "daemon/analysis/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using testing::HistoryBuilder;
using testing::kAsOf;
using testing::Team;

std::vector<teamload::v1::BlindSpot> Detect(const HistoryBuilder& b,
                                            absl::Time as_of = kAsOf) {
  return DetectBlindSpots({Team(), b.history(), as_of});
}

TEST(BlindSpotTest, MissingAndStaleExpectedSources) {
  HistoryBuilder b;
  // Expected: pagerduty and oops. pagerduty exactly 7 days ago is still fresh.
  b.Covered("pagerduty", kAsOf - absl::Hours(24 * 7));
  b.Covered("github",
            kAsOf - absl::Hours(24 * 90));  // not expected: not a blind spot
  std::vector<teamload::v1::BlindSpot> spots = Detect(b);
  ASSERT_EQ(spots.size(), 1u);
  EXPECT_EQ(spots[0].source(), "oops");
  EXPECT_FALSE(spots[0].has_covered_through());
  EXPECT_EQ(spots[0].summary(),
            "We cannot see oops: it has never reported coverage for this team, "
            "so no data "
            "from it means nothing either way.");

  b.Covered("pagerduty", kAsOf - absl::Hours(24 * 7) - absl::Minutes(1));
  spots = Detect(b);
  ASSERT_EQ(spots.size(), 2u);
  EXPECT_EQ(spots[0].source(), "pagerduty");
  EXPECT_EQ(spots[0].summary(),
            "We cannot see pagerduty since 2026-11-19 (7 days): nothing it "
            "recorded after "
            "that has reached us.");
}

TEST(BlindSpotTest, CoverageLaterThanAsOfCountsUpToAsOf) {
  HistoryBuilder b;
  b.Covered("pagerduty", kAsOf).Covered("oops", kAsOf);
  EXPECT_THAT(Detect(b, kAsOf - absl::Hours(24 * 30)), ::testing::IsEmpty());
}

}  // namespace
}  // namespace teamload::analysis
