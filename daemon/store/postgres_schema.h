// The PostgreSQL schema and its migrations.
//
// Every table carries `team`, and every primary and unique key starts with
// it, so Citus can shard each table by team unchanged
// (deploy/postgres/citus.sql). Rows that belong to no team (applied schema
// versions, report slots) carry team '', a name no configured team can have.
//
// Internal to daemon/store: PostgresStore calls these on every (re)connect.
// They throw libpqxx's exceptions, which PostgresStore turns into statuses.
#ifndef TEAMLOAD_DAEMON_STORE_POSTGRES_SCHEMA_H_
#define TEAMLOAD_DAEMON_STORE_POSTGRES_SCHEMA_H_

#include <pqxx/connection>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace teamload::store {

// The advisory lock keys teamloadd takes (pg_advisory_xact_lock(class, key)),
// under one class of its own so they never meet another application's.
inline constexpr int kAdvisoryLockClass = 0x74656c64;  // "teld"
inline constexpr int kMigrationLockKey = 1;
// Serialises group commits across every store on one database: an (id,
// revision) is unique across teams, which no key leading with team can
// enforce, so the write that checks it must not race another.
inline constexpr int kWriteLockKey = 2;

// The schema version this teamloadd writes.
int LatestPostgresSchemaVersion();

// Applies every pending migration in one transaction under the migration
// advisory lock, so stores starting together apply each migration once.
// FAILED_PRECONDITION, naming both versions, for a database from a newer
// teamloadd; `where` prefixes messages.
absl::Status MigratePostgres(pqxx::connection_base& connection,
                             absl::string_view where);

// The schema version of the database: the highest applied migration.
int PostgresSchemaVersion(pqxx::connection_base& connection);

}  // namespace teamload::store

#endif  // TEAMLOAD_DAEMON_STORE_POSTGRES_SCHEMA_H_
