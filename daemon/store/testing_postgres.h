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
// A machine without PostgreSQL is a setup failure: Create() fails, Shared()
// aborts with what to install. Not thread-safe: one thread (the test's)
// starts and stops a cluster; Query and NewDatabase may be called from any.
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
  // Fast shutdown: open sessions are ended, committed data is kept.
  absl::Status Stop();

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
