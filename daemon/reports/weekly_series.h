// WeeklySeries: a team's last weeks as the report's charts show them:
// pages, the interruptions and disrupted hours they make by local time band,
// open deferrals and unwritten oopses, and what people noted (annotations,
// context only: they change no count). A pure function
// of the team's config, its history and as_of, counted the way the
// detectors count, so the last week matches the narrative's own figures.
#ifndef TEAMLOAD_DAEMON_REPORTS_WEEKLY_SERIES_H_
#define TEAMLOAD_DAEMON_REPORTS_WEEKLY_SERIES_H_

#include <vector>

#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/model/team_history.h"
#include "daemon/reports/charts.h"

namespace teamload::reports {

inline constexpr int kReportWeeks = 12;

// `weeks` consecutive 7-day windows, oldest first, the last one ending at
// as_of: window i covers (week_start, week_start + 7 days]. Each window's
// own pages are counted, merged into interruptions and their disrupted
// hours (analysis/interruptions.h, with the team's
// interruption_merge_seconds), by band in the team's zone; deferrals open
// (DeferralFact::OpenAt) and oopses unwritten (OopsFact::UnwrittenAt, after
// oops_writeup_days) are counted at each window's end. Only what occurred
// by then counts. Each window's annotations are its `notes`, oldest first
// (ties by id), dated in the team's zone; all of them, not only the newest
// ten a narrative lists.
// REQUIRES: weeks >= 1.
std::vector<WeekPoint> WeeklySeries(const config::TeamConfig& team,
                                    const model::TeamHistory& history,
                                    absl::Time as_of, int weeks = kReportWeeks);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_WEEKLY_SERIES_H_
