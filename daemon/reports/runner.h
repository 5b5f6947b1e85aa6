// ReportRunner: one run of one report slot, start to end: claim the slot in
// the store (a restart or another replica that claimed it first means this
// run is skipped), render the report as of the slot, write it to the
// outbox, mail it when there are recipients and an smtp: section, log what
// happened and tell the observer.
//
// Thread-safe: runs share nothing but the store and the model, which are.
// Does not own the model or the store; they must outlive it.
#ifndef TEAMLOAD_DAEMON_REPORTS_RUNNER_H_
#define TEAMLOAD_DAEMON_REPORTS_RUNNER_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/model/model.h"
#include "daemon/store/store.h"

namespace teamload::reports {

enum class RunOutcome {
  kSent,     // written to the outbox and mailed
  kWritten,  // written to the outbox; nobody to mail it to
  kSkipped,  // the slot was already claimed: sent before, or by a replica
  kFailed,   // something failed (the log says what); outbox files that
             // could be written were
};

// "sent", "written", "skipped", "failed": the label of the report-run
// counter in the metrics.
absl::string_view RunOutcomeName(RunOutcome outcome);

// Told of every run once it is over, e.g. to count runs by outcome:
//   observer = [&](absl::string_view report, RunOutcome outcome) {
//     metrics.CountReportRun(report, RunOutcomeName(outcome));
//   };
// Called on the scheduler's thread; must be thread-safe and quick.
using ReportRunObserver =
    std::function<void(absl::string_view report, RunOutcome outcome)>;

class ReportRunner {
 public:
  ReportRunner(std::string reports_dir, std::optional<config::SmtpConfig> smtp,
               const model::Model* model, store::Store* store,
               ReportRunObserver observer = nullptr);

  // Runs `report`'s `slot`: the report is told as of the slot.
  RunOutcome RunSlot(const config::ReportConfig& report, absl::Time slot);

 private:
  // Constant after construction.
  const std::string reports_dir_;
  const std::optional<config::SmtpConfig> smtp_;
  const model::Model* const model_;
  store::Store* const store_;
  const ReportRunObserver observer_;
};

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_RUNNER_H_
