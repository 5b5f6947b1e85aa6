// Log: one line per event on stderr, "2026-11-27T01:02:03.456Z INFO message".
//
// Thread-safe: each line is written with one fwrite, so lines never interleave.
#ifndef TEAMLOAD_DAEMON_UTIL_LOG_H_
#define TEAMLOAD_DAEMON_UTIL_LOG_H_

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace teamload::util {

enum class Severity { kInfo, kWarning, kError };

void LogLine(Severity severity, absl::string_view message);

template <typename... Args>
void LogInfo(const absl::FormatSpec<Args...>& format, const Args&... args) {
  LogLine(Severity::kInfo, absl::StrFormat(format, args...));
}
template <typename... Args>
void LogWarning(const absl::FormatSpec<Args...>& format, const Args&... args) {
  LogLine(Severity::kWarning, absl::StrFormat(format, args...));
}
template <typename... Args>
void LogError(const absl::FormatSpec<Args...>& format, const Args&... args) {
  LogLine(Severity::kError, absl::StrFormat(format, args...));
}

}  // namespace teamload::util

#endif  // TEAMLOAD_DAEMON_UTIL_LOG_H_
