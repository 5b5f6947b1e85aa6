#include "daemon/analysis/time_bands.h"

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"

namespace teamload::analysis {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kHour = 3600;

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

// The shift of the local hour `hours` hours after 1970-01-01 00:00.
int64_t ShiftOfLocalHour(int64_t hours) {
  return FloorDiv(hours - kShiftStartHour, kShiftHours);
}

}  // namespace

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

int64_t LocalClock::LocalSeconds(absl::Time t) const {
  const int64_t unix = absl::ToUnixSeconds(t);
  if (unix < from_ || unix > to_) return unix + zone_.At(t).offset;
  auto it = offsets_.end();
  while ((it - 1)->first > unix) --it;
  return unix + (it - 1)->second;
}

TimeBand LocalClock::BandOf(absl::Time t) const {
  const int64_t local = LocalSeconds(t);
  const int64_t days = FloorDiv(local, kDay);
  const int hour = static_cast<int>((local - days * kDay) / kHour);
  // 0 = Monday; 1970-01-01 was a Thursday.
  const int weekday = static_cast<int>(((days + 3) % 7 + 7) % 7);
  return BandOfLocalHour(hour, weekday >= 5);
}

int64_t LocalClock::ShiftOf(absl::Time t) const {
  return ShiftOfLocalHour(FloorDiv(LocalSeconds(t), kHour));
}

}  // namespace teamload::analysis
