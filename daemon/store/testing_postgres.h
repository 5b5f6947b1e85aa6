// PostgresCluster: a throwaway PostgreSQL server for tests, started from the
// machine's own PostgreSQL binaries (scripts/setup installs them).
//
// initdb writes a new cluster into a fresh folder under the system's temp
// folder; the server listens on a free loopback port with its unix socket in
// that folder, trusts local connections as user "postgres", and is stopped
// and the folder removed when the PostgresCluster is destroyed. Run as root
// (the tests are), initdb and the server run as the unprivileged "postgres"
// user and the folder is theirs. If the test process dies, the server gets
// SIGQUIT (PR_SET_PDEATHSIG): no server outlives its test.
//
// For failover tests, CreateStandby copies a running cluster with
// pg_basebackup into a hot standby that streams from it (initdb's
// pg_hba.conf already lets local replication connections in, and PG15's
// wal_level is replica); give the primary synchronous_standby_names to make
// its commits wait for the standby. Kill9 crashes a server, Promote turns a
// standby into a primary.
//
// A machine without PostgreSQL is a setup failure: Create() fails, Shared()
// aborts with what to install. Not thread-safe: one thread (the test's)
// starts, stops, kills and promotes a cluster; Query and NewDatabase may be
// called from any.
#ifndef TEAMLOAD_DAEMON_STORE_TESTING_POSTGRES_H_
#define TEAMLOAD_DAEMON_STORE_TESTING_POSTGRES_H_

#include <sys/types.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace teamload::store::testing {

class PostgresCluster {
 public:
  struct Options {
    // More server settings, "name=value" each (postgres -c).
    std::vector<std::string> settings;
  };

  // Creates (initdb) and starts a new cluster.
  static absl::StatusOr<std::unique_ptr<PostgresCluster>> Create(
      const Options& options);
  // A hot standby of `primary`: a base backup (pg_basebackup -R, which
  // writes standby.signal and primary_conninfo) in a folder and on a port of
  // its own, started and streaming. `options` are its own server settings.
  // REQUIRES: `primary` is running.
  static absl::StatusOr<std::unique_ptr<PostgresCluster>> CreateStandby(
      const PostgresCluster& primary, const Options& options);
  // The test binary's one cluster, created on first use (on the calling
  // thread, which must live as long as the binary: the main thread) and
  // removed at exit. Aborts, saying why, if it cannot start.
  static PostgresCluster& Shared();

  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;
  ~PostgresCluster();

  // Starts the server and returns once it accepts connections (the port
  // stays the same across Stop and Start).
  absl::Status Start();
  // Fast shutdown: open sessions are ended, committed data is kept. A
  // server still running after 10 s is shut down at once (SIGQUIT) and the
  // answer is DEADLINE_EXCEEDED, so no test waits on it forever.
  absl::Status Stop();
  // SIGKILL to the postmaster, as a crash would: its sessions end when they
  // notice, and nothing is shut down cleanly.
  absl::Status Kill9();
  // pg_ctl promote: a standby stops following and becomes a primary;
  // returns once it accepts writes. REQUIRES: started as a standby.
  absl::Status Promote();

  int port() const { return port_; }
  const std::string& folder() const { return folder_; }
  // postgresql://postgres@127.0.0.1:PORT/DATABASE
  std::string Url(absl::string_view database) const;
  // Creates a database of its own for one test and returns its URL.
  absl::StatusOr<std::string> NewDatabase();
  // Runs `sql` (statements separated by ';', autocommitted) in `database`
  // and returns the last statement's rows as text (NULL as "").
  absl::StatusOr<std::vector<std::vector<std::string>>> Query(
      absl::string_view database, absl::string_view sql) const;

 private:
  PostgresCluster(std::string bin, std::string folder, int port,
                  std::vector<std::string> settings);
  // A new cluster object on a fresh folder (owned by the server's user) and
  // a free port; nothing in the folder yet.
  static absl::StatusOr<std::unique_ptr<PostgresCluster>> NewEmpty(
      const Options& options);
  // Runs one of the PostgreSQL programs (initdb, pg_basebackup, pg_ctl) as
  // the server's user to its end, its output in folder/<program>.log.
  absl::Status RunTool(const std::string& program,
                       std::vector<std::string> args) const;

  // Constant after construction.
  const std::string bin_;     // the PostgreSQL binaries' folder
  const std::string folder_;  // data in data/, socket and server.log here
  const int port_;
  const std::vector<std::string> settings_;

  pid_t server_ = -1;  // the postmaster while started
  std::atomic<int> databases_{0};
};

}  // namespace teamload::store::testing

#endif  // TEAMLOAD_DAEMON_STORE_TESTING_POSTGRES_H_
