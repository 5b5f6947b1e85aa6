#include "client/signal_builders.h"

#include "gtest/gtest.h"

namespace teamload::client {
namespace {

TEST(SignalBuildersTest, NamesTheSignalSourceColonKey) {
  const absl::Time at = absl::FromUnixMillis(1'650'818'513'123);
  const teamload::v1::Signal signal =
      NewSignal("pagerduty", "Q1W2E3", "payments", at);
  EXPECT_EQ(signal.id(), "pagerduty:Q1W2E3");
  EXPECT_EQ(signal.source(), "pagerduty");
  EXPECT_EQ(signal.team(), "payments");
  EXPECT_EQ(signal.occurred_at().seconds(), 1'650'818'513);
  EXPECT_EQ(signal.occurred_at().nanos(), 123'000'000);
  EXPECT_EQ(signal.kind_case(), teamload::v1::Signal::KIND_NOT_SET);
}

TEST(SignalBuildersTest, KeepsNanosecondsBeforeTheEpochPositive) {
  const google::protobuf::Timestamp ts =
      ToTimestamp(absl::FromUnixNanos(-1));  // 1969-12-31T23:59:59.999999999Z
  EXPECT_EQ(ts.seconds(), -1);
  EXPECT_EQ(ts.nanos(), 999'999'999);
}

TEST(SignalBuildersTest, ADeferralIsOpenUntilResolved) {
  teamload::v1::Signal open;
  SetDeferral(open, "PAY-7", "rotate keys", 3, absl::InfiniteFuture());
  EXPECT_EQ(open.deferral().item(), "PAY-7");
  EXPECT_EQ(open.deferral().title(), "rotate keys");
  EXPECT_EQ(open.deferral().times_deferred(), 3);
  EXPECT_FALSE(open.deferral().resolved());
  EXPECT_FALSE(open.deferral().has_resolved_at());

  teamload::v1::Signal closed;
  SetDeferral(closed, "PAY-7", "rotate keys", 3, absl::FromUnixSeconds(86400));
  EXPECT_TRUE(closed.deferral().resolved());
  EXPECT_EQ(closed.deferral().resolved_at().seconds(), 86400);
}

}  // namespace
}  // namespace teamload::client
