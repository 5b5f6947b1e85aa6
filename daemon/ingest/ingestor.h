// Ingestor: validates, deduplicates and durably writes signals and coverage,
// then updates the model.
//
// Concurrent Ingest() calls are committed together (group commit, as in
// LevelDB's write path): callers queue up, the first in the queue writes the
// whole queue in one store transaction, and everyone returns once it is
// durable. Classification (accepted / duplicate / revised) happens in commit
// order, so the same id in two concurrent requests is decided consistently.
//
// Thread-safe. Does not own the store, model, clock or observer; they must
// outlive it.
#ifndef TEAMLOAD_DAEMON_INGEST_INGESTOR_H_
#define TEAMLOAD_DAEMON_INGEST_INGESTOR_H_

#include <cstdint>
#include <deque>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "daemon/ingest/observer.h"
#include "daemon/model/model.h"
#include "daemon/store/store.h"
#include "daemon/util/clock.h"
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
  // once every accepted or revised signal is durable. Invalid entries are
  // rejected one by one and never fail the rest. A store failure fails the
  // whole call (nothing of it is applied) with the store's status.
  absl::StatusOr<teamload::v1::IngestResponse> Ingest(
      const teamload::v1::IngestRequest& request);

  // Totals since start.
  IngestCounts Totals() const;

 private:
  struct Writer;

  // Classifies and writes `group`. REQUIRES: called by the group's leader only.
  absl::Status CommitGroup(const std::vector<Writer*>& group);

  // Constant after construction.
  store::Store* const store_;
  model::Model* const model_;
  const util::Clock* const clock_;
  IngestObserver* const observer_;

  // State below is protected by mu_.
  mutable absl::Mutex mu_;
  std::deque<Writer*> writers_ ABSL_GUARDED_BY(mu_);
  IngestCounts totals_ ABSL_GUARDED_BY(mu_);
};

}  // namespace teamload::ingest

#endif  // TEAMLOAD_DAEMON_INGEST_INGESTOR_H_
