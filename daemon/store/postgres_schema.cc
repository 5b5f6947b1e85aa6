#include "daemon/store/postgres_schema.h"

#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <vector>

#include "absl/strings/str_format.h"

namespace teamload::store {
namespace {

// Records every applied migration; created before the first one, under the
// lock. Migration N is the row with version N.
constexpr char kCreateMigrations[] = R"sql(
  CREATE TABLE IF NOT EXISTS schema_migrations (
    team text COLLATE "C" NOT NULL DEFAULT '',
    version integer NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team, version)
  )
)sql";

// Applied in order; append new ones, never edit a released one. Text that is
// compared or ordered uses COLLATE "C": byte order, as SQLite's, whatever
// the database's locale. Times are microseconds since the epoch, as in
// SQLite.
const std::vector<const char*>& Migrations() {
  static const auto* migrations = new std::vector<const char*>{
      // 1: the revision log, coverage marks and report slots.
      R"sql(
        CREATE TABLE signal_revisions (
          team text COLLATE "C" NOT NULL,
          id text COLLATE "C" NOT NULL,
          revision bigint NOT NULL,
          kind text NOT NULL,
          occurred_at_us bigint NOT NULL,
          received_at_us bigint NOT NULL,
          body bytea NOT NULL,
          PRIMARY KEY (team, id, revision)
        );
        -- Not unique (Citus allows unique keys only with the distribution
        -- column): serves TeamOf, the scan in id order and the write's
        -- check that an (id, revision) is stored under one team only.
        CREATE INDEX signal_revisions_by_id ON signal_revisions (id, revision);
        CREATE TABLE coverage (
          team text COLLATE "C" NOT NULL,
          source text COLLATE "C" NOT NULL,
          covered_through_us bigint NOT NULL,
          PRIMARY KEY (team, source)
        );
        CREATE TABLE report_slots (
          team text COLLATE "C" NOT NULL DEFAULT '',
          report text COLLATE "C" NOT NULL,
          slot_us bigint NOT NULL,
          PRIMARY KEY (team, report, slot_us)
        );
      )sql",
  };
  return *migrations;
}

int AppliedVersion(pqxx::transaction_base& txn) {
  return txn
      .exec1(
          "SELECT coalesce(max(version), 0) FROM schema_migrations "
          "WHERE team = ''")[0]
      .as<int>();
}

}  // namespace

int LatestPostgresSchemaVersion() {
  return static_cast<int>(Migrations().size());
}

absl::Status MigratePostgres(pqxx::connection_base& connection,
                             absl::string_view where) {
  pqxx::work txn(connection);
  txn.exec(absl::StrFormat("SELECT pg_advisory_xact_lock(%d, %d)",
                           kAdvisoryLockClass, kMigrationLockKey));
  txn.exec0(kCreateMigrations);
  const int current = AppliedVersion(txn);
  const int latest = LatestPostgresSchemaVersion();
  if (current > latest) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "%s: the database is at schema version %d but this teamloadd knows "
        "only up to %d; run a newer teamloadd",
        where, current, latest));
  }
  for (int v = current; v < latest; ++v) {
    txn.exec0(Migrations()[v]);
    txn.exec0(absl::StrFormat(
        "INSERT INTO schema_migrations (team, version) VALUES ('', %d)",
        v + 1));
  }
  txn.commit();
  return absl::OkStatus();
}

int PostgresSchemaVersion(pqxx::connection_base& connection) {
  pqxx::nontransaction txn(connection);
  return AppliedVersion(txn);
}

}  // namespace teamload::store
