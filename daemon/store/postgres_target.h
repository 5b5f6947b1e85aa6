// PostgresTarget: the database a PostgresStore connects to, read from a libpq
// connection URL, and what its failures mean to a caller.
//
// Internal to daemon/store: PostgresStore is the only user. Plain values,
// no shared state.
#ifndef TEAMLOAD_DAEMON_STORE_POSTGRES_TARGET_H_
#define TEAMLOAD_DAEMON_STORE_POSTGRES_TARGET_H_

#include <exception>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/store/store.h"

namespace teamload::store {

struct PostgresTarget {
  // What libpq connects with: the URL, the password when one comes from
  // `OpenOptions::password_env`, and teamloadd's defaults (connect_timeout,
  // TCP keepalives, application_name=teamloadd) where the URL sets none.
  // Secret: never shown.
  std::string conninfo;
  // Names the database in messages: "postgresql://db1:5432,db2:5432/teamload"
  // (hosts, ports and database only; no user, no parameters, no password).
  std::string where;
};

// Reads `url` (postgresql:// or postgres://, any libpq URL, several hosts
// included). INVALID_ARGUMENT when libpq cannot read it or it holds a
// password (passwords come from the environment, never the URL);
// FAILED_PRECONDITION when `options.password_env` names an unset variable.
absl::StatusOr<PostgresTarget> ReadPostgresTarget(absl::string_view url,
                                                  const OpenOptions& options);

// A libpq or libpqxx failure while `doing`, as the store reports it.
struct PostgresFailure {
  // UNAVAILABLE when trying again may work (connection lost or refused,
  // server shutting down, read-only standby, serialization failure, commit
  // outcome unknown); RESOURCE_EXHAUSTED when the server's disk is full;
  // ALREADY_EXISTS for a unique key; INVALID_ARGUMENT for data the server
  // refuses; INTERNAL otherwise. The message starts with `where`.
  absl::Status status;
  // The connection is lost or in a state not worth reasoning about (only a
  // statement the server refused cleanly leaves it usable): the store drops
  // it and connects again.
  bool drop_connection = false;
};
PostgresFailure ClassifyPostgresFailure(const std::exception& e,
                                        absl::string_view where,
                                        absl::string_view doing);

}  // namespace teamload::store

#endif  // TEAMLOAD_DAEMON_STORE_POSTGRES_TARGET_H_
