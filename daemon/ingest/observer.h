// IngestObserver: what the ingest path tells whoever watches it (the
// Prometheus metrics), without knowing who that is.
//
// Implementations must be thread-safe: every request thread and the group
// commit leader call them concurrently, and they must return quickly.
#ifndef TEAMLOAD_DAEMON_INGEST_OBSERVER_H_
#define TEAMLOAD_DAEMON_INGEST_OBSERVER_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "teamload/v1/ingest.pb.h"

namespace teamload::ingest {

// Why a whole ingest request was refused.
enum class Refusal {
  kTooManySignals,  // over limits.max_request_signals
  kTooManyBytes,    // over limits.max_request_bytes
  kStoreError,      // the store could not commit it
  kOverloaded,      // over limits.max_ingest_calls or max_inflight_bytes
};

class IngestObserver {
 public:
  virtual ~IngestObserver() = default;

  // A request answered with one result per signal; `took` is from its
  // arrival to its answer.
  virtual void RequestAnswered(const teamload::v1::IngestRequest& request,
                               const teamload::v1::IngestResponse& response,
                               absl::Duration took) = 0;
  // A request refused whole.
  virtual void RequestRefused(Refusal why, absl::Duration took) = 0;
  // One store transaction (a group commit) and how it ended.
  virtual void StoreCommitted(absl::Duration took,
                              const absl::Status& status) = 0;
};

}  // namespace teamload::ingest

#endif  // TEAMLOAD_DAEMON_INGEST_OBSERVER_H_
