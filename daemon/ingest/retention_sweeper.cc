#include "daemon/ingest/retention_sweeper.h"

#include <algorithm>

namespace teamload::ingest {

RetentionSweeper::RetentionSweeper(Eraser* eraser, const util::Clock* clock,
                                   Options options)
    : eraser_(eraser), clock_(clock), options_(options) {}

RetentionSweeper::~RetentionSweeper() { Stop(); }

void RetentionSweeper::Start() {
  const absl::Time next = clock_->Now() + options_.every;
  thread_ = std::thread([this, next] { Run(next); });
}

void RetentionSweeper::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void RetentionSweeper::Run(absl::Time next) {
  for (;;) {
    const absl::Time now = clock_->Now();
    if (now >= next) {
      // Eraser::Sweep logs what it erased, or why it could not; a failed
      // sweep is tried again at the next one.
      eraser_->Sweep().IgnoreError();
      next = now + options_.every;
    }
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&stopping_),
                         std::min(options_.max_nap, next - now));
    if (stopping_) return;
  }
}

}  // namespace teamload::ingest
