// A primary PostgreSQL with a synchronous hot standby, and teamloadd given
// both in one URL (target_session_attrs=read-write), under ingest:
// - failover: the primary's postmaster is killed with kill -9 and the
//   standby promoted; teamloadd answers UNAVAILABLE meanwhile, then writes
//   to the new primary by itself;
// - a commit in doubt: with the standby gone, a commit waits for it and its
//   session is terminated; the client is told that whether it committed is
//   unknown, sends it again, and it is stored once.
// In both, every acknowledged signal is there exactly once.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "daemon/store/testing_postgres.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/ingest_load.h"
#include "tests/support/postgres_daemon.h"

namespace teamload::testing {
namespace {

using ::teamload::store::testing::PostgresCluster;
using ::testing::IsEmpty;
using Code = grpc::StatusCode;

constexpr char kTeams[] = "teams:\n  - name: payments\n";
constexpr int kClients = 3;
constexpr int kPerRequest = 10;

// Whether `primary` counts a standby as synchronous: until it does, a
// commit is not waiting for the standby's copy.
bool HasSynchronousStandby(const PostgresCluster& primary) {
  absl::StatusOr<std::vector<std::vector<std::string>>> rows =
      primary.Query("postgres", "SELECT sync_state FROM pg_stat_replication");
  return rows.ok() && *rows == std::vector<std::vector<std::string>>{{"sync"}};
}

// Whether a call of `phase` was refused with a message holding `fragment`.
bool Told(const IngestLoad& load, int phase, absl::string_view fragment) {
  for (const IngestLoad::Call& call : load.Calls()) {
    if (call.phase == phase && absl::StrContains(call.message, fragment)) {
      return true;
    }
  }
  return false;
}

class PostgresFailoverE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<PostgresCluster>> primary =
        PostgresCluster::Create({.settings = {"synchronous_standby_names=*"}});
    ASSERT_TRUE(primary.ok()) << primary.status();
    primary_ = *std::move(primary);
    // The standby first: until it streams, every commit on the primary
    // waits.
    absl::StatusOr<std::unique_ptr<PostgresCluster>> standby =
        PostgresCluster::CreateStandby(*primary_, {});
    ASSERT_TRUE(standby.ok()) << standby.status();
    standby_ = *std::move(standby);
    ASSERT_TRUE(WaitFor([&] { return HasSynchronousStandby(*primary_); }))
        << ReadFile(standby_->folder() + "/server.log");
    absl::StatusOr<std::string> created = primary_->NewDatabase();
    ASSERT_TRUE(created.ok()) << created.status();
    database_ = DatabaseOf(*created);
    hosts_ = absl::StrFormat("127.0.0.1:%d,127.0.0.1:%d/%s", primary_->port(),
                             standby_->port(), database_);
    daemon_ = std::make_unique<PostgresDaemon>(
        absl::StrCat("postgresql://postgres@", hosts_,
                     "?target_session_attrs=read-write"),
        kTeams);
    ASSERT_NO_FATAL_FAILURE(daemon_->Start());
  }

  // teamloadd first, then the primary while its standby still answers: a
  // session ending on a primary whose synchronous standby is gone waits
  // for it (its temporary tables are dropped in a commit).
  void TearDown() override {
    daemon_.reset();
    if (primary_ != nullptr) {
      const absl::Status stopped = primary_->Stop();
      EXPECT_TRUE(stopped.ok()) << stopped;
    }
  }

  IngestLoad::Send ToDaemon() {
    return [this](const v1::IngestRequest& r, v1::IngestResponse* a) {
      return daemon_->Ingest(r, a);
    };
  }
  // What the clients were told and what teamloadd logged, when a wait
  // fails.
  std::string Story(const IngestLoad& load) {
    return load.Summary() + "\n" + daemon_->daemon().Log();
  }

  std::unique_ptr<PostgresCluster> primary_;
  std::unique_ptr<PostgresCluster> standby_;
  std::string database_;
  std::string hosts_;  // "127.0.0.1:P1,127.0.0.1:P2/DATABASE"
  std::unique_ptr<PostgresDaemon> daemon_;
};

