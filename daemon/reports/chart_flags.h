// Drawing a chart's annotations (their words come from chart_notes.h): a
// numbered flag over each annotated week, on a dashed line down to the
// baseline, and the caption of quoted notes beneath the panels. Pure
// writes into an XmlWriter; deterministic.
#ifndef TEAMLOAD_DAEMON_REPORTS_CHART_FLAGS_H_
#define TEAMLOAD_DAEMON_REPORTS_CHART_FLAGS_H_

#include <vector>

#include "daemon/reports/chart_notes.h"
#include "daemon/reports/xml_writer.h"

namespace teamload::reports {

// Where a panel's plot is: its left edge, the width of one week's slot,
// its top and its baseline, in px.
struct PlotArea {
  double left = 0;
  double slot = 0;
  double top = 0;
  double baseline = 0;
};

// Each flag over its week of `plot`, drawn before the bars, which hide the
// dashed line where they stand.
void WriteFlags(XmlWriter& svg, const std::vector<NoteFlag>& flags,
                const PlotArea& plot);

// How many lines the caption takes: a heading, one per quoted note and one
// naming the older notes; 0 without notes.
int CaptionLines(const ChartNotes& notes);

// The caption, from `top` down: each quoted note's number in a flag like
// the one over its week, then its date, text and author.
void WriteCaption(XmlWriter& svg, const ChartNotes& notes, double top);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_CHART_FLAGS_H_
