// pager_load (workload boundary): interruptions in the last 7 days against
// the team's own trailing 8-week median, split into the team's local time
// bands, per on-call person and per 12-hour shift, with the disrupted hours
// beside them; high-urgency pages counted apart.
//
// Levels follow interruptions, not raw pages (interruptions.h): the team's
// pages with those at most interruption_merge_seconds (default 60) after the
// previous page merged into one, so ten pages in one minute weigh as one.
//
//   WATCH     >= pager_watch_ratio x the median (default 1.5), or more than
//             shift_pages_watch interruptions beginning in one 12-hour shift
//             (default 2, Google SRE's guideline of two incidents a shift)
//   ATTENTION >= pager_attention_ratio x the median (default 2), or
//             >= sleep_pages_per_person_attention sleep-hour interruptions
//             per on-call person in the last 7 days (default 3)
//   INFO      interruptions falling back after a peak at least 1.5x this
//             week
//
// Ratios only count once the week has pager_min_pages interruptions
// (default 3). Each week counts its own pages (interruptions.h, Windows).
#ifndef TEAMLOAD_DAEMON_ANALYSIS_PAGER_LOAD_H_
#define TEAMLOAD_DAEMON_ANALYSIS_PAGER_LOAD_H_

#include "daemon/analysis/detector.h"
#include "daemon/analysis/interruptions.h"

namespace teamload::analysis {

// What pager_load read, for the narrative to say so: the pages of the 9
// weeks, and the interruptions and disrupted hours they make, counted over
// the 9 weeks as one window; and the last 7 days' (the metrics show them).
struct PagerLoadRead {
  int pages = 0;
  int interruptions = 0;
  int disrupted_hours = 0;
  PageLoad last_7_days;
};

PagerLoadRead DetectPagerLoad(const DetectorInput& in, Findings& out);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_PAGER_LOAD_H_
