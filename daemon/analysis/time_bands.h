// Time bands in a team's own time zone, as PagerDuty defines them, and the
// 12-hour on-call shifts. The one home of these rules: detectors, reports and
// the synthetic generator classify through here, and every sentence that
// names the sleep band's hours renders them with SleepHours().
//
//   business  Monday to Friday, 08:00-18:00 local
//   off hours Monday to Friday 18:00-22:00, Saturday and Sunday 08:00-22:00
//   sleep     every day 22:00-08:00
//
// Its own tiny library (teamload::time_bands, Abseil only), so the synthetic
// generator shares it without linking the detectors, the config, the model
// and the store. Pure functions and an immutable class: thread-safe.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_TIME_BANDS_H_
#define TEAMLOAD_DAEMON_ANALYSIS_TIME_BANDS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace teamload::analysis {

// Band boundaries, local hours: [start, end).
inline constexpr int kBusinessStartHour = 8;  // weekdays; off hours at weekends
inline constexpr int kBusinessEndHour = 18;   // then off hours
inline constexpr int kSleepStartHour = 22;
inline constexpr int kSleepEndHour = kBusinessStartHour;

// On-call shifts: 12 hours long, changing at 08:00 and 20:00 local.
inline constexpr int kShiftStartHour = 8;
inline constexpr int kShiftHours = 12;

enum class TimeBand { kBusiness, kOffHours, kSleep };
inline constexpr int kTimeBands = 3;  // for arrays indexed by TimeBand

// "business", "off_hours", "sleep": how metrics label a band.
const char* BandLabel(TimeBand band);

// The band rule itself: the band of local hour `hour` (0..23) on a weekday
// or (`weekend`) a Saturday or Sunday.
TimeBand BandOfLocalHour(int hour, bool weekend);

TimeBand BandOf(absl::Time t, const absl::TimeZone& zone);

// Returns a number that is equal for two times in the same shift.
int64_t ShiftOf(absl::Time t, const absl::TimeZone& zone);

// How prose writes the sleep band's hours.
enum class HoursStyle {
  kClock,  // "22:00-08:00"
  kShort,  // "22-08"
};

// The sleep band's hours for sentences that name them, from the constants
// above.
std::string SleepHours(HoursStyle style = HoursStyle::kClock);

// The same answers for many instants at once, fast: the zone's UTC offsets
// between `from` and `to` are looked up once (a detector classifies hundreds
// of pages per narrative). Instants outside that window are still right,
// just slower. Immutable after construction.
class LocalClock {
 public:
  LocalClock(const absl::TimeZone& zone, absl::Time from, absl::Time to);

  TimeBand BandOf(absl::Time t) const;
  int64_t ShiftOf(absl::Time t) const;

  // The local clock hour an instant falls in (14:00-15:00 on some day) and
  // its band, from one look at the clock. `start` is the unix second at
  // which the hour began: equal for two instants in the same local clock
  // hour. Clocks going back repeat an hour: those are two hours here, as
  // people live through both (02:30 CEST and 02:30 CET are an hour apart);
  // a skipped hour is none. The hour lies in one band, since bands change
  // on the hour.
  struct Hour {
    int64_t start;
    TimeBand band;
  };
  Hour HourOf(int64_t unix_seconds) const;

 private:
  // Seconds since 1970-01-01 00:00 on the local wall clock.
  int64_t LocalSeconds(absl::Time t) const;
  int64_t LocalSeconds(int64_t unix_seconds) const;

  absl::TimeZone zone_;
  int64_t from_;
  int64_t to_;
  // (first unix second, UTC offset in seconds) for each offset in the window.
  std::vector<std::pair<int64_t, int>> offsets_;
};

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_TIME_BANDS_H_
