// Log: one entry per event on stderr, "2026-11-27T01:02:03.456Z INFO message".
// Control characters in a message are shown escaped (text::ShowControls), so
// a name or an error text from outside cannot drive the terminal that reads
// the log; an entry's later lines are indented by two spaces, so no text can
// start a line that looks like an entry of its own.
//
// Thread-safe: each entry is written with one fwrite, so entries never
// interleave.
#ifndef TEAMLOAD_DAEMON_UTIL_LOG_H_
#define TEAMLOAD_DAEMON_UTIL_LOG_H_

#include <string>

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace teamload::util {

enum class Severity { kInfo, kWarning, kError };

void LogLine(Severity severity, absl::string_view message);

// The entry LogLine writes for `message` at `time`, ending in a newline.
std::string FormatLogEntry(Severity severity, absl::Time time,
                           absl::string_view message);

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
