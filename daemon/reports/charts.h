// TeamChartsSvg: one team's last weeks as a small inline SVG for the HTML
// report: weekly interruptions stacked by time band (with each week's pages
// and disrupted hours in its bar's title), open deferrals and unwritten
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
  absl::Time week_start;  // start of the week, in the team's zone
  int pages = 0;
  // The week's pages merged into interruptions
  // (daemon/analysis/interruptions.h), by the time band of each one's first
  // page (daemon/analysis/time_bands).
  int interruptions_business = 0;
  int interruptions_off_hours = 0;
  int interruptions_sleep = 0;
  // Distinct local clock hours with a page, by their band.
  int disrupted_hours_business = 0;
  int disrupted_hours_off_hours = 0;
  int disrupted_hours_sleep = 0;
  int open_deferrals = 0;    // open at the end of the week
  int unwritten_oopses = 0;  // unwritten at the end of the week

  int Interruptions() const {
    return interruptions_business + interruptions_off_hours +
           interruptions_sleep;
  }
  int DisruptedHours() const {
    return disrupted_hours_business + disrupted_hours_off_hours +
           disrupted_hours_sleep;
  }
};

// A self-contained inline <svg> (no scripts, no external references, sizes in
// px, a <title> and aria-label for screen readers, colours also distinguished
// by pattern/label) with three small panels: weekly interruptions stacked by
// time band, open deferrals, unwritten oopses. Each interruption bar's title
// (a tooltip, and what screen readers read) also gives the week's pages and
// disrupted hours. Deterministic: same input, same bytes.
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
