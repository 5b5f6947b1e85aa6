// Slots: the moments a report's schedule names ("Mon,Thu 08:30
// America/New_York" gives two slots a week), computed in the schedule's own
// time zone so they follow daylight saving time. Pure functions.
//
// A wall-clock time that a spring-forward transition skips (02:30 on the
// night clocks jump from 02:00 to 03:00) is taken at the transition, when
// the skipped time has just passed; a time that a fall-back transition
// repeats is taken at its first occurrence. So every scheduled day has
// exactly one slot.
#ifndef TEAMLOAD_DAEMON_REPORTS_SLOTS_H_
#define TEAMLOAD_DAEMON_REPORTS_SLOTS_H_

#include <string>

#include "absl/time/time.h"
#include "daemon/config/schedule.h"

namespace teamload::reports {

// The first slot strictly after `t`.
// REQUIRES: schedule.weekdays is not empty.
absl::Time NextSlotAfter(const config::ReportSchedule& schedule, absl::Time t);

// The last slot at or before `t`.
// REQUIRES: schedule.weekdays is not empty.
absl::Time LatestSlotAtOrBefore(const config::ReportSchedule& schedule,
                                absl::Time t);

// The last slot strictly before `t`: for a slot, the one before it (the
// previous report a report's "what changed" compares with).
// REQUIRES: schedule.weekdays is not empty.
absl::Time SlotBefore(const config::ReportSchedule& schedule, absl::Time t);

// The slot's calendar day in the schedule's zone, "2026-11-30": the name of
// its outbox files.
std::string SlotDate(const config::ReportSchedule& schedule, absl::Time slot);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_SLOTS_H_
