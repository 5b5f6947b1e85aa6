// Report: one scheduled report rendered as of one moment, in Markdown and as
// a self-contained HTML page: the overview heat table, then each team's
// narrative with its last 12 weeks (figures in Markdown, inline SVG charts
// in HTML). Deterministic: the same model state, report and as_of give the
// same bytes.
#ifndef TEAMLOAD_DAEMON_REPORTS_REPORT_H_
#define TEAMLOAD_DAEMON_REPORTS_REPORT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/model/model.h"
#include "daemon/reports/team_section.h"

namespace teamload::reports {

struct RenderedReport {
  std::string name;
  absl::Time as_of;
  std::string date;  // as_of's day in the schedule's zone: "2026-11-30"
  std::string title;
  std::string markdown;
  std::string html;
};

// Composes the report from its teams' sections. Pure.
RenderedReport ComposeReport(const config::ReportConfig& report,
                             absl::Time as_of,
                             const std::vector<TeamSection>& sections);

// Reads the report's teams from the model and composes it.
// NOT_FOUND when one of its teams is not in the model.
absl::StatusOr<RenderedReport> RenderReport(const config::ReportConfig& report,
                                            const model::Model& model,
                                            absl::Time as_of);

// A narrative's Markdown one heading level down ("# team" becomes
// "## team"), to sit under the report's title.
std::string DemoteHeadings(absl::string_view markdown);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_REPORT_H_
