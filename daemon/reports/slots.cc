#include "daemon/reports/slots.h"

#include <algorithm>

namespace teamload::reports {
namespace {

bool Scheduled(const config::ReportSchedule& schedule, absl::CivilDay day) {
  return std::find(schedule.weekdays.begin(), schedule.weekdays.end(),
                   absl::GetWeekday(day)) != schedule.weekdays.end();
}

// The slot on `day`, whether or not the schedule names that weekday.
absl::Time SlotOn(const config::ReportSchedule& schedule, absl::CivilDay day) {
  const absl::TimeZone::TimeInfo info = schedule.zone.At(absl::CivilSecond(
      day.year(), day.month(), day.day(), schedule.hour, schedule.minute, 0));
  switch (info.kind) {
    case absl::TimeZone::TimeInfo::SKIPPED:
      return info.trans;
    case absl::TimeZone::TimeInfo::REPEATED:
    case absl::TimeZone::TimeInfo::UNIQUE:
      return info.pre;
  }
  return info.pre;
}

}  // namespace

// Slots are in the same order as their local days, so scanning days from the
// one before t's local day forward (or from the one after it backward) finds
// the answer within eight days whatever the zone's offset.
absl::Time NextSlotAfter(const config::ReportSchedule& schedule, absl::Time t) {
  const absl::CivilDay today = absl::ToCivilDay(t, schedule.zone);
  for (absl::CivilDay day = today - 1; day <= today + 8; ++day) {
    if (!Scheduled(schedule, day)) continue;
    const absl::Time slot = SlotOn(schedule, day);
    if (slot > t) return slot;
  }
  return absl::InfiniteFuture();  // only without weekdays
}

absl::Time LatestSlotAtOrBefore(const config::ReportSchedule& schedule,
                                absl::Time t) {
  const absl::CivilDay today = absl::ToCivilDay(t, schedule.zone);
  for (absl::CivilDay day = today + 1; day >= today - 8; --day) {
    if (!Scheduled(schedule, day)) continue;
    const absl::Time slot = SlotOn(schedule, day);
    if (slot <= t) return slot;
  }
  return absl::InfinitePast();  // only without weekdays
}

absl::Time SlotBefore(const config::ReportSchedule& schedule, absl::Time t) {
  // Slots fall on whole minutes: any moment a little before t will do.
  return LatestSlotAtOrBefore(schedule, t - absl::Nanoseconds(1));
}

std::string SlotDate(const config::ReportSchedule& schedule, absl::Time slot) {
  return absl::FormatTime("%Y-%m-%d", slot, schedule.zone);
}

}  // namespace teamload::reports
