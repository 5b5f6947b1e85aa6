#include "daemon/util/log.h"

#include <cstdio>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace teamload::util {

void LogLine(Severity severity, absl::string_view message) {
  const char* level = severity == Severity::kInfo      ? "INFO"
                      : severity == Severity::kWarning ? "WARN"
                                                       : "ERROR";
  std::string line =
      absl::StrFormat("%s %s %s\n",
                      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(),
                                       absl::UTCTimeZone()),
                      level, message);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace teamload::util
