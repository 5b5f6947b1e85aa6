#include "daemon/analysis/unwritten_oops.h"

#include "daemon/analysis/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using testing::HistoryBuilder;
using testing::kAsOf;
using testing::Team;

constexpr absl::Duration kDay = absl::Hours(24);

Findings Detect(const HistoryBuilder& b, absl::Time as_of = kAsOf) {
  Findings out;
  DetectUnwrittenOops({Team(), b.history(), as_of}, out);
  return out;
}

TEST(UnwrittenOopsTest, CountsOnlyOopsOlderThanTheGracePeriod) {
  HistoryBuilder b;
  b.Oops(kAsOf - 13 * kDay -
         absl::Hours(23));  // just under 14 days: still in grace
  EXPECT_THAT(Detect(b), ::testing::IsEmpty());
  b.Oops(kAsOf - 14 * kDay, absl::InfiniteFuture(),
         "refund job ran twice");  // exactly 14
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_WATCH);
  EXPECT_EQ(out[0].boundary(), teamload::v1::BOUNDARY_SAFETY);
  EXPECT_EQ(out[0].summary(),
            "1 oops reported since 2026-11-12 is not written up after 14 days "
            "(oldest: "
            "\"refund job ran twice\", 2026-11-12).");
  EXPECT_THAT(out[0].evidence().signal_ids(), ::testing::ElementsAre("oops:2"));
}

TEST(UnwrittenOopsTest, ThreeUnwrittenIsAttention) {
  HistoryBuilder b;
  b.Oops(kAsOf - 20 * kDay).Oops(kAsOf - 30 * kDay);
  EXPECT_EQ(Detect(b)[0].level(), teamload::v1::LEVEL_WATCH);
  b.Oops(kAsOf - 40 * kDay);
  EXPECT_EQ(Detect(b)[0].level(), teamload::v1::LEVEL_ATTENTION);
  EXPECT_EQ(Detect(b)[0].trend(),
            teamload::v1::TREND_RISING);  // 1 unwritten 4 weeks ago
}

TEST(UnwrittenOopsTest, WrittenUpOopsDoNotCountButReplayRespectsAsOf) {
  HistoryBuilder b;
  const absl::Time occurred = kAsOf - 30 * kDay;
  b.Oops(occurred, kAsOf - 2 * kDay);  // written up two days ago
  EXPECT_THAT(Detect(b), ::testing::IsEmpty());
  // As of a week ago it was 23 days old and not yet written up.
  const Findings then = Detect(b, kAsOf - 7 * kDay);
  ASSERT_EQ(then.size(), 1u);
  EXPECT_EQ(then[0].level(), teamload::v1::LEVEL_WATCH);
}

TEST(UnwrittenOopsTest, ATeamThatWentQuietWhilePagesStayedUp) {
  HistoryBuilder b;
  // Reported and wrote up 3 oopses 5 to 10 weeks ago, none in the last 4 weeks.
  for (int week : {5, 7, 10}) {
    b.Oops(kAsOf - kWeek * week, kAsOf - kWeek * week + 2 * kDay);
  }
  for (int week = 0; week < 8; ++week) b.DaytimePages(week, week < 4 ? 6 : 5);
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_ATTENTION);
  EXPECT_EQ(out[0].gist(), "near-miss reports went quiet while pages did not");
  EXPECT_THAT(out[0].summary(),
              ::testing::HasSubstr("silence here is a finding"));

  // The same silence with pages falling is not "went quiet".
  HistoryBuilder calmer;
  for (int week : {5, 7, 10})
    calmer.Oops(kAsOf - kWeek * week, kAsOf - kWeek * week + 2 * kDay);
  for (int week = 0; week < 8; ++week)
    calmer.DaytimePages(week, week < 4 ? 2 : 6);
  EXPECT_THAT(Detect(calmer), ::testing::IsEmpty());
}

}  // namespace
}  // namespace teamload::analysis
