#include "daemon/util/rate_limited_log.h"

#include <string>
#include <utility>

namespace teamload::util {

RateLimitedLog::RateLimitedLog(const Clock* clock, int max_lines_per_second,
                               Sink sink)
    : clock_(clock),
      max_lines_per_second_(max_lines_per_second),
      sink_(std::move(sink)) {}

void RateLimitedLog::Log(Severity severity, absl::string_view message) {
  int64_t suppressed = 0;
  if (Admit(suppressed)) Write(severity, message, suppressed);
}

bool RateLimitedLog::Admit(int64_t& suppressed) {
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  if (now - window_start_ >= absl::Seconds(1)) {
    window_start_ = now;
    lines_in_window_ = 0;
  }
  if (lines_in_window_ >= max_lines_per_second_) {
    ++suppressed_;
    return false;
  }
  ++lines_in_window_;
  suppressed = std::exchange(suppressed_, 0);
  return true;
}

void RateLimitedLog::Write(Severity severity, absl::string_view message,
                           int64_t suppressed) const {
  if (suppressed == 0) {
    sink_(severity, message);
    return;
  }
  sink_(severity, absl::StrFormat(
                      "%s [%d similar %s suppressed before this one]", message,
                      suppressed, suppressed == 1 ? "line" : "lines"));
}

}  // namespace teamload::util
