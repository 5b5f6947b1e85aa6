// Scheduler: a thread that runs each report at every slot of its schedule,
// reading the time from the daemon's Clock.
//
// At start it catches up once: each report's latest slot at or before now
// is run (and skipped by the runner if it was claimed before), never one run
// per slot missed while the daemon was down. After that it sleeps until the
// next slot; when the clock leaps past several slots (a suspended machine)
// only the latest is run, for the same reason.
//
// Thread-safe: Start and Stop may be called from any thread; Start once,
// Stop any number of times (the destructor stops too).
// Does not own the runner or the clock; they must outlive it.
#ifndef TEAMLOAD_DAEMON_REPORTS_SCHEDULER_H_
#define TEAMLOAD_DAEMON_REPORTS_SCHEDULER_H_

#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/reports/runner.h"
#include "daemon/util/clock.h"

namespace teamload::reports {

class Scheduler {
 public:
  struct Options {
    // The longest the thread sleeps before reading the clock again, so a
    // clock that jumps (or a FakeClock moved by a test) is noticed soon.
    absl::Duration max_nap = absl::Minutes(1);
  };

  Scheduler(std::vector<config::ReportConfig> reports, ReportRunner* runner,
            const util::Clock* clock, Options options);
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;
  ~Scheduler();  // Stop()

  // Starts the thread; its first act is the catch-up.
  void Start();

  // Wakes the thread and waits for it; a run in progress ends first.
  void Stop();

 private:
  void Loop();
  bool Stopping() const ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stopping_; }

  // Constant after construction.
  const std::vector<config::ReportConfig> reports_;
  ReportRunner* const runner_;
  const util::Clock* const clock_;
  const Options options_;

  std::thread thread_;  // started by Start, joined by Stop

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_SCHEDULER_H_
