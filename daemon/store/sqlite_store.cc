#include "daemon/store/sqlite_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "daemon/store/internal/change_feed.h"
#include "daemon/util/owner_only_files.h"

namespace teamload::store {
namespace {

// Schema migrations, applied in order; PRAGMA user_version records how many
// have run. Append new ones; never edit a released one.
const std::vector<const char*>& Migrations() {
  static const auto* migrations = new std::vector<const char*>{
      // 1: the revision log and coverage marks.
      R"sql(
        CREATE TABLE signal_revisions (
          id TEXT NOT NULL,
          revision INTEGER NOT NULL,
          team TEXT NOT NULL,
          kind TEXT NOT NULL,
          occurred_at_us INTEGER NOT NULL,
          received_at_us INTEGER NOT NULL,
          body BLOB NOT NULL,
          PRIMARY KEY (id, revision)
        ) WITHOUT ROWID;
        CREATE TABLE coverage (
          team TEXT NOT NULL,
          source TEXT NOT NULL,
          covered_through_us INTEGER NOT NULL,
          PRIMARY KEY (team, source)
        ) WITHOUT ROWID;
      )sql",
      // 2: scheduled report slots, one row per slot ever claimed.
      R"sql(
        CREATE TABLE report_slots (
          report TEXT NOT NULL,
          slot_us INTEGER NOT NULL,
          PRIMARY KEY (report, slot_us)
        ) WITHOUT ROWID;
      )sql",
      // 3: the change feed. Each written revision and each moved coverage
      // mark takes the next position; one writer at a time (BEGIN
      // IMMEDIATE), so positions are in commit order. Existing rows are
      // numbered in id order.
      R"sql(
        ALTER TABLE signal_revisions ADD COLUMN position INTEGER NOT NULL
          DEFAULT 0;
        UPDATE signal_revisions SET position = n FROM (
          SELECT id AS i, revision AS r,
                 row_number() OVER (ORDER BY id, revision) AS n
          FROM signal_revisions) WHERE id = i AND revision = r;
        CREATE INDEX signal_revisions_by_position
          ON signal_revisions (position);
        ALTER TABLE coverage ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
        UPDATE coverage SET position = n + (
          SELECT coalesce(max(position), 0) FROM signal_revisions) FROM (
          SELECT team AS t, source AS s,
                 row_number() OVER (ORDER BY team, source) AS n
          FROM coverage) WHERE team = t AND source = s;
      )sql",
      // 4: erasures in the change feed: one row per erased signal (its team
      // and id, nothing of its content), at the position of the erasure.
      R"sql(
        CREATE TABLE signal_erasures (
          team TEXT NOT NULL,
          id TEXT NOT NULL,
          position INTEGER NOT NULL,
          PRIMARY KEY (team, id, position)
        ) WITHOUT ROWID;
        CREATE INDEX signal_erasures_by_position
          ON signal_erasures (position);
      )sql",
  };
  return *migrations;
}

// The code says what a caller can do about it (store.h): wait for space,
// retry, or (INTERNAL) nothing but report a bug or a damaged database.
absl::StatusCode CodeOf(sqlite3* db) {
  switch (sqlite3_errcode(db)) {
    case SQLITE_FULL:
      return absl::StatusCode::kResourceExhausted;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: {
      // The system's errno is kept only for these two, so it is this error's.
      // A write over a file size limit (EFBIG) is a full disk by another name.
      const int error = sqlite3_system_errno(db);
      if (error == ENOSPC || error == EDQUOT || error == EFBIG)
        return absl::StatusCode::kResourceExhausted;
      return absl::StatusCode::kUnavailable;
    }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
    case SQLITE_NOMEM:
      return absl::StatusCode::kUnavailable;
    default:
      return absl::StatusCode::kInternal;
  }
}

absl::Status SqliteError(sqlite3* db, absl::string_view doing) {
  return absl::Status(
      CodeOf(db), absl::StrFormat("sqlite: %s: %s", doing, sqlite3_errmsg(db)));
}

