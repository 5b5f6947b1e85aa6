// TeamChartsSvg: one team's last weeks as a small inline SVG for the HTML
// report: weekly interruptions stacked by time band (with each week's pages
// and disrupted hours in its bar's title), open deferrals and unwritten
// oopses, one panel each; the weeks people annotated are flagged over the
// interruptions panel, numbered, and the notes quoted beneath (context, not
// evidence: a note changes no bar and no level).
//
// The SVG is written by hand with XmlWriter: no charting library in Debian
// emits SVG text from C++, and three bar panels need no more than rects,
// lines and text. Every text from outside (team name, a note's text and
// author) goes through XmlWriter's escaping, controls and bidi overrides
// shown as visible escapes (text::ShowControls). Pure functions,
// thread-safe, deterministic (same input, same bytes).
#ifndef TEAMLOAD_DAEMON_REPORTS_CHARTS_H_
#define TEAMLOAD_DAEMON_REPORTS_CHARTS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace teamload::reports {

// What a person noted about a week (an annotation,
// model::AnnotationFact), as the charts show it.
struct WeekNote {
  absl::Time at;       // when it happened, as the author says
  absl::CivilDay day;  // at's date in the team's zone, as shown
  std::string text;    // as written; the chart shortens and escapes it
  std::string author;
};

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
  // The annotations that happened in the week, oldest first.
  std::vector<WeekNote> notes;

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
//
// Notes are numbered oldest first across the weeks. A week with notes gets
// one flag over its interruptions bar, labelled with its numbers ("3" or
// "3–5") over a dashed line down to the baseline, its title giving each
// note's date, text and author (at most kMaxNotesInFlag, then how many
// more); beneath the panels a caption quotes the newest kMaxCaptionNotes
// notes ("3  2026-11-12 — text (author)"), shortened by characters, and says
// which older ones only their flags hold. The notes are in the <desc> too.
// Weeks without notes add nothing, and the chart keeps its size.
std::string TeamChartsSvg(absl::string_view team,
                          const std::vector<WeekPoint>& weeks);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_CHARTS_H_
