#include "daemon/reports/report.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "daemon/analysis/time_bands.h"
#include "daemon/reports/html.h"
#include "daemon/reports/overview.h"
#include "daemon/reports/slots.h"

namespace teamload::reports {
namespace {

template <typename Field>
std::string Values(const std::vector<WeekPoint>& weeks, Field field) {
  std::vector<int> values;
  for (const WeekPoint& week : weeks) values.push_back(week.*field);
  return absl::StrJoin(values, ", ");
}

// The charts' numbers for readers of the Markdown.
std::string WeeksMarkdown(const TeamSection& section, absl::Time as_of,
                          const absl::TimeZone& zone) {
  const std::vector<WeekPoint>& weeks = section.weeks;
  std::vector<int> interruptions, hours;
  for (const WeekPoint& week : weeks) {
    interruptions.push_back(week.Interruptions());
    hours.push_back(week.DisruptedHours());
  }
  const std::string sleep = analysis::SleepHours(analysis::HoursStyle::kShort);
  return absl::StrFormat(
      "\n### Last %d weeks\n\n"
      "Seven-day windows, oldest first, the last ending %s. Interruptions "
      "are the pages as people feel them (%s); disrupted hours are the "
      "local clock hours with a page.\n\n"
      "- Pages: %s\n"
      "- Interruptions: %s\n"
      "- Of them in sleep hours (%s): %s\n"
      "- Disrupted hours: %s\n"
      "- Of them sleep hours (%s): %s\n"
      "- Open deferred items at each window's end: %s\n"
      "- Unwritten oopses at each window's end: %s\n",
      weeks.size(), absl::FormatTime("%Y-%m-%d %H:%M", as_of, zone),
      section.merge_rule, Values(weeks, &WeekPoint::pages),
      absl::StrJoin(interruptions, ", "), sleep,
      Values(weeks, &WeekPoint::interruptions_sleep),
      absl::StrJoin(hours, ", "), sleep,
      Values(weeks, &WeekPoint::disrupted_hours_sleep),
      Values(weeks, &WeekPoint::open_deferrals),
      Values(weeks, &WeekPoint::unwritten_oopses));
}

}  // namespace

std::string DemoteHeadings(absl::string_view markdown) {
  std::string out;
  out.reserve(markdown.size() + 64);
  for (absl::string_view line : absl::StrSplit(markdown, '\n')) {
    if (!line.empty() && line[0] == '#') out += '#';
    absl::StrAppend(&out, line, "\n");
  }
  out.pop_back();  // StrSplit gave one more line than there were newlines
  return out;
}

RenderedReport ComposeReport(const config::ReportConfig& report,
                             absl::Time as_of,
                             const std::vector<TeamSection>& sections) {
  RenderedReport rendered{.name = report.name,
                          .as_of = as_of,
                          .date = SlotDate(report.schedule, as_of),
                          .title = ReportTitle(report, as_of)};
  const std::string overview = OverviewMarkdown(report, as_of, sections);
  rendered.markdown = overview;
  std::string body = MarkdownToHtml(overview);
  for (const TeamSection& section : sections) {
    const std::string story = DemoteHeadings(section.narrative.markdown());
    absl::StrAppend(&rendered.markdown, "\n", story,
                    WeeksMarkdown(section, as_of, report.schedule.zone));
    absl::StrAppend(&body, MarkdownToHtml(story),
                    TeamChartsSvg(section.team, section.weeks));
  }
  rendered.html = HtmlDocument(rendered.title, body);
  return rendered;
}

absl::StatusOr<RenderedReport> RenderReport(const config::ReportConfig& report,
                                            const model::Model& model,
                                            absl::Time as_of) {
  absl::StatusOr<std::vector<TeamSection>> sections =
      CollectSections(report, model, as_of);
  if (!sections.ok()) return sections.status();
  return ComposeReport(report, as_of, *sections);
}

}  // namespace teamload::reports
