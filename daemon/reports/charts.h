// TeamChartsSvg: one team's last weeks as a small inline SVG for the HTML
// report: weekly pages stacked by time band, open deferrals and unwritten
// oopses, one panel each.
//
// The SVG is written by hand with XmlWriter: no charting library in Debian
// emits SVG text from C++, and three bar panels need no more than rects,
// lines and text. Pure functions, thread-safe, deterministic (same input,
// same bytes).
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

// A self-contained inline <svg> (no scripts, no external references, sizes in
// px, a <title> and aria-label for screen readers, colours also distinguished
// by pattern/label) with three small panels: weekly pages stacked by time
// band, open deferrals, unwritten oopses. Deterministic: same input, same
// bytes.
//
// Weeks are labelled by ISO week ("W48"). Each panel's scale runs from 0 to
// its largest weekly value, which is written on the axis; a panel whose
// values are all zero says so instead of drawing bars. Negative counts are
// drawn as 0. Element ids (the fill patterns) derive from `team`, so several
// teams' charts can share one HTML document.
std::string TeamChartsSvg(absl::string_view team,
                          const std::vector<WeekPoint>& weeks);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_CHARTS_H_
