// Clock: the daemon's only way to read the time or pause, so tests can move
// time instead of waiting for it.
//
// Two kinds of waiting, one rule each:
//  - A pause nothing needs to cut short (WatchNarratives letting a burst of
//    ingests settle) is Clock::SleepFor.
//  - A wait that something may end early (a stop request, new signals) waits
//    on its own condition for at most a short real interval, then reads
//    Now() again and decides (Scheduler's naps, WatchNarratives' refresh).
//    So a FakeClock moved by a test is noticed within that interval.
// Below main.cc only log timestamps and gRPC deadlines, which are wall-clock
// by nature, call absl::Now(); nothing calls absl::SleepFor.
//
// Thread-safe: every method may be called from any thread.
#ifndef TEAMLOAD_DAEMON_UTIL_CLOCK_H_
#define TEAMLOAD_DAEMON_UTIL_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace teamload::util {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
  // Returns once `duration` has passed on this clock. Const, so a holder of
  // a const Clock* may wait on it; on a FakeClock the wait itself moves the
  // shared time forward for every reader.
  virtual void SleepFor(absl::Duration duration) const = 0;
};

// The wall clock. Has no state; one instance serves the whole process.
class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
  void SleepFor(absl::Duration duration) const override {
    absl::SleepFor(duration);
  }
};

// A clock that moves only when told to: by Set or Advance, or by SleepFor,
// which advances it by the duration slept and returns at once (the sleeper's
// time passes, no real time does). The clock is shared, so one thread's
// SleepFor moves every reader's Now(); a loop that sleeps until a moment on
// this clock therefore always ends.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time start) : now_(start) {}
  absl::Time Now() const override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void SleepFor(absl::Duration duration) const override {
    absl::MutexLock lock(&mu_);
    if (duration > absl::ZeroDuration()) now_ += duration;
  }
  void Set(absl::Time t) {
    absl::MutexLock lock(&mu_);
    now_ = t;
  }
  void Advance(absl::Duration duration) {
    absl::MutexLock lock(&mu_);
    now_ += duration;
  }

 private:
  mutable absl::Mutex mu_;
  // Mutable so a const SleepFor can pass the sleeper's time.
  mutable absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace teamload::util

#endif  // TEAMLOAD_DAEMON_UTIL_CLOCK_H_
