// New, empty stores for tests: the URL makers the contract suite
// (store_contract.h) is instantiated with, and that any test may use.
//
// Thread-compatible: call from the test's main thread.
#ifndef TEAMLOAD_DAEMON_STORE_TESTING_H_
#define TEAMLOAD_DAEMON_STORE_TESTING_H_

#include <string>

namespace teamload::store::testing {

// "sqlite:<temp folder>/teamload-store-test-<pid>/nested/store-<n>.db", a
// file that does not exist yet (its folders neither, the first time).
std::string NewSqliteUrl();

// A new database on the test binary's shared PostgreSQL
// (PostgresCluster::Shared()). Aborts if it cannot be created: a machine
// without PostgreSQL fails the test, it does not skip it.
std::string NewPostgresUrl();

// Either of the above, as a test parameter, and its name in test names:
// "Sqlite" or "Postgres".
using NewStoreUrl = std::string (*)();
std::string StoreName(NewStoreUrl new_url);

}  // namespace teamload::store::testing

#endif  // TEAMLOAD_DAEMON_STORE_TESTING_H_
