#include "daemon/analysis/time_bands.h"

namespace teamload::analysis {

TimeBand BandOf(absl::Time t, const absl::TimeZone& zone) {
  const absl::CivilSecond local = zone.At(t).cs;
  const int hour = local.hour();
  if (hour >= 22 || hour < 8) return TimeBand::kSleep;
  const absl::Weekday day = absl::GetWeekday(local);
  const bool weekend =
      day == absl::Weekday::saturday || day == absl::Weekday::sunday;
  return (weekend || hour >= 18) ? TimeBand::kOffHours : TimeBand::kBusiness;
}

int64_t ShiftOf(absl::Time t, const absl::TimeZone& zone) {
  const absl::CivilHour local(zone.At(t).cs);
  // Hours since the epoch in local civil time, shifted so shifts start at 08
  // and 20.
  const int64_t hours = (local - absl::CivilHour(1970, 1, 1, 8));
  return hours >= 0 ? hours / 12 : (hours - 11) / 12;
}

namespace {

constexpr int64_t kDay = 86400;

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

TimeBand BandOfLocal(int64_t local_seconds) {
  const int64_t days = FloorDiv(local_seconds, kDay);
  const int hour = static_cast<int>((local_seconds - days * kDay) / 3600);
  if (hour >= 22 || hour < 8) return TimeBand::kSleep;
  const int weekday = static_cast<int>(
      ((days + 3) % 7 + 7) % 7);  // 0 = Monday; 1970-01-01 was a Thursday
  return (weekday >= 5 || hour >= 18) ? TimeBand::kOffHours
                                      : TimeBand::kBusiness;
}

}  // namespace

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
  return BandOfLocal(LocalSeconds(t));
}

int64_t LocalClock::ShiftOf(absl::Time t) const {
  return FloorDiv(LocalSeconds(t) - 8 * 3600, 12 * 3600);
}

}  // namespace teamload::analysis
