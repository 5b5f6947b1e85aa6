// Eraser: removes signals, every revision, from the store and then the
// model, so people's words do not outlive their purpose:
//
// - on an admin's request (AdminService.Erase): one signal by id, or every
//   survey note of one respondent (the pseudonym the survey collector
//   sends), across teams;
// - by the retention sweep: every signal of a kind whose latest revision
//   occurred longer ago than the config's `retention:` for that kind.
//
// The store records each erasure in its change feed (team and id only), so
// replicas sharing it drop the signals too (Follower). An erased id is
// forgotten: sent again, it is a new signal. Narratives are told from the
// model, so no narrative, whatever its as_of, shows an erased signal again.
//
// Logs say what was asked and how many signals and revisions went, never a
// signal's content.
//
// Thread-safe. Does not own the store, model, ingestor or clock; they must
// outlive it.
#ifndef TEAMLOAD_DAEMON_INGEST_ERASER_H_
#define TEAMLOAD_DAEMON_INGEST_ERASER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/ingest/ingestor.h"
#include "daemon/model/model.h"
#include "daemon/store/store.h"
#include "daemon/util/clock.h"

namespace teamload::ingest {

class Eraser {
 public:
  // What one erasure removed.
  struct Counts {
    int64_t signals = 0;
    int64_t revisions = 0;
    std::vector<std::string> teams;  // whose signals went, sorted, once each
  };

  // `retention`: config::Config::retention, the period by kind name; kinds
  // not in it are kept forever.
  Eraser(store::Store* store, model::Model* model, Ingestor* ingestor,
         std::map<std::string, absl::Duration> retention,
         const util::Clock* clock);
  Eraser(const Eraser&) = delete;
  Eraser& operator=(const Eraser&) = delete;

  // Every revision of the signal `id`; zero counts when it is not stored.
  absl::StatusOr<Counts> EraseSignal(absl::string_view id);
  // Every revision of every survey note whose respondent is `respondent`,
  // in every team.
  absl::StatusOr<Counts> EraseRespondent(absl::string_view respondent);

  // The retention sweep: for each kind with a period, erases what occurred
  // before now minus the period, and logs how many went per kind. Stops at
  // the first store failure.
  absl::Status Sweep();

 private:
  // Runs `erase_in_store`, then removes what it erased from the model,
  // while no group commits.
  absl::StatusOr<Counts> EraseLocked(
      absl::FunctionRef<absl::StatusOr<store::Erasure>()> erase_in_store);

  // Constant after construction.
  store::Store* const store_;
  model::Model* const model_;
  Ingestor* const ingestor_;
  const std::map<std::string, absl::Duration> retention_;
  const util::Clock* const clock_;
};

}  // namespace teamload::ingest

#endif  // TEAMLOAD_DAEMON_INGEST_ERASER_H_
