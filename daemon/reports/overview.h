// Overview: the top of a report: which of Rasmussen's boundaries (workload,
// economic, safety) are under pressure in which team, as a small heat table
// of levels, and what the report cannot see. Each cell is the strongest
// finding on that boundary; nothing is folded into a score. Pure.
#ifndef TEAMLOAD_DAEMON_REPORTS_OVERVIEW_H_
#define TEAMLOAD_DAEMON_REPORTS_OVERVIEW_H_

#include <array>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/reports/team_section.h"

namespace teamload::reports {

// The boundaries in the heat table's order.
inline constexpr std::array<teamload::v1::Boundary, 3> kBoundaries = {
    teamload::v1::BOUNDARY_WORKLOAD, teamload::v1::BOUNDARY_ECONOMIC,
    teamload::v1::BOUNDARY_SAFETY};

// A cell of the heat table: the strongest finding on `boundary` that is
// pressure rather than context (narrative::IsContext), or null.
const teamload::v1::Finding* StrongestFinding(
    const teamload::v1::Narrative& story, teamload::v1::Boundary boundary);

// That finding's level; LEVEL_UNSPECIFIED when there is none.
teamload::v1::Level BoundaryLevel(const teamload::v1::Narrative& story,
                                  teamload::v1::Boundary boundary);

// The strongest of the three cells; LEVEL_UNSPECIFIED when all are empty.
// WATCH or ATTENTION is pressure.
teamload::v1::Level StrongestLevel(const teamload::v1::Narrative& story);

// A level as the table shows it: "ATTENTION", "WATCH", "info", or "-" for
// none.
std::string LevelWord(teamload::v1::Level level);

// The report's title: "Team load report weekly-platform, 2026-11-30", with
// any control character in the report's name shown escaped, since the title
// goes to a mail's subject and text, the HTML title and the Markdown.
std::string ReportTitle(const config::ReportConfig& report, absl::Time as_of);

// Markdown: the title, when and for whom, what changed since the previous
// slot (changes.h) when the sections carry the past, the heat table, a line per
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
