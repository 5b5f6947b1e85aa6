#include "daemon/reports/chart_flags.h"

#include <string>

#include "daemon/reports/chart_style.h"
#include "text/abbreviate.h"

namespace teamload::reports {
namespace {

using chart_style::kAxisColour;
using chart_style::kCaptionLineHeight;
using chart_style::kNoteColour;
using chart_style::kNoteFontSize;
using chart_style::Px;

// The width of a numbered flag: "3–5" is three characters (five bytes),
// about 5.6 px each at the notes' size.
double FlagWidth(const std::string& label) {
  return 8 + 5.6 * static_cast<double>(text::Characters(label));
}

// A numbered flag with its top left corner at (x, top).
void WriteNumberFlag(XmlWriter& svg, double x, double top,
                     const std::string& label) {
  const double width = FlagWidth(label);
  svg.Empty("rect", {{"x", Px(x)},
                     {"y", Px(top)},
                     {"width", Px(width)},
                     {"height", "12"},
                     {"rx", "2"},
                     {"fill", "#fff"},
                     {"stroke", kNoteColour}});
  svg.Text("text",
           {{"x", Px(x + width / 2)},
            {"y", Px(top + 9.5)},
            {"text-anchor", "middle"},
            {"font-size", Px(kNoteFontSize)}},
           label);
}

}  // namespace

void WriteFlags(XmlWriter& svg, const std::vector<NoteFlag>& flags,
                const PlotArea& plot) {
  for (const NoteFlag& flag : flags) {
    const double centre = plot.left + (flag.week + 0.5) * plot.slot;
    svg.Open("g", {});
    svg.Text("title", {}, flag.title);
    svg.Empty("line", {{"x1", Px(centre)},
                       {"y1", Px(plot.top - 4)},
                       {"x2", Px(centre)},
                       {"y2", Px(plot.baseline)},
                       {"stroke", kNoteColour},
                       {"stroke-dasharray", "3 2"}});
    WriteNumberFlag(svg, centre - FlagWidth(flag.label) / 2, plot.top - 16,
                    flag.label);
    svg.Close();
  }
}

int CaptionLines(const ChartNotes& notes) {
  if (notes.lines.empty()) return 0;
  return 1 + static_cast<int>(notes.lines.size()) +
         (notes.older.empty() ? 0 : 1);
}

void WriteCaption(XmlWriter& svg, const ChartNotes& notes, double top) {
  if (notes.lines.empty()) return;
  svg.Text("text", {{"x", "0"}, {"y", Px(top + 11)}, {"font-weight", "600"}},
           "Notes on these weeks (context, not evidence)");
  double y = top + kCaptionLineHeight;
  for (const CaptionLine& line : notes.lines) {
    WriteNumberFlag(svg, 0, y + 1, line.number);
    svg.Text("text", {{"x", "26"}, {"y", Px(y + 11)}}, line.text);
    y += kCaptionLineHeight;
  }
  if (!notes.older.empty()) {
    svg.Text("text", {{"x", "0"}, {"y", Px(y + 11)}, {"fill", kAxisColour}},
             notes.older);
  }
}

}  // namespace teamload::reports
