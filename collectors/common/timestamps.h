// Timestamps as sources write them: RFC 3339 with or without a colon in the
// offset ("2022-04-24T16:41:53.123+0000" is Jira's), without a zone (read in
// `zone`), and epoch milliseconds or nanoseconds (Opsgenie's createdAt and
// updatedAt). Pure functions.
#ifndef TEAMLOAD_COLLECTORS_COMMON_TIMESTAMPS_H_
#define TEAMLOAD_COLLECTORS_COMMON_TIMESTAMPS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace teamload::collectors {

// INVALID_ARGUMENT naming the text when it is none of the forms above.
absl::StatusOr<absl::Time> ParseTimestamp(
    absl::string_view text, const absl::TimeZone& zone = absl::UTCTimeZone());

// The same, trying first `format` (absl::ParseTime, strftime-like, read in
// `zone` unless it has a zone), for exports whose dates follow the instance's
// locale, such as Jira CSV's "24/Apr/22 4:41 PM" ("%d/%b/%y %I:%M %p").
// An empty `format` is ParseTimestamp alone.
absl::StatusOr<absl::Time> ParseTimestampAs(absl::string_view text,
                                            const std::string& format,
                                            const absl::TimeZone& zone);

// A date ("2026-11-03", the start of that day in `zone`) or any timestamp
// ParseTimestamp reads: what people write in YAML front matter and registers.
absl::StatusOr<absl::Time> ParseDateOrTime(absl::string_view text,
                                           const absl::TimeZone& zone);

// Epoch milliseconds before 10^14 (until year 5138), nanoseconds from 10^17.
absl::StatusOr<absl::Time> FromEpochNumber(int64_t value);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_TIMESTAMPS_H_
