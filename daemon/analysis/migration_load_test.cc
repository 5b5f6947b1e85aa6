#include "daemon/analysis/migration_load.h"

#include "daemon/analysis/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using ::testing::ElementsAre;
using testing::HistoryBuilder;
using ::testing::IsEmpty;
using testing::kAsOf;
using testing::Local;
using testing::Team;

Findings Detect(const HistoryBuilder& b, int oncall_size = 4,
                int retro_days = 30) {
  config::TeamConfig team = Team(oncall_size);
  team.analysis.migration_retro_days = retro_days;
  Findings out;
  DetectMigrationLoad({team, b.history(), kAsOf}, out);
  return out;
}

double FigureOf(const teamload::v1::Finding& f, absl::string_view name) {
  for (const auto& figure : f.evidence().figures())
    if (figure.name() == name) return figure.value();
  return -1;
}

TEST(MigrationLoadTest, ATeamDrowningInNewMigrationsIsAttention) {
  HistoryBuilder b;
  b.Migration("pg16", kAsOf - kWeek * 3)
      .Migration("kafka3", kAsOf - kWeek * 2)
      .Migration("k8s", kAsOf - kWeek);
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].detector(), "migration_load");
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_ATTENTION);
  EXPECT_EQ(out[0].boundary(), teamload::v1::BOUNDARY_WORKLOAD);
  EXPECT_EQ(out[0].trend(), teamload::v1::TREND_RISING);
  EXPECT_EQ(out[0].summary(),
            "3 migrations in flight (usually 0 over the half year before) for "
            "an on-call rotation of 4.");
  EXPECT_EQ(out[0].gist(), "3 migrations in flight for 4 people on call");
  EXPECT_THAT(out[0].evidence().signal_ids(),
              ElementsAre("mig:pg16", "mig:kafka3", "mig:k8s"));
}

TEST(MigrationLoadTest, CrowdedAsUsualIsWatchAndSteady) {
  HistoryBuilder b;
  b.Migration("pg16", kAsOf - kWeek * 52)
      .Migration("kafka3", kAsOf - kWeek * 52)
      .Migration("k8s", kAsOf - kWeek * 52);
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_WATCH);
  EXPECT_EQ(out[0].trend(), teamload::v1::TREND_STEADY);
  EXPECT_EQ(FigureOf(out[0], "migrations_in_flight_usual"), 3);
  // Three for six people on call is not crowded.
  EXPECT_THAT(Detect(b, /*oncall_size=*/6), IsEmpty());
  // Nor is anything, when the rotation's size is unknown.
  EXPECT_THAT(Detect(b, /*oncall_size=*/0), IsEmpty());
}

TEST(MigrationLoadTest, OneMigrationPastItsPlannedEndIsWatch) {
  HistoryBuilder b;
  b.Migration("pg16", Local(2026, 3, 2, 9), Local(2026, 10, 31, 12));
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_WATCH);
  EXPECT_EQ(out[0].summary(),
            "1 migration in flight (usually 1 over the half year before) for "
            "an on-call rotation of 4; 1 is past the planned end (longest: "
            "\"Move to pg16\", 26 days past 2026-10-31).");
  EXPECT_EQ(out[0].gist(), "1 migration is past the planned end");
  EXPECT_EQ(FigureOf(out[0], "overdue_migrations"), 1);
}

TEST(MigrationLoadTest, CrowdedAndOverdueIsAttentionEvenAsUsual) {
  HistoryBuilder b;
  b.Migration("pg16", kAsOf - kWeek * 52, Local(2026, 11, 1, 12))
      .Migration("kafka3", kAsOf - kWeek * 52, Local(2027, 3, 1, 12))
      .Migration("k8s", kAsOf - kWeek * 52);
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_ATTENTION);
  // The late one is cited first.
  EXPECT_THAT(out[0].evidence().signal_ids(),
              ElementsAre("mig:pg16", "mig:k8s", "mig:kafka3"));
}

TEST(MigrationLoadTest, AMigrationNotLookedBackOnAfterTheGraceIsWatch) {
  HistoryBuilder b;
  b.Migration("kafka3", Local(2026, 5, 4, 9), Local(2026, 9, 30, 12),
              Local(2026, 10, 1, 12));
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_WATCH);
  EXPECT_EQ(out[0].trend(), teamload::v1::TREND_STEADY);
  EXPECT_EQ(out[0].summary(),
            "1 migration finished with no retrospective after 30 days "
            "(oldest: \"Move to kafka3\", finished 2026-10-01).");
  EXPECT_EQ(out[0].gist(), "1 finished migration not looked back on");
  EXPECT_THAT(out[0].evidence().signal_ids(), ElementsAre("mig:kafka3"));
  // The team's own migration_retro_days.
  EXPECT_THAT(Detect(b, 4, /*retro_days=*/60), IsEmpty());
}

TEST(MigrationLoadTest, TheRetrospectiveGraceIsInclusive) {
  const auto finished = [](absl::Duration ago,
                           absl::Time retro = absl::InfiniteFuture()) {
    HistoryBuilder b;
    b.Migration("kafka3", kAsOf - kWeek * 30, absl::InfiniteFuture(),
                kAsOf - ago, retro);
    return Detect(b);
  };
  EXPECT_THAT(finished(absl::Hours(24 * 30) - absl::Seconds(1)), IsEmpty());
  EXPECT_EQ(finished(absl::Hours(24 * 30)).size(), 1u);
  // Looked back on: nothing to say.
  EXPECT_THAT(finished(absl::Hours(24 * 40), kAsOf - absl::Hours(1)),
              IsEmpty());
  // Replaying a moment before the retrospective was written.
  EXPECT_EQ(finished(absl::Hours(24 * 40), kAsOf + absl::Hours(1)).size(), 1u);
}

TEST(MigrationLoadTest, OneMigrationOnPlanSaysNothing) {
  HistoryBuilder b;
  b.Migration("pg16", kAsOf - kWeek * 2, Local(2027, 1, 31, 12));
  EXPECT_THAT(Detect(b), IsEmpty());
  EXPECT_THAT(Detect(HistoryBuilder()), IsEmpty());
}

TEST(MigrationLoadTest, FinishedMigrationsCountTheQuarterAndItsLookBacks) {
  HistoryBuilder b;
  b.Migration("old", kAsOf - kWeek * 40, absl::InfiniteFuture(),
              kAsOf - kWeek * 14)
      .Migration("a", kAsOf - kWeek * 30, absl::InfiniteFuture(),
                 kAsOf - kWeek * 12, kAsOf - kWeek * 8)
      .Migration("b", kAsOf - kWeek * 30, absl::InfiniteFuture(),
                 kAsOf - kWeek * 2)
      .Migration("in-flight", kAsOf - kWeek * 30);
  const MigrationsFinished finished = FinishedMigrations(b.history(), kAsOf);
  EXPECT_EQ(finished.finished, 2);
  EXPECT_EQ(finished.looked_back_on, 1);
}

}  // namespace
}  // namespace teamload::analysis
