#include "daemon/reports/scheduler.h"

#include <algorithm>

#include "daemon/reports/slots.h"
#include "daemon/util/log.h"

namespace teamload::reports {

Scheduler::Scheduler(std::vector<config::ReportConfig> reports,
                     ReportRunner* runner, const util::Clock* clock,
                     Options options)
    : reports_(std::move(reports)),
      runner_(runner),
      clock_(clock),
      options_(options) {}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Start() {
  if (reports_.empty()) return;
  thread_ = std::thread([this] { Loop(); });
}

void Scheduler::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Loop() {
  // next_due[i]: report i's first slot not yet looked at.
  std::vector<absl::Time> next_due(reports_.size(), absl::InfinitePast());
  for (;;) {
    const absl::Time now = clock_->Now();
    for (std::size_t i = 0; i < reports_.size(); ++i) {
      const config::ReportConfig& report = reports_[i];
      if (now < next_due[i]) continue;
      const absl::Time slot = LatestSlotAtOrBefore(report.schedule, now);
      // The first pass is the catch-up: the latest slot, however old.
      if (slot != absl::InfinitePast()) {
        {
          absl::MutexLock lock(&mu_);
          if (stopping_) return;
        }
        runner_->RunSlot(report, slot);
      }
      next_due[i] = NextSlotAfter(report.schedule, now);
      util::LogInfo("report %s: next run %s", report.name,
                    absl::FormatTime("%Y-%m-%d %H:%M %Z", next_due[i],
                                     report.schedule.zone));
    }
    const absl::Time wake = *std::min_element(next_due.begin(), next_due.end());
    const absl::Duration nap = std::clamp(
        wake - clock_->Now(), absl::ZeroDuration(), options_.max_nap);
    absl::MutexLock lock(&mu_);
    if (mu_.AwaitWithTimeout(absl::Condition(this, &Scheduler::Stopping), nap))
      return;
  }
}

}  // namespace teamload::reports