TEST_F(PostgresFailoverE2eTest, TeamloaddCarriesOnAgainstThePromotedStandby) {
  enum Phase {
    kBefore,    // the primary up: every call succeeds
    kCrashing,  // from the kill until calls are refused
    kDown,      // no primary, the standby read-only: every call fails
    kPromoted,  // from the promotion on: failures, then success
  };
  const pid_t pid = daemon_->daemon().pid();
  IngestLoad load("payments", kPerRequest,
                  ClientsSendingTo(kClients, ToDaemon()));
  ASSERT_TRUE(load.WaitForCount(kBefore, Code::OK, 30)) << Story(load);

  load.SetPhase(kCrashing);
  const absl::Status killed = primary_->Kill9();
  ASSERT_TRUE(killed.ok()) << killed;
  ASSERT_TRUE(load.WaitForCount(kCrashing, Code::UNAVAILABLE, kClients))
      << Story(load);
  load.SetPhase(kDown);
  // Down until teamloadd has tried both hosts and found the standby still
  // read-only: it must neither write there nor give up.
  ASSERT_TRUE(WaitFor([&] { return Told(load, kDown, "read-only"); }))
      << Story(load);
  load.SetPhase(kPromoted);
  const absl::Time promoting = absl::Now();
  const absl::Status promoted = standby_->Promote();
  ASSERT_TRUE(promoted.ok()) << promoted;
  ASSERT_TRUE(load.WaitForCount(kPromoted, Code::OK, 1)) << Story(load);
  const absl::Duration recovered_in = absl::Now() - promoting;
  ASSERT_TRUE(load.WaitForCount(kPromoted, Code::OK, 30)) << Story(load);
  load.Stop();
  std::cerr << "teamloadd wrote to the new primary " << recovered_in
            << " after the promotion began; "
            << load.Count(kDown, Code::UNAVAILABLE)
            << " calls refused between the crash and the promotion\n";
  // The promotion, then at most the store's longest backoff (5 s).
  EXPECT_LT(recovered_in, absl::Seconds(8));

  EXPECT_THAT(load.Disallowed({.phase = kBefore, .codes = {Code::OK}}),
              IsEmpty());
  // Refused meanwhile, naming both hosts the way the operator wrote them.
  EXPECT_GT(load.Count(kDown, Code::UNAVAILABLE), 0);
  EXPECT_THAT(
      load.Disallowed({.phase = kDown,
                       .codes = {Code::UNAVAILABLE},
                       .failure_says = absl::StrCat("postgresql://", hosts_)}),
      IsEmpty());
  for (const Phase phase : {kCrashing, kPromoted}) {
    EXPECT_THAT(load.Disallowed(
                    {.phase = phase, .codes = {Code::OK, Code::UNAVAILABLE}}),
                IsEmpty());
  }

  // The same teamloadd throughout; on the new primary, every acknowledged
  // signal once.
  EXPECT_EQ(daemon_->daemon().pid(), pid);
  ExpectAcknowledgedStoredOnce(load, StoredRevisions(*standby_, database_),
                               *daemon_, "payments");
}

TEST_F(PostgresFailoverE2eTest, ACommitInDoubtIsSentAgainAndStoredOnce) {
  enum Phase {
    kBefore,       // every call succeeds
    kStandbyGone,  // from the standby's stop: the call in flight waits
    kBack,         // from the standby's start: failures, then success
  };
  // One client: the one commit in doubt is its request.
  IngestLoad load("payments", kPerRequest, ClientsSendingTo(1, ToDaemon()));
  ASSERT_TRUE(load.WaitForCount(kBefore, Code::OK, 10)) << Story(load);

  load.SetPhase(kStandbyGone);
  absl::Status standby = standby_->Stop();
  ASSERT_TRUE(standby.ok()) << standby;
  // teamloadd's next commit is written on the primary and waits for the
  // standby's copy; an operator ends its session. The session cannot end
  // while the standby is away (dropping its temporary tables is a commit
  // that waits too), so the standby comes back before teamloadd hears.
  constexpr char kWaiting[] =
      "FROM pg_stat_activity WHERE application_name = 'teamloadd' AND "
      "wait_event = 'SyncRep'";
  ASSERT_TRUE(WaitFor([&] {
    auto waiting =
        primary_->Query("postgres", absl::StrCat("SELECT 1 ", kWaiting));
    return waiting.ok() && !waiting->empty();
  })) << Story(load);
  auto terminated = primary_->Query(
      "postgres", absl::StrCat("SELECT pg_terminate_backend(pid) ", kWaiting));
  ASSERT_TRUE(terminated.ok()) << terminated.status();
  ASSERT_EQ(*terminated, std::vector<std::vector<std::string>>{{"t"}});
  load.SetPhase(kBack);
  standby = standby_->Start();
  ASSERT_TRUE(standby.ok()) << standby;
  ASSERT_TRUE(WaitFor([&] {
    return Told(load, kBack, "whether it committed is unknown");
  })) << Story(load);
  ASSERT_TRUE(load.WaitForCount(kBack, Code::OK, 10)) << Story(load);
  load.Stop();

  EXPECT_THAT(load.Disallowed({.phase = kBefore, .codes = {Code::OK}}),
              IsEmpty());
  // No call was refused while the standby was away: the one in flight
  // waited for it.
  EXPECT_THAT(load.Disallowed({.phase = kStandbyGone, .codes = {Code::OK}}),
              IsEmpty());
  EXPECT_THAT(
      load.Disallowed({.phase = kBack, .codes = {Code::OK, Code::UNAVAILABLE}}),
      IsEmpty());
  // The request in doubt had committed: sent again, it is found, not
  // stored a second time.
  ExpectAcknowledgedStoredOnce(load, StoredRevisions(*primary_, database_),
                               *daemon_, "payments");
  std::cerr << load.Acknowledged().size() << " signals acknowledged, "
            << load.Duplicates() << " of them answered DUPLICATE on the resend"
            << " after the commit in doubt\n";
}

}  // namespace
}  // namespace teamload::testing
