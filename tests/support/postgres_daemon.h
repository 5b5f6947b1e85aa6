// A teamloadd whose store is a PostgreSQL URL (one replica of several, or
// the only one), with clients for its ingest and team services; what a
// test database holds, read straight from PostgreSQL; and the check that
// an IngestLoad's acknowledged signals are all there, once.
//
// Start, Kill and the destructor belong to the test's thread; Ingest and
// Pages may be called from any thread while the object lives.
#ifndef TEAMLOAD_TESTS_SUPPORT_POSTGRES_DAEMON_H_
#define TEAMLOAD_TESTS_SUPPORT_POSTGRES_DAEMON_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "daemon/store/testing_postgres.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/narrative.grpc.pb.h"
#include "teamload/v1/team.grpc.pb.h"
#include "tests/support/ingest_load.h"
#include "tests/support/process.h"

namespace teamload::testing {

class PostgresDaemon {
 public:
  // `teams` is the config's `teams:` section, as YAML.
  PostgresDaemon(const std::string& url, const std::string& teams);
  // Closes the clients first (an idle channel would hold up a graceful
  // stop), then kills the daemon if it still runs.
  ~PostgresDaemon();

  // Starts it and connects the clients; aborts the test on failure.
  void Start();
  // One Ingest call, with a 10 s deadline.
  grpc::Status Ingest(const v1::IngestRequest& request,
                      v1::IngestResponse* response);
  // The team's current pages as this daemon counts them; -1 when it does
  // not answer.
  int64_t Pages(const std::string& team);
  // The team's narrative Markdown as of `as_of`; "" (and a failure) when it
  // does not answer.
  std::string Narrative(const std::string& team, absl::Time as_of);

  Daemon& daemon() { return daemon_; }

 private:
  TempDir dir_;
  Daemon daemon_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::unique_ptr<v1::TeamService::Stub> teams_;
  std::unique_ptr<v1::NarrativeService::Stub> narratives_;
};

// The database a postgresql:// URL names: what follows the last '/', up to
// any '?'.
std::string DatabaseOf(const std::string& url);

// How many revisions `cluster` holds of each signal id in `database`;
// aborts the test if it cannot read them.
std::map<std::string, int64_t> StoredRevisions(
    const store::testing::PostgresCluster& cluster,
    const std::string& database);

// Expects the promise kept under faults, through gtest: every request
// `load` sent was acknowledged in the end; `stored` (StoredRevisions) holds
// each acknowledged id exactly once and nothing else; `daemon` counts as
// many pages of `team` (within 30 s: it may follow other replicas' writes)
// and answers DUPLICATE to each acknowledged signal sent again.
// REQUIRES: `load` is stopped.
void ExpectAcknowledgedStoredOnce(const IngestLoad& load,
                                  const std::map<std::string, int64_t>& stored,
                                  PostgresDaemon& daemon,
                                  const std::string& team);

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_POSTGRES_DAEMON_H_