// A prepared statement, reset after each use.
class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  absl::Status Prepare(sqlite3* db, const char* sql) {
    db_ = db;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_,
                           nullptr) != SQLITE_OK) {
      return SqliteError(db, sql);
    }
    return absl::OkStatus();
  }
  void Bind(int i, absl::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()),
                      SQLITE_STATIC);
  }
  void BindBlob(int i, absl::string_view bytes) {
    sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()),
                      SQLITE_STATIC);
  }
  void Bind(int i, int64_t value) { sqlite3_bind_int64(stmt_, i, value); }

  // Runs a statement that returns no rows.
  absl::Status Run(absl::string_view doing) {
    const int rc = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    if (rc != SQLITE_DONE) return SqliteError(db_, doing);
    return absl::OkStatus();
  }
  // Runs a statement that returns no rows; false on failure, with the
  // error still readable through sqlite3_errmsg.
  bool Done() {
    const int rc = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    return rc == SQLITE_DONE;
  }
  // Steps once: true on a row, false when done; errors become a status.
  absl::StatusOr<bool> Step(absl::string_view doing) {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    sqlite3_reset(stmt_);
    if (rc == SQLITE_DONE) return false;
    return SqliteError(db_, doing);
  }
  void Reset() { sqlite3_reset(stmt_); }

  absl::string_view Text(int col) const {
    return {reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col)),
            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
  }
  absl::string_view Blob(int col) const {
    return {static_cast<const char*>(sqlite3_column_blob(stmt_, col)),
            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr char kRevisionColumns[] =
    "id, revision, team, kind, occurred_at_us, received_at_us, body";

// Fills `r` from the row, reusing its strings' buffers: a rebuild reads
// millions of rows into one Revision.
void ReadRevision(const Statement& row, Revision& r) {
  const auto set = [](std::string& to, absl::string_view from) {
    to.assign(from.data(), from.size());
  };
  set(r.id, row.Text(0));
  r.revision = row.Int(1);
  set(r.team, row.Text(2));
  set(r.kind, row.Text(3));
  r.occurred_at = absl::FromUnixMicros(row.Int(4));
  r.received_at = absl::FromUnixMicros(row.Int(5));
  set(r.body, row.Blob(6));
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  // sqlite3_close_v2 defers the close until the member statements below are
  // finalized, right after this body.
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  absl::Status Init() {
    absl::MutexLock lock(&mu_);
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
          "PRAGMA busy_timeout=5000"}) {
      if (absl::Status s = Exec(pragma); !s.ok()) return s;
    }
    if (absl::Status s = Migrate(); !s.ok()) return s;
    const std::pair<Statement*, const char*> statements[] = {
        {&insert_revision_,
         "INSERT INTO signal_revisions (id, revision, team, kind, "
         "occurred_at_us, received_at_us, body, position) VALUES "
         "(?,?,?,?,?,?,?,?) ON CONFLICT (id, revision) DO NOTHING"},
        {&select_stored_,
         "SELECT team = ? AND kind = ? AND body = ? FROM signal_revisions "
         "WHERE id = ? AND revision = ?"},
        {&upsert_coverage_,
         "INSERT INTO coverage (team, source, covered_through_us, position) "
         "VALUES (?,?,?,?) "
         "ON CONFLICT (team, source) DO UPDATE SET covered_through_us = "
         "excluded.covered_through_us, position = excluded.position "
         "WHERE excluded.covered_through_us > covered_through_us"},
        {&last_position_,
         "SELECT max(coalesce((SELECT max(position) FROM signal_revisions), "
         "0), coalesce((SELECT max(position) FROM coverage), 0), "
         "coalesce((SELECT max(position) FROM signal_erasures), 0))"},
        {&count_revisions_,
         "SELECT team, count(*) FROM signal_revisions WHERE id = ? "
         "GROUP BY team ORDER BY team"},
        {&delete_revisions_, "DELETE FROM signal_revisions WHERE id = ?"},
        {&insert_erasure_,
         "INSERT INTO signal_erasures (team, id, position) VALUES (?,?,?)"},
        {&select_team_,
         "SELECT team FROM signal_revisions WHERE id = ? "
         "ORDER BY revision DESC LIMIT 1"},
        {&claim_slot_,
         "INSERT INTO report_slots (report, slot_us) VALUES (?,?) "
         "ON CONFLICT DO NOTHING"},
    };
    for (const auto& [statement, sql] : statements) {
      if (absl::Status s = statement->Prepare(db_, sql); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  absl::Status Write(const WriteBatch& batch) override {
    absl::MutexLock lock(&mu_);
    if (absl::Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    absl::Status status = WriteLocked(batch);
    if (status.ok()) status = Exec("COMMIT");
    if (!status.ok()) Exec("ROLLBACK").IgnoreError();
    if (status.ok()) ++commits_;
    return status;
  }

  absl::Status ForEachRevision(
      absl::FunctionRef<absl::Status(const Revision&)> visit) override {
    Revision revision;
    return Query(
        absl::StrFormat("SELECT %s FROM signal_revisions ORDER BY id, revision",
                        kRevisionColumns),
        [&](const Statement& row) {
          ReadRevision(row, revision);
          return visit(revision);
        });
  }

  absl::Status ForEachCoverage(
      absl::FunctionRef<absl::Status(const CoverageMark&)> visit) override {
    return Query(
        "SELECT team, source, covered_through_us FROM coverage ORDER BY team, "
        "source",
        [&](const Statement& row) {
          return visit(CoverageMark{std::string(row.Text(0)),
                                    std::string(row.Text(1)),
                                    absl::FromUnixMicros(row.Int(2))});
        });
  }

  absl::StatusOr<std::vector<Revision>> Revisions(
      absl::string_view id) override {
    std::vector<Revision> revisions;
    absl::MutexLock lock(&mu_);
    Statement select;
    if (absl::Status s = select.Prepare(
            db_, absl::StrFormat("SELECT %s FROM signal_revisions WHERE id = ? "
                                 "ORDER BY revision",
                                 kRevisionColumns)
                     .c_str());
        !s.ok()) {
      return s;
    }
    select.Bind(1, id);
    for (;;) {
      absl::StatusOr<bool> row = select.Step("reading revisions");
      if (!row.ok()) return row.status();
      if (!*row) break;
      ReadRevision(select, revisions.emplace_back());
    }
    return revisions;
  }

  absl::StatusOr<std::string> TeamOf(absl::string_view id) override {
    absl::MutexLock lock(&mu_);
    select_team_.Bind(1, id);
    absl::StatusOr<bool> row = select_team_.Step("reading a signal's team");
    if (!row.ok()) return row.status();
    if (!*row) return std::string();
    std::string team(select_team_.Text(0));
    select_team_.Reset();
    return team;
  }

  absl::StatusOr<Erasure> EraseSignals(
      const std::vector<std::string>& ids) override {
    absl::MutexLock lock(&mu_);
    return InWriteLocked([&] { return EraseLocked(ids); });
  }

  absl::StatusOr<Erasure> EraseOccurredBefore(absl::string_view kind,
                                              absl::Time cutoff) override {
    absl::MutexLock lock(&mu_);
    return InWriteLocked([&]() -> absl::StatusOr<Erasure> {
      std::vector<std::string> ids;
      Statement select;
      if (absl::Status s = select.Prepare(
              db_,
              "SELECT id FROM signal_revisions s WHERE kind = ? AND "
              "occurred_at_us < ? AND revision = (SELECT max(revision) FROM "
              "signal_revisions l WHERE l.id = s.id)");
          !s.ok()) {
        return s;
      }
      select.Bind(1, kind);
      select.Bind(2, absl::ToUnixMicros(cutoff));
      for (;;) {
        absl::StatusOr<bool> row = select.Step("finding expired signals");
        if (!row.ok()) return row.status();
        if (!*row) break;
        ids.emplace_back(select.Text(0));
      }
      return EraseLocked(ids);
    });
  }

  absl::StatusOr<bool> ClaimReportSlot(absl::string_view report,
                                       absl::Time slot) override {
    absl::MutexLock lock(&mu_);
    // One autocommitted statement: SQLite's write lock makes the insert
    // atomic across connections, so of several claimants exactly one sees
    // a row inserted.
    claim_slot_.Bind(1, report);
    claim_slot_.Bind(2, absl::ToUnixMicros(slot));
    if (absl::Status s = claim_slot_.Run(absl::StrFormat(
            "claiming report %s slot %s", report, absl::FormatTime(slot)));
        !s.ok()) {
      return s;
    }
    return sqlite3_changes(db_) == 1;
  }

  absl::StatusOr<ChangeBatch> ReadChangesSince(int64_t cursor,
                                               int limit) override {
    std::vector<internal::Positioned<Revision>> revisions;
    std::vector<internal::Positioned<CoverageMark>> coverage;
    std::vector<internal::Positioned<SignalKey>> erased;
    // Every table under one lock: no commit lands between the two reads.
    absl::MutexLock lock(&mu_);
    absl::Status status = QueryLocked(
        absl::StrFormat("SELECT %s, position FROM signal_revisions WHERE "
                        "position > %d ORDER BY position LIMIT %d",
                        kRevisionColumns, cursor, limit),
        [&](const Statement& row) {
          auto& r = revisions.emplace_back();
          ReadRevision(row, r.row);
          r.position = row.Int(7);
          return absl::OkStatus();
        });
    if (status.ok()) {
      status = QueryLocked(
          absl::StrFormat("SELECT team, source, covered_through_us, position "
                          "FROM coverage WHERE position > %d ORDER BY "
                          "position LIMIT %d",
                          cursor, limit),
          [&](const Statement& row) {
            coverage.push_back(
                {row.Int(3), CoverageMark{std::string(row.Text(0)),
                                          std::string(row.Text(1)),
                                          absl::FromUnixMicros(row.Int(2))}});
            return absl::OkStatus();
          });
    }
    if (status.ok()) {
      status = QueryLocked(
          absl::StrFormat("SELECT team, id, position FROM signal_erasures "
                          "WHERE position > %d ORDER BY position LIMIT %d",
                          cursor, limit),
          [&](const Statement& row) {
            erased.push_back({row.Int(2), SignalKey{std::string(row.Text(0)),
                                                    std::string(row.Text(1))}});
            return absl::OkStatus();
          });
    }
    if (!status.ok()) return status;
    return internal::InCommitOrder(cursor, limit, std::move(revisions),
                                   std::move(coverage), std::move(erased));
  }

  absl::StatusOr<int64_t> ChangeCursor() override {
    absl::MutexLock lock(&mu_);
    return LastPositionLocked();
  }

  absl::StatusOr<bool> AwaitChangeNotice(absl::Duration at_most) override {
    // One process writes a SQLite store: word comes from its own commits.
    // Counted from the previous call's return, so a commit that lands
    // while the follower reads the feed still wakes it.
    absl::MutexLock lock(&mu_);
    const auto committed = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return commits_ != noticed_;
    };
    const bool heard =
        mu_.AwaitWithTimeout(absl::Condition(&committed), at_most);
    noticed_ = commits_;
    return heard;
  }

  absl::StatusOr<int> SchemaVersion() override {
    absl::MutexLock lock(&mu_);
    return UserVersion();
  }

 private:
  absl::Status Exec(const char* sql) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
      return SqliteError(db_, sql);
    }
    return absl::OkStatus();
  }

  // The position of the latest change; 0 in an empty store.
  absl::StatusOr<int64_t> LastPositionLocked()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    absl::StatusOr<bool> row = last_position_.Step("reading the feed's end");
    if (!row.ok()) return row.status();
    const int64_t last = *row ? last_position_.Int(0) : 0;
    last_position_.Reset();
    return last;
  }

  absl::StatusOr<int> UserVersion() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    Statement version;
    if (absl::Status s = version.Prepare(db_, "PRAGMA user_version"); !s.ok())
      return s;
    absl::StatusOr<bool> row = version.Step("reading the schema version");
    if (!row.ok()) return row.status();
    const int v = static_cast<int>(version.Int(0));
    version.Reset();
    return v;
  }

  absl::Status Migrate() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    absl::StatusOr<int> current = UserVersion();
    if (!current.ok()) return current.status();
    const int latest = static_cast<int>(Migrations().size());
    if (*current > latest) {
      return absl::FailedPreconditionError(
          absl::StrFormat("sqlite: the database is at schema version %d but "
                          "this teamloadd knows "
                          "only up to %d; run a newer teamloadd",
                          *current, latest));
    }
    for (int v = *current; v < latest; ++v) {
      absl::Status s = Exec("BEGIN IMMEDIATE");
      if (s.ok()) s = Exec(Migrations()[v]);
      if (s.ok())
        s = Exec(absl::StrFormat("PRAGMA user_version = %d", v + 1).c_str());
      if (s.ok()) s = Exec("COMMIT");
      if (!s.ok()) {
        Exec("ROLLBACK").IgnoreError();
        return absl::Status(
            s.code(), absl::StrFormat("migration %d: %s", v + 1, s.message()));
      }
    }
    return absl::OkStatus();
  }

  absl::Status WriteLocked(const WriteBatch& batch)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    absl::StatusOr<int64_t> last = LastPositionLocked();
    if (!last.ok()) return last.status();
    int64_t position = *last;
    // Positions follow (id, revision) within the batch, so the feed gives
    // an id's revisions oldest first however the batch was ordered.
    std::vector<const Revision*> in_order;
    in_order.reserve(batch.revisions.size());
    for (const Revision& r : batch.revisions) in_order.push_back(&r);
    std::stable_sort(in_order.begin(), in_order.end(),
                     [](const Revision* a, const Revision* b) {
                       return a->id == b->id ? a->revision < b->revision
                                             : a->id < b->id;
                     });
    for (const Revision* revision : in_order) {
      const Revision& r = *revision;
      insert_revision_.Bind(8, ++position);
      insert_revision_.Bind(1, r.id);
      insert_revision_.Bind(2, r.revision);
      insert_revision_.Bind(3, r.team);
      insert_revision_.Bind(4, r.kind);
      insert_revision_.Bind(5, absl::ToUnixMicros(r.occurred_at));
      insert_revision_.Bind(6, absl::ToUnixMicros(r.received_at));
      insert_revision_.BindBlob(7, r.body);
      // The message is formatted only on failure: this runs per signal.
      if (!insert_revision_.Done()) {
        return SqliteError(db_, absl::StrFormat("writing revision %d of %s",
                                                r.revision, r.id));
      }
      if (sqlite3_changes(db_) == 0) {
        if (absl::Status s = CheckStoredLocked(r); !s.ok()) return s;
      }
    }
    for (const CoverageMark& c : batch.coverage) {
      upsert_coverage_.Bind(1, c.team);
      upsert_coverage_.Bind(2, c.source);
      upsert_coverage_.Bind(3, absl::ToUnixMicros(c.covered_through));
      upsert_coverage_.Bind(4, ++position);
      if (absl::Status s = upsert_coverage_.Run("writing coverage"); !s.ok())
        return s;
    }
    return absl::OkStatus();
  }

  // Runs `write` in one write transaction; commits only when it succeeds.
  template <typename Write>
  auto InWriteLocked(Write write) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_)
      -> decltype(write()) {
    if (absl::Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    auto result = write();
    absl::Status status = result.status();
    if (status.ok()) status = Exec("COMMIT");
    if (!status.ok()) {
      Exec("ROLLBACK").IgnoreError();
      return status;
    }
    ++commits_;
    return result;
  }

  // Deletes every revision of `ids` and records each erased signal in the
  // feed. REQUIRES: in a write transaction.
  absl::StatusOr<Erasure> EraseLocked(std::vector<std::string> ids)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    absl::StatusOr<int64_t> position = LastPositionLocked();
    if (!position.ok()) return position.status();
    Erasure erasure;
    for (const std::string& id : ids) {
      count_revisions_.Bind(1, id);
      const size_t first = erasure.signals.size();
      for (;;) {
        absl::StatusOr<bool> row = count_revisions_.Step("counting revisions");
        if (!row.ok()) return row.status();
        if (!*row) break;
        erasure.signals.push_back({std::string(count_revisions_.Text(0)), id});
        erasure.revisions += count_revisions_.Int(1);
      }
      if (first == erasure.signals.size()) continue;
      delete_revisions_.Bind(1, id);
      if (absl::Status s = delete_revisions_.Run("erasing a signal"); !s.ok())
        return s;
      for (size_t i = first; i < erasure.signals.size(); ++i) {
        insert_erasure_.Bind(1, erasure.signals[i].team);
        insert_erasure_.Bind(2, id);
        insert_erasure_.Bind(3, ++*position);
        if (absl::Status s = insert_erasure_.Run("recording an erasure");
            !s.ok())
          return s;
      }
    }
    return erasure;
  }

  // `r` was already stored: fine if as the same content (a batch written
  // again), a conflict otherwise.
  absl::Status CheckStoredLocked(const Revision& r)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    select_stored_.Bind(1, r.team);
    select_stored_.Bind(2, r.kind);
    select_stored_.BindBlob(3, r.body);
    select_stored_.Bind(4, r.id);
    select_stored_.Bind(5, r.revision);
    absl::StatusOr<bool> row = select_stored_.Step("reading a stored revision");
    if (!row.ok()) return row.status();
    const bool same = *row && select_stored_.Int(0) == 1;
    select_stored_.Reset();
    if (same) return absl::OkStatus();
    return absl::AlreadyExistsError(absl::StrFormat(
        "sqlite: revision %d of \"%s\" is already stored under another team "
        "or with other content; nothing of the batch was written",
        r.revision, r.id));
  }

  absl::Status Query(const std::string& sql,
                     absl::FunctionRef<absl::Status(const Statement&)> visit) {
    absl::MutexLock lock(&mu_);
    return QueryLocked(sql, visit);
  }

  absl::Status QueryLocked(
      const std::string& sql,
      absl::FunctionRef<absl::Status(const Statement&)> visit)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    Statement select;
    if (absl::Status s = select.Prepare(db_, sql.c_str()); !s.ok()) return s;
    for (;;) {
      absl::StatusOr<bool> row = select.Step(sql);
      if (!row.ok()) return row.status();
      if (!*row) return absl::OkStatus();
      if (absl::Status s = visit(select); !s.ok()) {
        select.Reset();
        return s;
      }
    }
  }

  absl::Mutex mu_;
  sqlite3* const db_;
  Statement insert_revision_ ABSL_GUARDED_BY(mu_);
  Statement select_stored_ ABSL_GUARDED_BY(mu_);
  Statement upsert_coverage_ ABSL_GUARDED_BY(mu_);
  Statement select_team_ ABSL_GUARDED_BY(mu_);
  Statement claim_slot_ ABSL_GUARDED_BY(mu_);
  Statement last_position_ ABSL_GUARDED_BY(mu_);
  Statement count_revisions_ ABSL_GUARDED_BY(mu_);
  Statement delete_revisions_ ABSL_GUARDED_BY(mu_);
  Statement insert_erasure_ ABSL_GUARDED_BY(mu_);
  uint64_t commits_ ABSL_GUARDED_BY(mu_) = 0;  // wakes AwaitChangeNotice
  uint64_t noticed_ ABSL_GUARDED_BY(mu_) = 0;  // commits_ it last returned at
};

