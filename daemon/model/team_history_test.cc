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

TEST(MigrationFactTest, InFlightOverdueAndUnreviewedAtT) {
  const Case in_flight[] = {
      {"started earlier, never finished", kT - absl::Hours(1), kNever, true},
      {"started exactly at t", kT, kNever, true},
      {"started after t", kT + absl::Seconds(1), kNever, false},
      {"finished exactly at t", kT - absl::Hours(1), kT, false},
      {"finished after t", kT - absl::Hours(1), kT + absl::Seconds(1), true},
  };
  for (const Case& c : in_flight) {
    const MigrationFact fact{
        .id = "mig:1", .occurred_at = c.occurred_at, .finished_at = c.ended_at};
    EXPECT_EQ(fact.InFlightAt(kT), c.expected) << c.name;
  }
  MigrationFact late{.id = "mig:1",
                     .occurred_at = kT - absl::Hours(100),
                     .planned_end = kT - absl::Seconds(1)};
  EXPECT_TRUE(late.OverdueAt(kT));
  late.planned_end = kT;
  EXPECT_FALSE(late.OverdueAt(kT)) << "due exactly now is not late yet";
  late.planned_end = kT - absl::Hours(1);
  late.finished_at = kT;
  EXPECT_FALSE(late.OverdueAt(kT)) << "finished, however late";

  MigrationFact done{.id = "mig:1",
                     .occurred_at = kT - kGrace * 3,
                     .finished_at = kT - kGrace};
  EXPECT_TRUE(done.UnreviewedAt(kT, kGrace));
  EXPECT_FALSE(done.UnreviewedAt(kT - absl::Seconds(1), kGrace));
  done.retro_written_at = kT;
  EXPECT_FALSE(done.UnreviewedAt(kT, kGrace));
  EXPECT_TRUE(done.UnreviewedAt(kT - absl::Nanoseconds(1),
                                kGrace - absl::Nanoseconds(1)))
      << "replayed before the retrospective";
}

TEST(DeployFactTest, IsSixteenBytesAndKnowsAChangeFailure) {
  teamload::v1::Signal signal;
  signal.set_id("github:deployment:1");
  signal.mutable_occurred_at()->set_seconds(1'795'000'000);
  signal.mutable_deploy()->set_caused_incident(true);
  DeployFact fact = ToDeployFact(signal, 40);
  EXPECT_EQ(fact.occurred_s, 1'795'000'000u);
  EXPECT_EQ(fact.id_offset, 40u);
  EXPECT_EQ(fact.id_size, 19);
  EXPECT_FALSE(fact.failed);
  EXPECT_TRUE(fact.ChangeFailure());
  signal.mutable_deploy()->mutable_lead_time()->set_seconds(5400);
  EXPECT_EQ(ToDeployFact(signal, 0).lead_time_s, 5400u);
  signal.mutable_deploy()->clear_lead_time();
  EXPECT_EQ(ToDeployFact(signal, 0).lead_time_s, DeployFact::kNoLeadTime);
}

}  // namespace
}  // namespace teamload::model
