// PostgresStore: the shared store, one PostgreSQL database (or a primary
// with standbys, or a Citus cluster) that several teamloadd may use at once.
//
// Schema (postgres_schema.h): every table leads with `team`. Revisions are
// keyed (team, id, revision), so a team's rows sit together and Citus can
// shard by team. Ids are still owned by the first team that sent them, and
// the store keeps an (id, revision) unique across teams as SQLite does:
// a group commit takes one advisory lock (kWriteLockKey) and, in the same
// transaction, refuses any revision whose (id, revision) is stored under
// another team or with other content. TeamOf(id) reads the non-unique
// (id, revision) index: on plain PostgreSQL one index probe; on Citus the
// one query not scoped by team, sent to every shard. The ingestor asks it
// only for ids it already holds (revisions), never for new ones.
//
// Writes: a group commit takes the write lock, asks which of the batch's
// (id, revision) pairs are stored already (one probe of the (id, revision)
// index each), takes a run of positions and COPYs the new revisions
// straight into signal_revisions, all in one transaction; OK means
// committed. A revision already stored with the same team, kind and body is
// skipped, so a batch whose commit outcome was lost can be sent again
// without being stored twice. Coverage marks go through a temporary table
// and one INSERT ... ON CONFLICT. Reads of everything stream through a
// cursor in one snapshot, a few thousand rows at a time, the next FETCH
// sent before the last one's rows are visited.
//
// Change feed: every revision inserted and every coverage mark moved takes
// the next value of the change_positions sequence inside the write lock,
// which pg_advisory_xact_lock holds until the commit is visible to others;
// so positions are in commit order and a reader that saw position p has
// seen every position below it (ReadChangesSince is complete). An erasure
// deletes every revision of its signals and records each in
// signal_erasures (team and id) at the next position, under the same lock.
// Each write and erasure also sends NOTIFY teamload_changes;
// AwaitChangeNotice listens for it on a second connection, so waiting never
// holds up a write.
//
// Errors: libpqxx's exceptions stop here and become statuses whose
// messages name the database by hosts, ports and name, never the password
// (postgres_target.h). A lost connection is UNAVAILABLE; the store drops
// it, and the next call after a backoff (100 ms, doubling to 5 s while
// connecting fails, paced by OpenOptions::clock) connects again, migrates
// if needed and carries on. No call waits for the backoff.
//
// Thread-safe: one connection for writes and reads, used by one call at a
// time (a mutex); one for the change feed, so a follower never holds up the
// writer; one for listening, used by one waiter at a time.
#ifndef TEAMLOAD_DAEMON_STORE_POSTGRES_STORE_H_
#define TEAMLOAD_DAEMON_STORE_POSTGRES_STORE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/store/store.h"

namespace teamload::store {

// Connects to `url` (see ReadPostgresTarget), applies pending migrations
// under the migration advisory lock and returns the store; UNAVAILABLE,
// naming the hosts, when no server answers.
absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(
    absl::string_view url, const OpenOptions& options);

}  // namespace teamload::store

#endif  // TEAMLOAD_DAEMON_STORE_POSTGRES_STORE_H_
