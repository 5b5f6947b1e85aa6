// ReportSchedule: when a scheduled report runs: on some weekdays at one wall
// clock time in one time zone, written as "Mon 09:00 Europe/Berlin",
// "Mon,Thu 08:30 America/New_York" or "Mon-Fri 07:45 UTC". The slots it
// gives are computed in daemon/reports/slots.h.
//
// A plain value; thread-compatible.
#ifndef TEAMLOAD_DAEMON_CONFIG_SCHEDULE_H_
#define TEAMLOAD_DAEMON_CONFIG_SCHEDULE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace teamload::config {

struct ReportSchedule {
  std::vector<absl::Weekday> weekdays;  // Monday first, each at most once
  int hour = 0;                         // 0..23, local
  int minute = 0;                       // 0..59
  std::string timezone = "UTC";         // IANA name
  absl::TimeZone zone;                  // `timezone`, loaded
};

// Parses "DAYS HH:MM ZONE". DAYS is a comma-separated list of weekdays
// (Mon..Sun, or full names, any case) and forward ranges such as Mon-Fri.
// INVALID_ARGUMENT says what is wrong with which part, without a location:
// the config adds the file, line and field.
absl::StatusOr<ReportSchedule> ParseSchedule(absl::string_view text);

// The canonical text: "Mon,Thu 08:30 America/New_York".
std::string FormatSchedule(const ReportSchedule& schedule);

}  // namespace teamload::config

#endif  // TEAMLOAD_DAEMON_CONFIG_SCHEDULE_H_
