#include "daemon/config/schedule.h"

#include <algorithm>
#include <array>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace teamload::config {
namespace {

constexpr std::array<absl::string_view, 7> kShortNames = {
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<absl::string_view, 7> kLongNames = {
    "monday", "tuesday",  "wednesday", "thursday",
    "friday", "saturday", "sunday"};

// 0 = Monday .. 6 = Sunday, or -1.
int DayIndex(absl::string_view word) {
  const std::string lower = absl::AsciiStrToLower(word);
  for (int i = 0; i < 7; ++i) {
    if (lower == absl::AsciiStrToLower(kShortNames[i]) ||
        lower == kLongNames[i]) {
      return i;
    }
  }
  return -1;
}

absl::Weekday WeekdayOf(int index) {
  static constexpr std::array<absl::Weekday, 7> kDays = {
      absl::Weekday::monday,   absl::Weekday::tuesday, absl::Weekday::wednesday,
      absl::Weekday::thursday, absl::Weekday::friday,  absl::Weekday::saturday,
      absl::Weekday::sunday};
  return kDays[index];
}

int IndexOf(absl::Weekday day) {
  for (int i = 0; i < 7; ++i)
    if (WeekdayOf(i) == day) return i;
  return 0;
}

absl::Status NotADay(absl::string_view word) {
  return absl::InvalidArgumentError(absl::StrFormat(
      "\"%s\" is not a weekday (use Mon, Tue, Wed, Thu, Fri, Sat, Sun, "
      "lists such as Mon,Thu or ranges such as Mon-Fri)",
      word));
}

absl::Status ParseDays(absl::string_view text, ReportSchedule& schedule) {
  std::array<bool, 7> chosen{};
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    std::pair<absl::string_view, absl::string_view> range =
        absl::StrSplit(part, absl::MaxSplits('-', 1));
    const int first = DayIndex(range.first);
    if (first < 0) return NotADay(range.first);
    int last = first;
    if (part.find('-') != absl::string_view::npos) {
      last = DayIndex(range.second);
      if (last < 0) return NotADay(range.second);
      if (last < first) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "range \"%s\" runs backwards (ranges go from Monday towards "
            "Sunday; write Fri,Sat,Sun,Mon for a wrap-around)",
            part));
      }
    }
    for (int d = first; d <= last; ++d) {
      if (chosen[d]) {
        return absl::InvalidArgumentError(
            absl::StrFormat("%s is listed twice", kShortNames[d]));
      }
      chosen[d] = true;
    }
  }
  for (int d = 0; d < 7; ++d)
    if (chosen[d]) schedule.weekdays.push_back(WeekdayOf(d));
  return absl::OkStatus();
}

absl::Status ParseClock(absl::string_view text, ReportSchedule& schedule) {
  std::pair<absl::string_view, absl::string_view> parts =
      absl::StrSplit(text, absl::MaxSplits(':', 1));
  int hour = -1, minute = -1;
  if (parts.first.empty() || parts.first.size() > 2 ||
      parts.second.size() != 2 || !absl::SimpleAtoi(parts.first, &hour) ||
      !absl::SimpleAtoi(parts.second, &minute) || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 ||
      !absl::ascii_isdigit(static_cast<unsigned char>(parts.first[0]))) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "\"%s\" is not a 24-hour time HH:MM such as 09:00", text));
  }
  schedule.hour = hour;
  schedule.minute = minute;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ReportSchedule> ParseSchedule(absl::string_view text) {
  const std::vector<absl::string_view> fields =
      absl::StrSplit(text, ' ', absl::SkipEmpty());
  if (fields.size() != 3) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "\"%s\" is not \"DAYS HH:MM ZONE\" (e.g. \"Mon 09:00 Europe/Berlin\" "
        "or \"Mon,Thu 08:30 America/New_York\")",
        text));
  }
  ReportSchedule schedule;
  if (absl::Status s = ParseDays(fields[0], schedule); !s.ok()) return s;
  if (absl::Status s = ParseClock(fields[1], schedule); !s.ok()) return s;
  schedule.timezone = std::string(fields[2]);
  if (!absl::LoadTimeZone(schedule.timezone, &schedule.zone)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("unknown time zone \"%s\" (use an IANA name such as "
                        "Europe/Berlin)",
                        schedule.timezone));
  }
  return schedule;
}

std::string FormatSchedule(const ReportSchedule& schedule) {
  std::vector<absl::string_view> days;
  for (absl::Weekday day : schedule.weekdays)
    days.push_back(kShortNames[IndexOf(day)]);
  return absl::StrFormat("%s %02d:%02d %s", absl::StrJoin(days, ","),
                         schedule.hour, schedule.minute, schedule.timezone);
}

}  // namespace teamload::config
