#include "daemon/analysis/time_bands.h"

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"

namespace teamload::analysis {
namespace {

constexpr int64_t kHour = 3600;

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

// The shift of the local hour `hours` hours after 1970-01-01 00:00.
int64_t ShiftOfLocalHour(int64_t hours) {
  return FloorDiv(hours - kShiftStartHour, kShiftHours);
}

}  // namespace

const char* BandLabel(TimeBand band) {
  switch (band) {
    case TimeBand::kBusiness:
      return "business";
    case TimeBand::kOffHours:
      return "off_hours";
    case TimeBand::kSleep:
      return "sleep";
  }
  return "unknown";
}

TimeBand BandOfLocalHour(int hour, bool weekend) {
  if (hour >= kSleepStartHour || hour < kSleepEndHour) return TimeBand::kSleep;
  return (weekend || hour >= kBusinessEndHour) ? TimeBand::kOffHours
                                               : TimeBand::kBusiness;
}

TimeBand BandOf(absl::Time t, const absl::TimeZone& zone) {
  const absl::CivilSecond local = zone.At(t).cs;
  const absl::Weekday day = absl::GetWeekday(local);
  return BandOfLocalHour(local.hour(), day == absl::Weekday::saturday ||
                                           day == absl::Weekday::sunday);
}

int64_t ShiftOf(absl::Time t, const absl::TimeZone& zone) {
  return ShiftOfLocalHour(absl::CivilHour(zone.At(t).cs) -
                          absl::CivilHour(1970, 1, 1, 0));
}

std::string SleepHours(HoursStyle style) {
  return style == HoursStyle::kClock
             ? absl::StrFormat("%02d:00-%02d:00", kSleepStartHour,
                               kSleepEndHour)
             : absl::StrFormat("%02d-%02d", kSleepStartHour, kSleepEndHour);
}

LocalClock::LocalClock(const absl::TimeZone& zone, absl::Time from,
                       absl::Time to)
    : zone_(zone),
      from_(absl::ToUnixSeconds(from)),
      to_(absl::ToUnixSeconds(to)) {
  offsets_.push_back({from_, zone.At(from).offset});
  absl::TimeZone::CivilTransition transition;
  absl::Time t = from;
  while (zone.NextTransition(t, &transition)) {
    const absl::Time at = zone.At(transition.to).trans;
    if (at > to || at <= t) break;
    offsets_.push_back({absl::ToUnixSeconds(at), zone.At(at).offset});
    t = at;
  }
}

int64_t LocalClock::LocalSeconds(int64_t unix) const {
  if (unix < from_ || unix > to_)
    return unix + zone_.At(absl::FromUnixSeconds(unix)).offset;
  auto it = offsets_.end();
  while ((it - 1)->first > unix) --it;
  return unix + (it - 1)->second;
}

int64_t LocalClock::LocalSeconds(absl::Time t) const {
  return LocalSeconds(absl::ToUnixSeconds(t));
}

namespace {

// The band of the local hour `hours` hours after 1970-01-01 00:00.
TimeBand BandOfHours(int64_t hours) {
  const int64_t days = FloorDiv(hours, 24);
  // 0 = Monday; 1970-01-01 was a Thursday.
  const int weekday = static_cast<int>(((days + 3) % 7 + 7) % 7);
  return BandOfLocalHour(static_cast<int>(hours - days * 24), weekday >= 5);
}

}  // namespace

TimeBand LocalClock::BandOf(absl::Time t) const {
  return BandOfHours(FloorDiv(LocalSeconds(t), kHour));
}

int64_t LocalClock::ShiftOf(absl::Time t) const {
  return ShiftOfLocalHour(FloorDiv(LocalSeconds(t), kHour));
}

LocalClock::Hour LocalClock::HourOf(int64_t unix_seconds) const {
  const int64_t local = LocalSeconds(unix_seconds);
  const int64_t hours = FloorDiv(local, kHour);
  // The local seconds past the hour, taken off the instant itself: under
  // the UTC offset in force then, so the two 02:00 hours of a night when
  // the clocks go back begin at different instants.
  return {.start = unix_seconds - (local - hours * kHour),
          .band = BandOfHours(hours)};
}

}  // namespace teamload::analysis
