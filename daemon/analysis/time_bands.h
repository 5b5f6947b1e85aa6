// Time bands in a team's own time zone, as PagerDuty defines them:
// business hours 08:00-18:00 Monday to Friday; off hours 18:00-22:00 on
// weekdays and 08:00-22:00 at weekends; sleep hours 22:00-08:00 every day.
// Pure functions.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_TIME_BANDS_H_
#define TEAMLOAD_DAEMON_ANALYSIS_TIME_BANDS_H_

#include <cstdint>

#include "absl/time/time.h"

namespace teamload::analysis {

enum class TimeBand { kBusiness, kOffHours, kSleep };

TimeBand BandOf(absl::Time t, const absl::TimeZone& zone);

// On-call shifts are 12 hours long and change at 08:00 and 20:00 local time.
// Returns a number that is equal for two times in the same shift.
int64_t ShiftOf(absl::Time t, const absl::TimeZone& zone);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_TIME_BANDS_H_
