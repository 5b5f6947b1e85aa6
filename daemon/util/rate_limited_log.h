// RateLimitedLog: the log for one kind of event that can come in floods (a
// store that cannot write, hostile requests): at most `max_lines_per_second`
// lines a second reach the log; the rest are counted, and the next line that
// is written says how many were suppressed before it. So a flood costs a few
// lines a second instead of filling the disk, and no event goes uncounted.
//
// Thread-safe. Does not own the clock, which must outlive it.
#ifndef TEAMLOAD_DAEMON_UTIL_RATE_LIMITED_LOG_H_
#define TEAMLOAD_DAEMON_UTIL_RATE_LIMITED_LOG_H_

#include <cstdint>
#include <functional>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "daemon/util/clock.h"
#include "daemon/util/log.h"

namespace teamload::util {

class RateLimitedLog {
 public:
  // Where written lines go; LogLine (stderr) unless a test listens.
  using Sink = std::function<void(Severity, absl::string_view)>;

  // REQUIRES: max_lines_per_second >= 1.
  RateLimitedLog(const Clock* clock, int max_lines_per_second,
                 Sink sink = LogLine);
  RateLimitedLog(const RateLimitedLog&) = delete;
  RateLimitedLog& operator=(const RateLimitedLog&) = delete;

  void Log(Severity severity, absl::string_view message);

  // Formats only the lines that are written.
  template <typename... Args>
  void Warning(const absl::FormatSpec<Args...>& format, const Args&... args) {
    Format(Severity::kWarning, format, args...);
  }
  template <typename... Args>
  void Error(const absl::FormatSpec<Args...>& format, const Args&... args) {
    Format(Severity::kError, format, args...);
  }

 private:
  template <typename... Args>
  void Format(Severity severity, const absl::FormatSpec<Args...>& format,
              const Args&... args) {
    int64_t suppressed = 0;
    if (Admit(suppressed))
      Write(severity, absl::StrFormat(format, args...), suppressed);
  }
  // Whether a line may be written now; if so, `suppressed` is how many were
  // dropped since the last one written.
  bool Admit(int64_t& suppressed);
  void Write(Severity severity, absl::string_view message,
             int64_t suppressed) const;

  // Constant after construction.
  const Clock* const clock_;
  const int max_lines_per_second_;
  const Sink sink_;

  // State below is protected by mu_.
  absl::Mutex mu_;
  absl::Time window_start_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  int lines_in_window_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t suppressed_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace teamload::util

#endif  // TEAMLOAD_DAEMON_UTIL_RATE_LIMITED_LOG_H_
