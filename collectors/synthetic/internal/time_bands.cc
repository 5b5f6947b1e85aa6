#include "collectors/synthetic/internal/time_bands.h"

#include "absl/time/civil_time.h"

namespace teamload::synthetic::internal {

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
  const int64_t hours =
      absl::CivilHour(zone.At(t).cs) - absl::CivilHour(1970, 1, 1, 8);
  return hours >= 0 ? hours / 12 : (hours - 11) / 12;  // floor
}

absl::Time SampleInBand(SeededRandom& rng, absl::Time from, absl::Time to,
                        TimeBand band, const absl::TimeZone& zone) {
  const int64_t span = absl::ToInt64Seconds(to - from);
  if (span <= 0) return from;
  // Every band covers at least a quarter of any full week, so a few hundred
  // tries almost never all miss.
  for (int attempt = 0; attempt < 400; ++attempt) {
    const absl::Time t = from + absl::Seconds(rng.Uniform(0, span - 1));
    if (BandOf(t, zone) == band) return t;
  }
  for (absl::Time t = from; t < to; t += absl::Minutes(1)) {
    if (BandOf(t, zone) == band) return t;
  }
  return from;
}

}  // namespace teamload::synthetic::internal
