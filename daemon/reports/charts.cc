#include "daemon/reports/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "daemon/reports/chart_flags.h"
#include "daemon/reports/chart_notes.h"
#include "daemon/reports/chart_style.h"
#include "daemon/reports/xml_writer.h"

namespace teamload::reports {
namespace {

using chart_style::kAxisColour;
using chart_style::kBusinessColour;
using chart_style::kCaptionLineHeight;
using chart_style::kDeferralColour;
using chart_style::kFontSize;
using chart_style::kGridColour;
using chart_style::kHeight;
using chart_style::kOffHoursColour;
using chart_style::kOopsColour;
using chart_style::kSleepColour;
using chart_style::kWidth;
using chart_style::Px;

double RoundToTenth(double value) { return std::round(value * 10) / 10; }

// "W48": the ISO week of the week's middle. `week_start` is local midnight
// in a zone we are not told, anywhere from UTC-12 to UTC+14, so its own UTC
// date may be the day before; three and a half days later it is safely
// inside the same ISO week in UTC.
std::string WeekLabel(absl::Time week_start) {
  return absl::FormatTime("W%V", week_start + absl::Hours(84),
                          absl::UTCTimeZone());
}

// Stable per-team prefix for element ids (FNV-1a of the name), so the
// patterns of several charts in one document do not collide.
std::string IdPrefix(absl::string_view team) {
  uint32_t hash = 2166136261u;
  for (const unsigned char c : team) {
    hash = (hash ^ c) * 16777619u;
  }
  return absl::StrFormat("tl%08x", hash);
}

// One stacked part of a bar (a time band) or the whole bar of a plain series.
struct Series {
  std::string name;  // for legends and bar titles: "sleep hours"
  std::string fill;  // a colour or url(#pattern)
};

// Where a panel goes and what it says.
struct Panel {
  double left = 0;
  double top = 0;
  double width = 0;
  double plot_height = 0;
  std::string title;
  std::string unit;      // noun of a bar's total: "pages"
  std::string unit_one;  // the same for a total of 1: "page"
  std::vector<Series> series;
  // values[week][series], each >= 0.
  std::vector<std::vector<int>> values;
  // notes[week], when set: appended to that week's bar title.
  std::vector<std::string> notes;
  // Flags of the annotated weeks, over the bars.
  std::vector<NoteFlag> flags;
};

// "1 page", "3 pages".
std::string Counted(int n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

int Total(const std::vector<int>& stack) {
  int total = 0;
  for (const int v : stack) total += v;
  return total;
}

void WritePatterns(XmlWriter& svg, const std::string& prefix) {
  svg.Open("defs", {});
  svg.Open("pattern", {{"id", prefix + "-off"},
                       {"width", "6"},
                       {"height", "6"},
                       {"patternUnits", "userSpaceOnUse"},
                       {"patternTransform", "rotate(45)"}});
  svg.Empty("rect",
            {{"width", "6"}, {"height", "6"}, {"fill", kOffHoursColour}});
  svg.Empty("rect", {{"width", "2"},
                     {"height", "6"},
                     {"fill", "#fff"},
                     {"fill-opacity", "0.6"}});
  svg.Close();
  svg.Open("pattern", {{"id", prefix + "-sleep"},
                       {"width", "5"},
                       {"height", "5"},
                       {"patternUnits", "userSpaceOnUse"}});
  svg.Empty("rect", {{"width", "5"}, {"height", "5"}, {"fill", kSleepColour}});
  svg.Empty("circle", {{"cx", "2.5"},
                       {"cy", "2.5"},
                       {"r", "1.1"},
                       {"fill", "#fff"},
                       {"fill-opacity", "0.7"}});
  svg.Close();
  svg.Close();
}

void WriteLegend(XmlWriter& svg, const std::vector<Series>& series, double x,
                 double top) {
  for (const Series& s : series) {
    svg.Empty("rect", {{"x", Px(x)},
                       {"y", Px(top + 2)},
                       {"width", "10"},
                       {"height", "10"},
                       {"fill", s.fill},
                       {"stroke", kAxisColour},
                       {"stroke-width", "0.5"}});
    svg.Text("text", {{"x", Px(x + 14)}, {"y", Px(top + 11)}}, s.name);
    // Roughly the text's width at this font size, plus a gap.
    x += 14 + 6.2 * s.name.size() + 16;
  }
}

// "7 in business hours, 1 in off hours, 2 in sleep hours".
std::string Parts(const Panel& panel, const std::vector<int>& stack) {
  std::vector<std::string> parts;
  for (size_t k = 0; k < stack.size(); ++k) {
    parts.push_back(absl::StrCat(stack[k], " in ", panel.series[k].name));
  }
  return absl::StrJoin(parts, ", ");
}

// "W48: 10 interruptions (7 in business hours, 1 in off hours, 2 in sleep
// hours)" and the week's note.
std::string BarTitle(const Panel& panel, size_t week,
                     const std::string& label) {
  const std::vector<int>& stack = panel.values[week];
  std::string title = absl::StrCat(
      label, ": ", Counted(Total(stack), panel.unit_one, panel.unit));
  if (panel.series.size() > 1)
    absl::StrAppend(&title, " (", Parts(panel, stack), ")");
  if (week < panel.notes.size()) absl::StrAppend(&title, panel.notes[week]);
  return title;
}

// "; from 14 pages across 11 disrupted hours (2 of them sleep hours)".
std::string PagesNote(const WeekPoint& w) {
  std::string note = absl::StrCat(
      "; from ", Counted(std::max(w.pages, 0), "page", "pages"), " across ",
      Counted(std::max(w.DisruptedHours(), 0), "disrupted hour",
              "disrupted hours"));
  if (w.disrupted_hours_sleep > 0) {
    absl::StrAppend(&note, " (", w.disrupted_hours_sleep,
                    w.disrupted_hours_sleep == 1 ? " of them a sleep hour)"
                                                 : " of them sleep hours)");
  }
  return note;
}

void WritePanel(XmlWriter& svg, const Panel& panel,
                const std::vector<std::string>& week_labels) {
  const double plot_left = panel.left + 34;
  const double plot_right = panel.left + panel.width - 6;
  const double plot_top = panel.top + 30;
  const double baseline = plot_top + panel.plot_height;
  const size_t weeks = panel.values.size();

  svg.Text("text",
           {{"x", Px(panel.left)},
            {"y", Px(panel.top + 11)},
            {"font-weight", "600"}},
           panel.title);
  int max = 0;
  for (const auto& stack : panel.values) max = std::max(max, Total(stack));

  // An axis line with its value on the left: 0 at the baseline, the
  // maximum at the top.
  const auto rule = [&](double y, const char* colour, int value) {
    svg.Empty("line", {{"x1", Px(plot_left)},
                       {"y1", Px(y)},
                       {"x2", Px(plot_right)},
                       {"y2", Px(y)},
                       {"stroke", colour}});
    svg.Text(
        "text",
        {{"x", Px(plot_left - 4)}, {"y", Px(y + 4)}, {"text-anchor", "end"}},
        absl::StrCat(value));
  };
  rule(baseline, kAxisColour, 0);
  if (max == 0) {
    svg.Text("text",
             {{"x", Px((plot_left + plot_right) / 2)},
              {"y", Px(baseline - panel.plot_height / 2)},
              {"text-anchor", "middle"},
              {"fill", kAxisColour}},
             weeks == 0 ? "no weeks to show"
                        : absl::StrCat("no ", panel.unit, " in these ", weeks,
                                       " weeks"));
  } else {
    rule(plot_top, kGridColour, max);
  }
  if (weeks == 0) return;

  const double slot = (plot_right - plot_left) / weeks;
  const double bar_width = slot * 0.64;
  const double scale = max == 0 ? 0 : panel.plot_height / max;
  WriteFlags(
      svg, panel.flags,
      {.left = plot_left, .slot = slot, .top = plot_top, .baseline = baseline});
  // Label every week when there is room, else every few, always the latest.
  const size_t label_every = static_cast<size_t>(std::ceil(26 / slot));
  for (size_t i = 0; i < weeks; ++i) {
    const std::vector<int>& stack = panel.values[i];
    const double centre = plot_left + (i + 0.5) * slot;
    if ((weeks - 1 - i) % label_every == 0) {
      svg.Text("text",
               {{"x", Px(centre)},
                {"y", Px(baseline + 14)},
                {"text-anchor", "middle"},
                {"fill", "#444"}},
               week_labels[i]);
    }
    if (Total(stack) == 0 && i + 1 < weeks) continue;
    svg.Open("g", {});
    svg.Text("title", {}, BarTitle(panel, i, week_labels[i]));
    // Stack from the baseline up; rounding the running top (not each
    // height) keeps the parts flush and the bar's height exact.
    int running = 0;
    double below = baseline;
    for (size_t k = 0; k < stack.size(); ++k) {
      if (stack[k] == 0) continue;
      running += stack[k];
      const double top = RoundToTenth(baseline - running * scale);
      svg.Empty("rect", {{"x", Px(centre - bar_width / 2)},
                         {"y", Px(top)},
                         {"width", Px(bar_width)},
                         {"height", Px(below - top)},
                         {"fill", panel.series[k].fill}});
      below = top;
    }
    // The latest week's total is written over its bar.
    if (i + 1 == weeks && max > 0) {
      svg.Text("text",
               {{"x", Px(centre)},
                {"y", Px(below - 3)},
                {"text-anchor", "middle"},
                {"font-weight", "600"}},
               absl::StrCat(running));
    }
    svg.Close();
  }
}

// What a sighted reader takes from the latest bars, for screen readers.
std::string Summary(const Panel& interruptions, const Panel& deferrals,
                    const Panel& oopses,
                    const std::vector<std::string>& labels) {
  if (labels.empty()) return "No weeks to show.";
  return absl::StrFormat(
      "Latest week %s, %s, %s.",
      BarTitle(interruptions, labels.size() - 1, labels.back()),
      Counted(Total(deferrals.values.back()), deferrals.unit_one,
              deferrals.unit),
      Counted(Total(oopses.values.back()), oopses.unit_one, oopses.unit));
}

}  // namespace

std::string TeamChartsSvg(absl::string_view team,
                          const std::vector<WeekPoint>& weeks) {
  const std::string prefix = IdPrefix(team);
  std::vector<std::string> labels;
  labels.reserve(weeks.size());
  for (const WeekPoint& w : weeks) labels.push_back(WeekLabel(w.week_start));

  Panel interruptions{
      .left = 0,
      .top = 0,
      .width = kWidth,
      .plot_height = 120,
      .title = "Interruptions a week, by time band",
      .unit = "interruptions",
      .unit_one = "interruption",
      .series = {{"business hours", kBusinessColour},
                 {"off hours", absl::StrCat("url(#", prefix, "-off)")},
                 {"sleep hours", absl::StrCat("url(#", prefix, "-sleep)")}}};
  Panel deferrals{.left = 0,
                  .top = 184,
                  .width = kWidth / 2 - 8,
                  .plot_height = 60,
                  .title = "Open deferred items, end of week",
                  .unit = "open deferred items",
                  .unit_one = "open deferred item",
                  .series = {{"open", kDeferralColour}}};
  Panel oopses{.left = kWidth / 2 + 8,
               .top = 184,
               .width = kWidth / 2 - 8,
               .plot_height = 60,
               .title = "Unwritten oopses, end of week",
               .unit = "unwritten oopses",
               .unit_one = "unwritten oops",
               .series = {{"unwritten", kOopsColour}}};
  const ChartNotes notes = NotesOfWeeks(weeks, labels);
  interruptions.flags = notes.flags;
  const auto count = [](int v) { return std::max(v, 0); };
  for (const WeekPoint& w : weeks) {
    interruptions.values.push_back({count(w.interruptions_business),
                                    count(w.interruptions_off_hours),
                                    count(w.interruptions_sleep)});
    interruptions.notes.push_back(PagesNote(w));
    deferrals.values.push_back({count(w.open_deferrals)});
    oopses.values.push_back({count(w.unwritten_oopses)});
  }

  const std::string span =
      weeks.empty() ? "no weeks"
                    : absl::StrCat(labels.front(), " to ", labels.back());
  const std::string title =
      absl::StrCat(team,
                   ": interruptions a week by time band, open deferred items "
                   "and unwritten oopses, ",
                   span);
  const int caption_lines = CaptionLines(notes);
  const double height =
      kHeight +
      (caption_lines == 0 ? 0 : caption_lines * kCaptionLineHeight + 4);
  std::string description = Summary(interruptions, deferrals, oopses, labels);
  if (const std::string sentence = NotesSentence(notes); !sentence.empty()) {
    absl::StrAppend(&description, " ", sentence);
  }
  XmlWriter svg;
  svg.Open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"width", Px(kWidth)},
                   {"height", Px(height)},
                   {"viewBox", absl::StrCat("0 0 ", kWidth, " ", Px(height))},
                   {"role", "img"},
                   {"aria-label", title},
                   {"font-family", "system-ui, sans-serif"},
                   {"font-size", Px(kFontSize)},
                   {"fill", "#222"}});
  svg.Text("title", {}, title);
  svg.Text("desc", {}, description);
  WritePatterns(svg, prefix);
  WriteLegend(svg, interruptions.series, 300, interruptions.top);
  WritePanel(svg, interruptions, labels);
  WritePanel(svg, deferrals, labels);
  WritePanel(svg, oopses, labels);
  WriteCaption(svg, notes, kHeight);
  svg.Close();
  return std::move(svg).Finish();
}

}  // namespace teamload::reports
