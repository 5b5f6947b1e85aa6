// Overview: the top of a report: which of Rasmussen's boundaries (workload,
// economic, safety) are under pressure in which team, as a small heat table
// of levels, and what the report cannot see. Each cell is the strongest
// finding on that boundary; nothing is folded into a score. Pure.
#ifndef TEAMLOAD_DAEMON_REPORTS_OVERVIEW_H_
#define TEAMLOAD_DAEMON_REPORTS_OVERVIEW_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/reports/team_section.h"

namespace teamload::reports {

// The report's title: "Team load report weekly-platform, 2026-11-30", with
// any control character in the report's name shown escaped, since the title
// goes to a mail's subject and text, the HTML title and the Markdown.
std::string ReportTitle(const config::ReportConfig& report, absl::Time as_of);

// Markdown: the title, when and for whom, the heat table, a line per
// boundary counting the teams under pressure on it, and the themes that
// recur across the teams' write-ups (narrative::ThemeTally) with each
// write-up's title and team, and how many migrations the teams finished
// lately and looked back on (when any finished). Names (report, teams,
// sources) are escaped with text::MarkdownText.
std::string OverviewMarkdown(const config::ReportConfig& report,
                             absl::Time as_of,
                             const std::vector<TeamSection>& sections);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_OVERVIEW_H_
