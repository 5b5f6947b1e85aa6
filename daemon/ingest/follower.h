// Follower: keeps this replica's model current with what other replicas
// sharing the store wrote, by following the store's change feed
// (Store::ReadChangesSince) from a cursor read before the model was loaded.
//
// A thread reads the feed when the store says a commit happened
// (AwaitChangeNotice: LISTEN/NOTIFY on PostgreSQL) and at least every
// poll_interval on the injected clock, so a lost notice delays a change by
// one interval at most. Rows this replica wrote itself come back too; the
// model skips any revision it already holds (Model::ApplyStored), so counts
// stay right whichever of the ingestor and the follower applies it first.
// Erasures in the feed (another replica's, or this one's) remove their
// signals from the model (Model::Erase) before the batch's revisions apply.
// Failures to read are logged a few lines a second at most and retried at
// the next poll: a follower never stops the daemon.
//
// Thread-safe. Does not own the store, model or clock; they must outlive
// it. Stop() (or destruction) joins the thread within about kNap.
#ifndef TEAMLOAD_DAEMON_INGEST_FOLLOWER_H_
#define TEAMLOAD_DAEMON_INGEST_FOLLOWER_H_

#include <cstdint>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "daemon/model/model.h"
#include "daemon/store/store.h"
#include "daemon/util/clock.h"
#include "daemon/util/rate_limited_log.h"

namespace teamload::ingest {

class Follower {
 public:
  struct Options {
    // The longest a change waits without a notice, on the injected clock.
    absl::Duration poll_interval = absl::Seconds(1);
    // Rows per read of the feed.
    int batch_rows = 5000;
  };
  // What the follower applied since start (Model::StoredCounts, summed).
  using Counts = model::Model::StoredCounts;

  // Follows the feed from `cursor`: Store::ChangeCursor() read before the
  // model's Rebuild (what was committed in between comes twice, and is
  // applied once).
  Follower(store::Store* store, model::Model* model, const util::Clock* clock,
           int64_t cursor, Options options);
  Follower(const Follower&) = delete;
  Follower& operator=(const Follower&) = delete;
  ~Follower();

  // Starts the thread. REQUIRES: called once.
  void Start();
  // Stops and joins the thread; safe to call twice, or without Start.
  void Stop();

  // Reads and applies the feed until it is empty: what the thread does each
  // time it wakes. Tests call it directly.
  absl::Status CatchUp();

  int64_t cursor() const;
  Counts Totals() const;

 private:
  void Run();

  // Constant after construction.
  store::Store* const store_;
  model::Model* const model_;
  const util::Clock* const clock_;
  const Options options_;
  util::RateLimitedLog errors_;

  // One catch-up at a time (the thread's, or a test's).
  absl::Mutex catch_up_mu_ ABSL_ACQUIRED_BEFORE(mu_);

  // State below is protected by mu_.
  mutable absl::Mutex mu_;
  int64_t cursor_ ABSL_GUARDED_BY(mu_);
  Counts totals_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;  // joinable while started; Start/Stop's thread only
};

}  // namespace teamload::ingest

#endif  // TEAMLOAD_DAEMON_INGEST_FOLLOWER_H_
