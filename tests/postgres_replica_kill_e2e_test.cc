// kill -9 of one of two teamloadd replicas on one PostgreSQL while clients
// send to both: nothing acknowledged is lost. The killed one's clients see
// UNAVAILABLE, then move to the survivor (as a load balancer would send
// them) with what was not acknowledged, which may have been committed by the
// replica that died before answering. The survivor's clients never see a
// failure, and every id sent is in the database once and held by the
// survivor.
#include <atomic>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "daemon/store/testing.h"
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
constexpr int kClientsEach = 2;
constexpr int kPerRequest = 10;

enum Phase {
  kBefore,     // both replicas up: every call succeeds
  kAfterKill,  // from just before the kill: the killed one's clients refused
  kMoved,      // the killed one's clients sent to the survivor
};

// The killed replica's clients with a call of `phase` answered OK (or, when
// `ok` is false, refused).
std::set<std::string> KilledOnesClients(const IngestLoad& load, Phase phase,
                                        bool ok) {
  std::set<std::string> clients;
  for (const IngestLoad::Call& call : load.Calls()) {
    if (call.phase == phase && call.client.starts_with("killed") &&
        (call.code == grpc::StatusCode::OK) == ok) {
      clients.insert(call.client);
    }
  }
  return clients;
}

TEST(PostgresReplicaKillE2eTest, NothingAcknowledgedIsLost) {
  const std::string url = store::testing::NewPostgresUrl();
  PostgresDaemon killed(url, kTeams);
  PostgresDaemon survivor(url, kTeams);
  ASSERT_NO_FATAL_FAILURE(killed.Start());
  ASSERT_NO_FATAL_FAILURE(survivor.Start());

  const auto to_survivor = [&](const v1::IngestRequest& r,
                               v1::IngestResponse* a) {
    return survivor.Ingest(r, a);
  };
  // The killed replica's clients send to the survivor once `moved`.
  std::atomic<bool> moved{false};
  std::vector<IngestLoad::Client> clients;
  for (int c = 0; c < kClientsEach; ++c) {
    clients.push_back({absl::StrCat("killed", c),
                       [&](const v1::IngestRequest& r, v1::IngestResponse* a) {
                         return (moved ? survivor : killed).Ingest(r, a);
                       }});
    clients.push_back({absl::StrCat("survivor", c), to_survivor});
  }
  IngestLoad load("payments", kPerRequest, std::move(clients));
  // What the clients were told and what teamloadd logged, when a wait fails.
  const auto story = [&] {
    return load.Summary() + "\n" + survivor.daemon().Log();
  };
  ASSERT_TRUE(load.WaitForCount(kBefore, grpc::StatusCode::OK, 40)) << story();
  load.SetPhase(kAfterKill);
  killed.daemon().Kill();
  // Refused, the killed replica's clients send again until a balancer
  // moves them; the survivor's carry on meanwhile.
  ASSERT_TRUE(WaitFor([&] {
    return KilledOnesClients(load, kAfterKill, false).size() == kClientsEach;
  })) << story();
  load.SetPhase(kMoved);
  moved = true;
  // Each has its request in doubt acknowledged by the survivor.
  ASSERT_TRUE(WaitFor([&] {
    return KilledOnesClients(load, kMoved, true).size() == kClientsEach;
  })) << story();
  ASSERT_TRUE(load.WaitForCount(kMoved, grpc::StatusCode::OK, 20)) << story();
  load.Stop();

  // The survivor's clients were never refused; the killed one's were (each
  // of them, as waited for above), and only with UNAVAILABLE.
  using Code = grpc::StatusCode;
  EXPECT_THAT(
      load.Disallowed({.client_prefix = "survivor", .codes = {Code::OK}}),
      IsEmpty());
  EXPECT_THAT(load.Disallowed({.phase = kBefore, .codes = {Code::OK}}),
              IsEmpty());
  for (const Phase phase : {kAfterKill, kMoved}) {
    EXPECT_THAT(load.Disallowed(
                    {.phase = phase, .codes = {Code::OK, Code::UNAVAILABLE}}),
                IsEmpty());
  }

  // Every id sent is in the database once, and the survivor holds it,
  // following what the killed one committed.
  const std::map<std::string, int64_t> stored =
      StoredRevisions(PostgresCluster::Shared(), DatabaseOf(url));
  ExpectAcknowledgedStoredOnce(load, stored, survivor, "payments");

  // And the killed one, started again, loads the same from the database.
  ASSERT_NO_FATAL_FAILURE(killed.Start());
  EXPECT_EQ(killed.Pages("payments"), static_cast<int64_t>(stored.size()));
  std::cerr << load.Acknowledged().size() << " signals acknowledged, "
            << load.Duplicates()
            << " of them resent after the killed replica stored them\n";
}

}  // namespace
}  // namespace teamload::testing
