#include "daemon/util/log.h"

#include <cstdio>
#include <string>

#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "text/controls.h"

namespace teamload::util {

std::string FormatLogEntry(Severity severity, absl::Time time,
                           absl::string_view message) {
  const char* level = severity == Severity::kInfo      ? "INFO"
                      : severity == Severity::kWarning ? "WARN"
                                                       : "ERROR";
  return absl::StrFormat(
      "%s %s %s\n",
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone()),
      level,
      absl::StrReplaceAll(text::ShowControls(message, text::Newlines::kKeep),
                          {{"\n", "\n  "}}));
}

void LogLine(Severity severity, absl::string_view message) {
  const std::string entry = FormatLogEntry(severity, absl::Now(), message);
  std::fwrite(entry.data(), 1, entry.size(), stderr);
}

}  // namespace teamload::util
