// Store: the durable log of signal revisions and the latest coverage per
// (team, source). Everything above the store sees only this interface;
// Open() picks the implementation from the URL: SqliteStore (sqlite_store.h)
// or PostgresStore (postgres_store.h).
//
// Thread-safe: every method may be called from any thread; implementations
// serialise writes internally. A Store is owned by one unique_ptr; closing it
// (destruction) waits for nothing, so callers stop writing first.
#ifndef TEAMLOAD_DAEMON_STORE_STORE_H_
#define TEAMLOAD_DAEMON_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace teamload::util {
class Clock;
}  // namespace teamload::util

namespace teamload::store {

// One revision of one signal. `body` is the serialized teamload.v1.Signal;
// the other fields repeat what the store needs to index.
struct Revision {
  std::string id;
  int64_t revision = 1;  // 1 for the first, +1 for each new content
  std::string team;
  std::string kind;  // "page", "oops", "deferral", "survey_note"
  absl::Time occurred_at;
  absl::Time received_at;
  std::string body;

  friend bool operator==(const Revision&, const Revision&) = default;
};

// "Source has looked at team through covered_through."
struct CoverageMark {
  std::string team;
  std::string source;
  absl::Time covered_through;

  friend bool operator==(const CoverageMark&, const CoverageMark&) = default;
};

// One signal, by its team and id.
struct SignalKey {
  std::string team;
  std::string id;

  friend bool operator==(const SignalKey&, const SignalKey&) = default;
};

// What an erasure deleted: each signal once, ordered by id, and how many
// revisions of them there were.
struct Erasure {
  std::vector<SignalKey> signals;
  int64_t revisions = 0;
};

// What one group commit writes, all or nothing.
struct WriteBatch {
  std::vector<Revision> revisions;
  std::vector<CoverageMark> coverage;
};

// What the change feed returns: rows committed after a cursor, in commit
// order, and the cursor to read on from.
struct ChangeBatch {
  // New revisions, in the order their commits were made (an id's revisions
  // oldest first).
  std::vector<Revision> revisions;
  // Coverage marks a commit moved forward, each with its latest value.
  std::vector<CoverageMark> coverage;
  // Signals an erasure deleted (every revision), in commit order. Remove
  // them before applying `revisions`: an erased revision leaves the feed,
  // so every revision still in it was written after its id's erasures.
  std::vector<SignalKey> erased;
  // Pass to the next ReadChangesSince; the same as asked when nothing new.
  int64_t cursor = 0;
};

// How to open a store, beyond its URL.
struct OpenOptions {
  // PostgreSQL only: the environment variable that holds the password (the
  // config's store_password_env). Empty: libpq's own PGPASSWORD, PGPASSFILE
  // or ~/.pgpass.
  std::string password_env;
  // Paces reconnection attempts after a lost connection; nullptr: the
  // system clock. Not owned; must outlive the store.
  const util::Clock* clock = nullptr;
};

class Store {
 public:
  // Opens the store named by `url` ("sqlite:PATH"; "sqlite::memory:" for a
  // throwaway one; "postgresql://..." or "postgres://...", any libpq
  // connection URL) and applies any pending schema migrations.
  static absl::StatusOr<std::unique_ptr<Store>> Open(
      absl::string_view url, const OpenOptions& options = {});

  virtual ~Store() = default;

  // Writes the batch in one transaction; returns OK only once it is durable.
  // A revision whose (id, revision) already exists, under any team, fails
  // the whole batch, unless the stored one has the same team, kind and body:
  // then it is already written and is skipped, so a batch whose commit
  // outcome was lost (UNAVAILABLE) may be written again.
  // Coverage keeps the latest covered_through per (team, source): an older
  // mark never moves it back.
  // On failure nothing of the batch is written, and the code says what the
  // writer can do: RESOURCE_EXHAUSTED when the storage is full, UNAVAILABLE
  // when the write may succeed later (I/O error, locked, unreachable).
  virtual absl::Status Write(const WriteBatch& batch) = 0;

  // Calls `visit` for every revision, ordered by id then revision, so the last
  // one seen for an id is its current revision. Stops at the first error.
  virtual absl::Status ForEachRevision(
      absl::FunctionRef<absl::Status(const Revision&)> visit) = 0;

  virtual absl::Status ForEachCoverage(
      absl::FunctionRef<absl::Status(const CoverageMark&)> visit) = 0;

  // Every revision of one signal, oldest first; empty when the id is unknown.
  virtual absl::StatusOr<std::vector<Revision>> Revisions(
      absl::string_view id) = 0;

  // The team of the id's latest revision; "" when the id is unknown. Cheaper
  // than Revisions(): the ingest path asks it for every revision it decides.
  virtual absl::StatusOr<std::string> TeamOf(absl::string_view id) = 0;

  // Deletes every revision of each of `ids` in one transaction, and records
  // each erased signal in the change feed (its team and id, nothing of its
  // content), so other replicas drop it too. Ids not stored are left out of
  // the answer. An erased id is unknown afterwards: sent again, it is a new
  // signal (revision 1).
  virtual absl::StatusOr<Erasure> EraseSignals(
      const std::vector<std::string>& ids) = 0;

  // The retention sweep: erases, as EraseSignals does, every signal of
  // `kind` whose latest revision occurred before `cutoff`.
  virtual absl::StatusOr<Erasure> EraseOccurredBefore(absl::string_view kind,
                                                      absl::Time cutoff) = 0;

  // Claims one slot of a scheduled report: records (report, slot) once and
  // returns true to the one caller whose claim recorded it, false to every
  // later one, across restarts and across processes sharing the store. A
  // report run claims its slot first, so no slot is ever sent twice.
  virtual absl::StatusOr<bool> ClaimReportSlot(absl::string_view report,
                                               absl::Time slot) = 0;

  // The change feed: what every writer of the store (this process or another
  // one sharing the database) committed after `cursor`, in commit order, at
  // most `limit` rows (revisions, coverage marks and erasures together).
  // Complete: a row is never skipped, even when the
  // commit that wrote it began before one already read; so following the
  // feed from ChangeCursor() sees every later write exactly once (a
  // coverage mark moved again may come once more, with its newer value).
  // REQUIRES: limit > 0; cursor is 0 or one this store returned.
  virtual absl::StatusOr<ChangeBatch> ReadChangesSince(int64_t cursor,
                                                       int limit) = 0;

  // The cursor after everything committed so far. Read it before loading
  // everything (ForEachRevision) and follow the feed from it: what was
  // committed in between comes again, never missing.
  virtual absl::StatusOr<int64_t> ChangeCursor() = 0;

  // Waits at most `at_most` of real time (keep it short: a follower's stop
  // waits for it) for word that some writer of the store committed since
  // the previous call returned (word that came between two calls is kept,
  // as LISTEN keeps it); true when word came. Word is a hint that wakes a
  // follower early, never proof: followers read the feed on a timer too.
  // UNAVAILABLE, at once, when the store cannot listen now.
  virtual absl::StatusOr<bool> AwaitChangeNotice(absl::Duration at_most) = 0;

  // The schema version the store is at after migrations.
  virtual absl::StatusOr<int> SchemaVersion() = 0;
};

}  // namespace teamload::store

#endif  // TEAMLOAD_DAEMON_STORE_STORE_H_
