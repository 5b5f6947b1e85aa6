// PLACEHOLDER: replaced by the render branch
// Charts: a team's weekly figures as a self-contained inline SVG.
#ifndef TEAMLOAD_DAEMON_REPORTS_CHARTS_H_
#define TEAMLOAD_DAEMON_REPORTS_CHARTS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace teamload::reports {

// One week of one team, for the charts. Weeks are consecutive, oldest first;
// a report shows the 12 weeks that end at its as_of.
struct WeekPoint {
  absl::Time week_start;   // start of the week, in the team's zone
  int pages_business = 0;  // pages by time band (daemon/analysis/time_bands)
  int pages_off_hours = 0;
  int pages_sleep = 0;
  int open_deferrals = 0;    // open at the end of the week
  int unwritten_oopses = 0;  // unwritten at the end of the week
};

std::string TeamChartsSvg(absl::string_view team,
                          const std::vector<WeekPoint>& weeks);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_CHARTS_H_
