// pager_load (workload boundary): pages in the last 7 days against the
// team's own trailing 8-week median, split into the team's local time bands,
// per on-call person and per 12-hour shift; high urgency counted apart.
//
//   WATCH     >= pager_watch_ratio x the median (default 1.5), or more than
//             shift_pages_watch pages in one 12-hour shift (default 2, Google
//             SRE's guideline)
//   ATTENTION >= pager_attention_ratio x the median (default 2), or
//             >= sleep_pages_per_person_attention sleep-hour pages per
//             on-call person in the last 7 days (default 3)
//   INFO      pages falling back after a peak at least 1.5x this week
//
// Ratios only count once the week has pager_min_pages pages (default 3).
#ifndef TEAMLOAD_DAEMON_ANALYSIS_PAGER_LOAD_H_
#define TEAMLOAD_DAEMON_ANALYSIS_PAGER_LOAD_H_

#include "daemon/analysis/detector.h"

namespace teamload::analysis {

void DetectPagerLoad(const DetectorInput& in, Findings& out);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_PAGER_LOAD_H_
