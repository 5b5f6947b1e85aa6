// The scheduler with a FakeClock, real runners and a real database, once on
// SQLite in a temporary folder and once on a throwaway PostgreSQL: catch-up
// once, then every slot exactly once, across restarts and across two
// replicas sharing the database (one of them mails and posts to Slack).
#include "daemon/reports/scheduler.h"

#include <filesystem>

#include "absl/synchronization/mutex.h"
#include "daemon/reports/slots.h"
#include "daemon/reports/testing.h"
#include "daemon/store/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload::reports {
namespace {

using ::testing::ElementsAre;

absl::Time Berlin(int y, int mo, int d, int h, int mi = 0) {
  absl::TimeZone zone;
  absl::LoadTimeZone("Europe/Berlin", &zone);
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), zone);
}

// Every run's outcome, in order, for the test to wait on.
class Runs {
 public:
  ReportRunObserver Observer() {
    return [this](absl::string_view, RunOutcome outcome) {
      absl::MutexLock lock(&mu_);
      outcomes_.push_back(outcome);
    };
  }
  // The outcomes once there are at least `n` (fails after 30 s).
  std::vector<RunOutcome> WaitFor(std::size_t n) {
    absl::MutexLock lock(&mu_);
    auto enough = [&] {
      mu_.AssertHeld();
      return outcomes_.size() >= n;
    };
    EXPECT_TRUE(
        mu_.AwaitWithTimeout(absl::Condition(&enough), absl::Seconds(30)))
        << "only " << outcomes_.size() << " runs of " << n;
    return outcomes_;
  }

 private:
  absl::Mutex mu_;
  std::vector<RunOutcome> outcomes_ ABSL_GUARDED_BY(mu_);
};

