#include "daemon/analysis/time_bands.h"

namespace teamload::analysis {

TimeBand BandOf(absl::Time t, const absl::TimeZone& zone) {
  const absl::CivilSecond local = zone.At(t).cs;
  const int hour = local.hour();
  if (hour >= 22 || hour < 8) return TimeBand::kSleep;
  const absl::Weekday day = absl::GetWeekday(local);
  const bool weekend = day == absl::Weekday::saturday || day == absl::Weekday::sunday;
  return (weekend || hour >= 18) ? TimeBand::kOffHours : TimeBand::kBusiness;
}

int64_t ShiftOf(absl::Time t, const absl::TimeZone& zone) {
  const absl::CivilHour local(zone.At(t).cs);
  // Hours since the epoch in local civil time, shifted so shifts start at 08 and 20.
  const int64_t hours = (local - absl::CivilHour(1970, 1, 1, 8));
  return hours >= 0 ? hours / 12 : (hours - 11) / 12;
}

}  // namespace teamload::analysis
