#include "daemon/model/team_history.h"

#include "gtest/gtest.h"

namespace teamload::model {
namespace {

const absl::Time kT = absl::FromUnixSeconds(1'795'000'000);
const absl::Duration kGrace = absl::Hours(24 * 14);
const absl::Time kNever = absl::InfiniteFuture();

// A fact's two moments (occurred; resolved or written up) and the answer
// expected at kT.
struct Case {
  const char* name;
  absl::Time occurred_at;
  absl::Time ended_at;
  bool expected;
};

TEST(DeferralFactTest, OpenAtIsDeferredByTAndNotResolvedByT) {
  const Case cases[] = {
      {"deferred earlier, never resolved", kT - absl::Hours(1), kNever, true},
      {"deferred exactly at t", kT, kNever, true},
      {"deferred after t", kT + absl::Seconds(1), kNever, false},
      {"resolved after t", kT - absl::Hours(1), kT + absl::Seconds(1), true},
      {"resolved exactly at t", kT - absl::Hours(1), kT, false},
      {"resolved before t", kT - absl::Hours(2), kT - absl::Hours(1), false},
  };
  for (const Case& c : cases) {
    const DeferralFact fact{.id = "jira:PAY-1",
                            .occurred_at = c.occurred_at,
                            .item = "PAY-1",
                            .times_deferred = 1,
                            .resolved_at = c.ended_at};
    EXPECT_EQ(fact.OpenAt(kT), c.expected) << c.name;
  }
}

TEST(OopsFactTest, UnwrittenAtIsPastGraceAndNotWrittenUpByT) {
  const Case cases[] = {
      {"past grace, never written", kT - kGrace - absl::Hours(1), kNever, true},
      {"exactly at the end of grace", kT - kGrace, kNever, true},
      {"still inside grace", kT - kGrace + absl::Seconds(1), kNever, false},
      {"occurred after t", kT + absl::Hours(1), kNever, false},
      {"written up after t", kT - kGrace - absl::Hours(1),
       kT + absl::Seconds(1), true},
      {"written up exactly at t", kT - kGrace - absl::Hours(1), kT, false},
      {"written up late but before t", kT - kGrace - absl::Hours(1),
       kT - absl::Hours(1), false},
  };
  for (const Case& c : cases) {
    const OopsFact fact{.id = "oops:1",
                        .occurred_at = c.occurred_at,
                        .written_up_at = c.ended_at,
                        .title = "near miss"};
    EXPECT_EQ(fact.UnwrittenAt(kT, kGrace), c.expected) << c.name;
  }
}

TEST(OopsFactTest, ZeroGraceCountsAnOopsUnwrittenFromItsOwnMoment) {
  const OopsFact fact{.id = "oops:1", .occurred_at = kT};
  EXPECT_TRUE(fact.UnwrittenAt(kT, absl::ZeroDuration()));
  EXPECT_FALSE(fact.UnwrittenAt(kT - absl::Seconds(1), absl::ZeroDuration()));
}

}  // namespace
}  // namespace teamload::model
