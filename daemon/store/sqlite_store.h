// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a
// committed write survives a crash of the process or of the machine.
#ifndef TEAMLOAD_DAEMON_STORE_SQLITE_STORE_H_
#define TEAMLOAD_DAEMON_STORE_SQLITE_STORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/store/store.h"

namespace teamload::store {

// Opens (creating if needed) the database at `path`; ":memory:" makes a
// private in-memory one. Creates the parent folder when it is missing.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(absl::string_view path);

}  // namespace teamload::store

#endif  // TEAMLOAD_DAEMON_STORE_SQLITE_STORE_H_
