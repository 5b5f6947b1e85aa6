// RetentionSweeper: a thread that runs the retention sweep (Eraser::Sweep)
// once a day on the injected clock. teamloadd sweeps once itself at start,
// before serving, then starts this for every day after.
//
// Thread-safe: Start once, Stop any number of times (the destructor stops
// too). Does not own the eraser or the clock; they must outlive it.
#ifndef TEAMLOAD_DAEMON_INGEST_RETENTION_SWEEPER_H_
#define TEAMLOAD_DAEMON_INGEST_RETENTION_SWEEPER_H_

#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "daemon/ingest/eraser.h"
#include "daemon/util/clock.h"

namespace teamload::ingest {

class RetentionSweeper {
 public:
  struct Options {
    absl::Duration every = absl::Hours(24);
    // The longest real wait before reading the clock again, so a FakeClock
    // moved by a test (or a clock that jumps) is noticed soon.
    absl::Duration max_nap = absl::Seconds(1);
  };

  RetentionSweeper(Eraser* eraser, const util::Clock* clock, Options options);
  RetentionSweeper(const RetentionSweeper&) = delete;
  RetentionSweeper& operator=(const RetentionSweeper&) = delete;
  ~RetentionSweeper();  // Stop()

  // Starts the thread; its first sweep is `every` from now.
  void Start();
  void Stop();

 private:
  void Run(absl::Time next);

  // Constant after construction.
  Eraser* const eraser_;
  const util::Clock* const clock_;
  const Options options_;

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;  // joinable while started; Start/Stop's thread only
};

}  // namespace teamload::ingest

#endif  // TEAMLOAD_DAEMON_INGEST_RETENTION_SWEEPER_H_
