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
      // 2: the change feed. Every revision written and every coverage mark
      // moved takes the next value of change_positions, and only while its
      // transaction holds the write lock (kWriteLockKey, held until commit):
      // so positions are in commit order, and what a reader sees is always
      // every position up to some point. Existing rows are numbered in id
      // order. The position index is not unique: keys still lead with team.
      R"sql(
        ALTER TABLE signal_revisions ADD COLUMN position bigint;
        UPDATE signal_revisions s SET position = o.n FROM (
          SELECT team, id, revision,
                 row_number() OVER (ORDER BY id, revision) AS n
          FROM signal_revisions) o
        WHERE s.team = o.team AND s.id = o.id AND s.revision = o.revision;
        ALTER TABLE coverage ADD COLUMN position bigint;
        UPDATE coverage c SET position = o.n + (
          SELECT coalesce(max(position), 0) FROM signal_revisions) FROM (
          SELECT team, source, row_number() OVER (ORDER BY team, source) AS n
          FROM coverage) o
        WHERE c.team = o.team AND c.source = o.source;
        CREATE SEQUENCE change_positions;
        SELECT setval('change_positions', 1 + greatest(
          (SELECT coalesce(max(position), 0) FROM signal_revisions),
          (SELECT coalesce(max(position), 0) FROM coverage)), false);
        ALTER TABLE signal_revisions ALTER COLUMN position SET NOT NULL;
        ALTER TABLE coverage ALTER COLUMN position SET NOT NULL;
        CREATE INDEX signal_revisions_by_position
          ON signal_revisions (position);
      )sql",
      // 3: erasures in the change feed: one row per erased signal (its team
      // and id, nothing of its content), at a position taken under the
      // write lock as every other change's.
      R"sql(
        CREATE TABLE signal_erasures (
          team text COLLATE "C" NOT NULL,
          id text COLLATE "C" NOT NULL,
          position bigint NOT NULL,
          PRIMARY KEY (team, id, position)
        );
        CREATE INDEX signal_erasures_by_position
          ON signal_erasures (position);
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
