// Ingestor: validates, deduplicates and durably writes signals and coverage,
// then updates the model.
//
// Concurrent Ingest() calls are committed together (group commit, as in
// LevelDB's write path): callers queue up, the first in the queue writes the
// whole queue in one store transaction, and everyone returns once it is
// durable. Classification (accepted / duplicate / revised) happens in commit
// order, so the same id in two concurrent requests is decided consistently.
//
// An id belongs to the team that first sent it: a revision naming another
// team is rejected, and the signal stays where it was. (Ids scoped per team
// were the alternative; but then one source record mapped to a new team would
// become two signals, a page counted for two teams, and a collector allowed
// one team could shadow another team's ids. Rejecting keeps one id, one
// signal, one team, and tells the sender.)
//
// Several replicas may write one store. When another one stored one of a
// group's ids first (the store answers ALREADY_EXISTS), the ingestor reads
// what the store now holds for the group's ids into the model and decides
// the group again, so the loser's signals become duplicates or revisions of
// what won and the request does not fail because of the race.
//
// Store failures fail the whole call with UNAVAILABLE (resend) or, when the
// store is full, RESOURCE_EXHAUSTED; they are logged a few lines a second at
// most, and a listener hears whether the store can write (for health).
//
// Thread-safe. Does not own the store, model, clock or observer; they must
// outlive it.
#ifndef TEAMLOAD_DAEMON_INGEST_INGESTOR_H_
#define TEAMLOAD_DAEMON_INGEST_INGESTOR_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "daemon/ingest/observer.h"
#include "daemon/model/model.h"
#include "daemon/store/store.h"
#include "daemon/util/clock.h"
#include "daemon/util/rate_limited_log.h"
#include "teamload/v1/ingest.pb.h"

namespace teamload::ingest {

// What one Ingest() call changed, for logs and (later) metrics.
struct IngestCounts {
  int64_t accepted = 0;
  int64_t duplicate = 0;
  int64_t revised = 0;
  int64_t rejected = 0;
};

class Ingestor {
 public:
  // `observer`, when set, hears of every store commit.
  Ingestor(store::Store* store, model::Model* model, const util::Clock* clock,
           IngestObserver* observer = nullptr);
  Ingestor(const Ingestor&) = delete;
  Ingestor& operator=(const Ingestor&) = delete;

  // Returns one result per signal and per coverage mark, in request order,
  // once every accepted or revised signal is durable. Invalid entries, and
  // revisions that would move a signal to another team, are rejected one by
  // one and never fail the rest. A store failure fails the whole call
  // (nothing of it is applied): RESOURCE_EXHAUSTED when the store is full,
  // UNAVAILABLE otherwise, each saying that nothing was stored and when to
  // resend.
  absl::StatusOr<teamload::v1::IngestResponse> Ingest(
      const teamload::v1::IngestRequest& request);

  // Totals since start.
  IngestCounts Totals() const;

  // Hears whether the store can write: false after a commit fails, true
  // again after one succeeds.
  using StoreWritableListener = std::function<void(bool writable)>;
  // Calls `listener` at once with the current state, then on every change,
  // from the committing thread. Replaces any earlier listener; nullptr
  // removes it. REQUIRES: `listener` is quick and does not call the Ingestor.
  void SetStoreWritableListener(StoreWritableListener listener);

  // Runs `write` (an erasure: the store's, then the model's) while no group
  // commits: it never lands between a group's deciding against the model
  // and its applying, so the store and the model stay alike.
  absl::Status Exclusively(absl::FunctionRef<absl::Status()> write);

 private:
  struct Writer;

  // Classifies and writes `group`, deciding it again after a lost race.
  // REQUIRES: called by the group's leader only.
  absl::Status CommitGroup(const std::vector<Writer*>& group);
  // One round of CommitGroup. On ALREADY_EXISTS, nothing was written and
  // `raced` holds the ids the batch tried to write (with repeats).
  // REQUIRES: called by the group's leader only.
  absl::Status DecideAndWrite(const std::vector<Writer*>& group,
                              absl::Time received_at,
                              std::vector<std::string>& raced);
  // Reads every stored revision of `ids` into the model (sorting and
  // deduplicating `ids`). REQUIRES: called by the group's leader only.
  absl::Status LearnStored(std::vector<std::string>& ids);
  // The team that owns `id` when it is already known, or an error reading the
  // store. REQUIRES: called by the group's leader only.
  absl::StatusOr<std::string> OwnerOf(absl::string_view id);
  // Logs a failure, tells the listener of a change.
  void NoteStoreOutcome(const absl::Status& status);

  // Constant after construction.
  store::Store* const store_;
  model::Model* const model_;
  const util::Clock* const clock_;
  IngestObserver* const observer_;
  util::RateLimitedLog store_errors_;

  // Held by a leader while it commits its group, and by Exclusively; never
  // taken while holding mu_.
  absl::Mutex commit_mu_;

  // State below is protected by mu_.
  mutable absl::Mutex mu_;
  std::deque<Writer*> writers_ ABSL_GUARDED_BY(mu_);
  IngestCounts totals_ ABSL_GUARDED_BY(mu_);

  // State below is protected by health_mu_, which is never held with mu_.
  absl::Mutex health_mu_;
  bool store_writable_ ABSL_GUARDED_BY(health_mu_) = true;
  int64_t failed_commits_ ABSL_GUARDED_BY(health_mu_) =
      0;  // since the last good one
  StoreWritableListener listener_ ABSL_GUARDED_BY(health_mu_);
};

}  // namespace teamload::ingest

#endif  // TEAMLOAD_DAEMON_INGEST_INGESTOR_H_
