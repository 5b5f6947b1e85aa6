// Time bands: when, in a team's own time zone, something happened. Pages at
// 03:00 local weigh differently from pages at 11:00, so the generator places
// events by band and the tests check them the same way.
//
//   business  Monday to Friday, 08:00-18:00 local
//   off hours Monday to Friday 18:00-22:00, Saturday and Sunday 08:00-22:00
//   sleep     every day 22:00-08:00
//
// Pure functions: thread-safe.
#ifndef TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_TIME_BANDS_H_
#define TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_TIME_BANDS_H_

#include <cstdint>

#include "absl/time/time.h"
#include "collectors/synthetic/internal/random.h"

namespace teamload::synthetic::internal {

enum class TimeBand { kBusiness, kOffHours, kSleep };

TimeBand BandOf(absl::Time t, const absl::TimeZone& zone);

// The 12-hour on-call shift `t` falls in (shifts start at 08:00 and 20:00
// local), as a number shared by every time in that shift.
int64_t ShiftOf(absl::Time t, const absl::TimeZone& zone);

// A time in [from, to), whole seconds, whose local time falls in `band`;
// the first such minute if sampling keeps missing, `from` if there is none.
// REQUIRES: from < to.
absl::Time SampleInBand(SeededRandom& rng, absl::Time from, absl::Time to,
                        TimeBand band, const absl::TimeZone& zone);

}  // namespace teamload::synthetic::internal

#endif  // TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_TIME_BANDS_H_
