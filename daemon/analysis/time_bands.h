// Time bands in a team's own time zone, as PagerDuty defines them:
// business hours 08:00-18:00 Monday to Friday; off hours 18:00-22:00 on
// weekdays and 08:00-22:00 at weekends; sleep hours 22:00-08:00 every day.
// Pure functions.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_TIME_BANDS_H_
#define TEAMLOAD_DAEMON_ANALYSIS_TIME_BANDS_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace teamload::analysis {

enum class TimeBand { kBusiness, kOffHours, kSleep };

TimeBand BandOf(absl::Time t, const absl::TimeZone& zone);

// On-call shifts are 12 hours long and change at 08:00 and 20:00 local time.
// Returns a number that is equal for two times in the same shift.
int64_t ShiftOf(absl::Time t, const absl::TimeZone& zone);

// The same answers for many instants at once, fast: the zone's UTC offsets
// between `from` and `to` are looked up once (a detector classifies hundreds
// of pages per narrative). Instants outside that window are still right,
// just slower. Immutable after construction.
class LocalClock {
 public:
  LocalClock(const absl::TimeZone& zone, absl::Time from, absl::Time to);

  TimeBand BandOf(absl::Time t) const;
  int64_t ShiftOf(absl::Time t) const;

 private:
  // Seconds since 1970-01-01 00:00 on the local wall clock.
  int64_t LocalSeconds(absl::Time t) const;

  absl::TimeZone zone_;
  int64_t from_;
  int64_t to_;
  // (first unix second, UTC offset in seconds) for each offset in the window.
  std::vector<std::pair<int64_t, int>> offsets_;
};

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_TIME_BANDS_H_
