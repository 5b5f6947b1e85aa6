#include "collectors/common/timestamps.h"

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace teamload::collectors {

absl::StatusOr<absl::Time> FromEpochNumber(int64_t value) {
  if (value >= 0 && value < 100'000'000'000'000)
    return absl::FromUnixMillis(value);
  if (value >= 100'000'000'000'000'000) return absl::FromUnixNanos(value);
  return absl::InvalidArgumentError(absl::StrFormat(
      "%d is neither epoch milliseconds nor epoch nanoseconds", value));
}

absl::StatusOr<absl::Time> ParseTimestamp(absl::string_view text,
                                          const absl::TimeZone& zone) {
  int64_t number;
  if (absl::SimpleAtoi(text, &number)) return FromEpochNumber(number);
  std::string error;
  absl::Time t;
  // absl's %Ez takes "+00:00" and "Z"; %z takes "+0000"; no zone means `zone`.
  for (const char* format :
       {"%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M:%E*S%z"}) {
    if (absl::ParseTime(format, std::string(text), &t, &error)) return t;
  }
  if (absl::ParseTime("%Y-%m-%dT%H:%M:%E*S", std::string(text), zone, &t,
                      &error))
    return t;
  if (absl::ParseTime("%Y-%m-%d %H:%M:%E*S", std::string(text), zone, &t,
                      &error))
    return t;
  return absl::InvalidArgumentError(
      absl::StrFormat("\"%s\" is not a timestamp (RFC 3339, or epoch "
                      "milliseconds or nanoseconds)",
                      text));
}

absl::StatusOr<absl::Time> ParseTimestampAs(absl::string_view text,
                                            const std::string& format,
                                            const absl::TimeZone& zone) {
  absl::Time t;
  std::string error;
  if (!format.empty() &&
      absl::ParseTime(format, std::string(text), zone, &t, &error)) {
    return t;
  }
  absl::StatusOr<absl::Time> parsed = ParseTimestamp(text, zone);
  if (parsed.ok() || format.empty()) return parsed;
  return absl::InvalidArgumentError(absl::StrFormat(
      "\"%s\" is not a timestamp (%s, RFC 3339, or epoch milliseconds or "
      "nanoseconds)",
      text, format));
}

absl::StatusOr<absl::Time> ParseDateOrTime(absl::string_view text,
                                           const absl::TimeZone& zone) {
  absl::Time t;
  std::string ignored;
  if (absl::ParseTime("%Y-%m-%d", std::string(text), zone, &t, &ignored))
    return t;
  if (absl::StatusOr<absl::Time> time = ParseTimestamp(text, zone); time.ok())
    return time;
  return absl::InvalidArgumentError(absl::StrFormat(
      "\"%s\" is not a date (YYYY-MM-DD) or an RFC 3339 time", text));
}

}  // namespace teamload::collectors
