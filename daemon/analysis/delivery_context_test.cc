#include "daemon/analysis/delivery_context.h"

#include "daemon/analysis/analyze.h"
#include "daemon/analysis/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using testing::HistoryBuilder;
using testing::kAsOf;
using testing::Team;

// Pages: 3 a week for the 4 weeks before, then `recent` a week.
HistoryBuilder Paged(int recent) {
  HistoryBuilder b;
  for (int week = 0; week < 8; ++week)
    b.DaytimePages(week, week < 4 ? recent : 3);
  return b;
}

TEST(DeliveryContextTest, PagesThatRoseWithDeploysThatDoubled) {
  HistoryBuilder b = Paged(8);
  for (int week = 0; week < 8; ++week)
    b.Deploys(week, week < 4 ? 10 : 5, week == 0 ? 2 : 0);
  const std::optional<DeliveryContext> c = DescribeDelivery(b.history(), kAsOf);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->deploys, 40);
  EXPECT_EQ(c->deploys_before, 20);
  EXPECT_EQ(c->change_failures, 2);
  EXPECT_EQ(c->sentence,
            "Pages rose from 12 to 32 over the last 4 weeks while deploys "
            "doubled (20 to 40): ask what changed with them. 10 deploys a "
            "week, change failure rate 5% (2 of 40).");
}

TEST(DeliveryContextTest, PagesThatRoseWithNoChangeInDeploys) {
  HistoryBuilder b = Paged(8);
  for (int week = 0; week < 8; ++week) b.Deploys(week, 5);
  const std::optional<DeliveryContext> c = DescribeDelivery(b.history(), kAsOf);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->sentence,
            "Pages rose from 12 to 32 over the last 4 weeks with no change in "
            "deploys (20 to 20): look elsewhere. 5 deploys a week, change "
            "failure rate 0% (0 of 20).");
}

TEST(DeliveryContextTest, NothingToSayWithoutDeploys) {
  EXPECT_FALSE(DescribeDelivery(Paged(8).history(), kAsOf).has_value());
  HistoryBuilder old = Paged(3);
  old.Deploys(9, 5);  // before the 8 weeks
  EXPECT_FALSE(DescribeDelivery(old.history(), kAsOf).has_value());
}

TEST(DeliveryContextTest, DeploysNeverChangeALevel) {
  // A pager surge, some unwritten oopses, deferred work and migrations: the
  // same findings with and without a deploy surge beside them.
  HistoryBuilder without = Paged(3);
  without.DaytimePages(0, 14)
      .Oops(kAsOf - kWeek * 4)
      .Deferral("PAY-1", kAsOf - kWeek * 20, 4)
      .Migration("pg16", kAsOf - kWeek * 2)
      .Migration("kafka3", kAsOf - kWeek);
  HistoryBuilder with = without;
  for (int week = 0; week < 8; ++week) with.Deploys(week, week < 4 ? 30 : 3, 5);
  const config::TeamConfig team = Team();
  const Analysis a = Analyze(team, without.history(), kAsOf);
  const Analysis b = Analyze(team, with.history(), kAsOf);
  ASSERT_FALSE(a.findings.empty());
  ASSERT_EQ(a.findings.size(), b.findings.size());
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    EXPECT_EQ(a.findings[i].SerializeAsString(),
              b.findings[i].SerializeAsString())
        << a.findings[i].detector();
  }
  EXPECT_FALSE(a.delivery.has_value());
  ASSERT_TRUE(b.delivery.has_value());
  EXPECT_EQ(b.delivery->deploys, 120);
}

}  // namespace
}  // namespace teamload::analysis
