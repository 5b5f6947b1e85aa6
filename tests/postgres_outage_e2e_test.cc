// PostgreSQL stopped for three seconds and started again under ingest: the
// clients of a real teamloadd are told UNAVAILABLE, naming the database,
// then succeed again with no restart of teamloadd, and every acknowledged
// signal is stored exactly once.
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
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

constexpr char kTeams[] = "teams:\n  - name: payments\n";
constexpr int kClients = 3;
constexpr int kPerRequest = 10;
// What the issue names: the database gone for this long.
constexpr absl::Duration kOutage = absl::Seconds(3);

// When a call returned (IngestLoad's phases).
enum Phase {
  kBefore,    // the database up: every call succeeds
  kStopping,  // the stop under way: calls in flight may fail
  kDown,      // the database stopped: every call fails
  kBackUp,    // started again (from the start on): failures, then success
};

TEST(PostgresOutageE2eTest, ClientsSeeUnavailableThenSuccessAndNothingTwice) {
  absl::StatusOr<std::unique_ptr<PostgresCluster>> cluster =
      PostgresCluster::Create({});
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  absl::StatusOr<std::string> url = (*cluster)->NewDatabase();
  ASSERT_TRUE(url.ok()) << url.status();
  PostgresDaemon daemon(*url, kTeams);
  ASSERT_NO_FATAL_FAILURE(daemon.Start());
  const pid_t pid = daemon.daemon().pid();

  const auto send = [&](const v1::IngestRequest& r, v1::IngestResponse* a) {
    return daemon.Ingest(r, a);
  };
  IngestLoad load("payments", kPerRequest, ClientsSendingTo(kClients, send));
  // What the clients were told and what teamloadd logged, when a wait fails.
  const auto story = [&] {
    return load.Summary() + "\n" + daemon.daemon().Log();
  };
  ASSERT_TRUE(load.WaitForCount(kBefore, grpc::StatusCode::OK, 30)) << story();

  load.SetPhase(kStopping);
  absl::Status server = (*cluster)->Stop();
  ASSERT_TRUE(server.ok()) << server;
  const absl::Time stopped = absl::Now();
  load.SetPhase(kDown);
  ASSERT_TRUE(load.WaitForCount(kDown, grpc::StatusCode::UNAVAILABLE, 1))
      << story();
  absl::SleepFor(stopped + kOutage - absl::Now());  // the outage itself
  load.SetPhase(kBackUp);
  server = (*cluster)->Start();
  ASSERT_TRUE(server.ok()) << server;
  const absl::Time started = absl::Now();
  ASSERT_TRUE(load.WaitForCount(kBackUp, grpc::StatusCode::OK, 1)) << story();
  const absl::Duration recovered_in = absl::Now() - started;
  ASSERT_TRUE(load.WaitForCount(kBackUp, grpc::StatusCode::OK, 30)) << story();
  load.Stop();
  std::cerr << "teamloadd wrote again " << recovered_in
            << " after PostgreSQL was back\n";
  // At most the store's longest backoff (5 s), and a little.
  EXPECT_LT(recovered_in, absl::Seconds(6));

  // What the clients were told, phase by phase.
  using Code = grpc::StatusCode;
  EXPECT_THAT(load.Disallowed({.phase = kBefore, .codes = {Code::OK}}),
              IsEmpty());
  EXPECT_GT(load.Count(kDown, Code::UNAVAILABLE), 0);
  // Refused with what to do, naming the database.
  EXPECT_THAT(load.Disallowed({.phase = kDown,
                               .codes = {Code::UNAVAILABLE},
                               .failure_says = absl::StrCat(
                                   "comes back DUPLICATE (postgresql://127.0.0.1:",
                                   (*cluster)->port(), "/")}),
              IsEmpty());
  for (const Phase phase : {kStopping, kBackUp}) {
    EXPECT_THAT(load.Disallowed(
                    {.phase = phase, .codes = {Code::OK, Code::UNAVAILABLE}}),
                IsEmpty());
  }

  // The same teamloadd throughout; every acknowledged signal in the
  // database once, and in its model once.
  EXPECT_EQ(daemon.daemon().pid(), pid);
  ExpectAcknowledgedStoredOnce(
      load, StoredRevisions(**cluster, DatabaseOf(*url)), daemon, "payments");
  std::cerr << load.Acknowledged().size() << " signals acknowledged, "
            << load.Duplicates() << " of them on a resend after a lost "
            << "answer\n";
}

}  // namespace
}  // namespace teamload::testing