class SchedulerTest
    : public ::testing::TestWithParam<store::testing::NewStoreUrl> {
 protected:
  void SetUp() override {
    report_.name = "weekly";
    report_.schedule = *config::ParseSchedule("Mon,Thu 09:00 Europe/Berlin");
    report_.teams = {"payments"};
    report_.html = false;
  }

  std::unique_ptr<store::Store> OpenStore() {
    absl::StatusOr<std::unique_ptr<store::Store>> store =
        store::Store::Open(url_);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }
  std::unique_ptr<ReportRunner> Runner(store::Store* store, Runs& runs,
                                       Delivery delivery = {}) {
    return std::make_unique<ReportRunner>((dir_ / "reports").string(), &model_,
                                          store, &clock_, delivery,
                                          runs.Observer());
  }
  std::unique_ptr<Scheduler> StartScheduler(ReportRunner* runner) {
    auto scheduler = std::make_unique<Scheduler>(
        std::vector<config::ReportConfig>{report_}, runner, &clock_,
        Scheduler::Options{.max_nap = absl::Milliseconds(2)});
    scheduler->Start();
    return scheduler;
  }
  // One teamloadd's share of the scheduling, wired as main.cc wires it: its
  // own connection to the shared database, a runner reporting to `runs`, and
  // a started scheduler. Destroyed scheduler first, store last.
  struct Replica {
    std::unique_ptr<store::Store> store;
    std::unique_ptr<ReportRunner> runner;
    std::unique_ptr<Scheduler> scheduler;
  };
  Replica StartReplica(Runs& runs, Delivery delivery = {}) {
    Replica replica;
    replica.store = OpenStore();
    replica.runner = Runner(replica.store.get(), runs, delivery);
    replica.scheduler = StartScheduler(replica.runner.get());
    return replica;
  }
  std::vector<std::string> Outbox() const {
    std::vector<std::string> names;
    const auto folder = dir_ / "reports/weekly";
    if (!std::filesystem::exists(folder)) return names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  teamload::testing::TempDir temp_;
  const std::filesystem::path dir_ = temp_.path();
  const std::string url_ = GetParam()();  // one database per test
  config::ReportConfig report_;
  model::Model model_{
      {config::WithZone({.name = "payments", .timezone = "Europe/Berlin"})}};
  // Wednesday: the Monday slot is the latest missed one; Thursday's and
  // Monday's of the week before were missed too.
  util::FakeClock clock_{Berlin(2026, 11, 25, 12)};
};

TEST_P(SchedulerTest, CatchesUpOnlyTheLatestMissedSlotOnceThenEachSlot) {
  Runs runs;
  const Replica replica = StartReplica(runs);
  EXPECT_THAT(runs.WaitFor(1), ElementsAre(RunOutcome::kWritten));
  // Many naps later, still one run: nothing is due until Thursday.
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_THAT(runs.WaitFor(1), ElementsAre(RunOutcome::kWritten));
  EXPECT_THAT(Outbox(), ElementsAre("2026-11-23.md"));

  // Thursday 09:00 exactly.
  clock_.Set(Berlin(2026, 11, 26, 9));
  EXPECT_THAT(runs.WaitFor(2),
              ElementsAre(RunOutcome::kWritten, RunOutcome::kWritten));
  EXPECT_THAT(Outbox(), ElementsAre("2026-11-23.md", "2026-11-26.md"));

  // The machine slept three weeks: only the latest slot is run.
  clock_.Set(Berlin(2026, 12, 17, 10));
  EXPECT_THAT(runs.WaitFor(3),
              ElementsAre(RunOutcome::kWritten, RunOutcome::kWritten,
                          RunOutcome::kWritten));
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(runs.WaitFor(3).size(), 3u);
  EXPECT_THAT(Outbox(),
              ElementsAre("2026-11-23.md", "2026-11-26.md", "2026-12-17.md"));
}

TEST_P(SchedulerTest, ARestartNeverRunsAClaimedSlotAgain) {
  {
    Runs runs;
    const Replica replica = StartReplica(runs);
    EXPECT_THAT(runs.WaitFor(1), ElementsAre(RunOutcome::kWritten));
    replica.scheduler->Stop();
  }
  std::filesystem::remove_all(dir_ / "reports");
  // Restarted an hour later: the catch-up finds Monday's slot claimed.
  clock_.Set(Berlin(2026, 11, 25, 13));
  Runs runs;
  const Replica replica = StartReplica(runs);
  EXPECT_THAT(runs.WaitFor(1), ElementsAre(RunOutcome::kSkipped));
  EXPECT_THAT(Outbox(), ::testing::IsEmpty());
}

TEST_P(SchedulerTest, TwoReplicasOnOneDatabaseRunEachSlotExactlyOnce) {
  // Mailed and posted to Slack: the slot's one claim covers both channels.
  report_.recipients = {"lead@example.com"};
  report_.slack_webhook_env = "TEAMLOAD_TEST_SLACK";
  testing::RecordingMailer mailer_a, mailer_b;
  testing::RecordingSlackPoster slack_a, slack_b;
  Runs runs;  // both replicas report here
  const Replica a =
      StartReplica(runs, {.mailer = &mailer_a, .slack = &slack_a});
  const Replica b =
      StartReplica(runs, {.mailer = &mailer_b, .slack = &slack_b});
  runs.WaitFor(2);  // both caught up on Monday 2026-11-23
  // Eight more slots, Thursdays and Mondays, each reached by both replicas.
  absl::Time slot = Berlin(2026, 11, 26, 9);
  for (int i = 1; i <= 8; ++i) {
    clock_.Set(slot + absl::Minutes(1));
    runs.WaitFor(2 * (i + 1));
    slot = NextSlotAfter(report_.schedule, slot);
  }
  const std::vector<RunOutcome> outcomes = runs.WaitFor(18);
  ASSERT_EQ(outcomes.size(), 18u);
  for (std::size_t i = 0; i < outcomes.size(); i += 2) {
    // Of each slot's two runs, exactly one sent the report.
    EXPECT_THAT((std::vector<RunOutcome>{outcomes[i], outcomes[i + 1]}),
                ::testing::UnorderedElementsAre(RunOutcome::kSent,
                                                RunOutcome::kSkipped))
        << "slot " << i / 2;
  }
  EXPECT_THAT(Outbox(),
              ElementsAre("2026-11-23.md", "2026-11-26.md", "2026-11-30.md",
                          "2026-12-03.md", "2026-12-07.md", "2026-12-10.md",
                          "2026-12-14.md", "2026-12-17.md", "2026-12-21.md"));
  // One mail and one Slack post per slot, between the two replicas.
  EXPECT_EQ(mailer_a.sent().size() + mailer_b.sent().size(), 9u);
  std::vector<std::string> titles;
  for (const auto* slack : {&slack_a, &slack_b}) {
    for (const auto& posted : slack->posted()) {
      const std::size_t at = posted.payload.find("Team load report weekly, ");
      ASSERT_NE(at, std::string::npos) << posted.payload;
      titles.push_back(posted.payload.substr(at + 25, 10));
    }
  }
  std::sort(titles.begin(), titles.end());
  EXPECT_THAT(titles, ElementsAre("2026-11-23", "2026-11-26", "2026-11-30",
                                  "2026-12-03", "2026-12-07", "2026-12-10",
                                  "2026-12-14", "2026-12-17", "2026-12-21"));
}

INSTANTIATE_TEST_SUITE_P(Stores, SchedulerTest,
                         ::testing::Values(&store::testing::NewSqliteUrl,
                                           &store::testing::NewPostgresUrl),
                         [](const auto& info) {
                           return store::testing::StoreName(info.param);
                         });

}  // namespace
}  // namespace teamload::reports