// Creates the data folder and an empty database file, owner-only, unless
// they exist. SQLite would create the file with the umask's mode, and gives
// the -wal and -shm files it creates the database file's mode.
absl::Status CreateOwnerOnlyDatabase(const std::string& file) {
  const std::filesystem::path parent =
      std::filesystem::path(file).parent_path();
  if (!parent.empty()) {
    if (absl::Status s = util::CreateOwnerOnlyFolders(parent); !s.ok()) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "sqlite: cannot create the data folder: %s", s.message()));
    }
  }
  absl::StatusOr<int> fd = util::CreateOwnerOnlyFile(file);
  if (fd.ok()) {
    ::close(*fd);
  } else if (!absl::IsAlreadyExists(fd.status())) {
    return absl::FailedPreconditionError(
        absl::StrFormat("sqlite: %s", fd.status().message()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(absl::string_view path) {
  const std::string file(path);
  if (file != ":memory:") {
    if (absl::Status s = CreateOwnerOnlyDatabase(file); !s.ok()) return s;
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      file.c_str(), &db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
      nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = absl::FailedPreconditionError(
        absl::StrFormat("sqlite: cannot open %s: %s", file,
                        db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close_v2(db);
    return status;
  }
  auto store = std::make_unique<SqliteStore>(db);
  if (absl::Status s = store->Init(); !s.ok()) return s;
  return store;
}

}  // namespace teamload::store
