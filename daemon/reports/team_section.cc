#include "daemon/reports/team_section.h"

#include "daemon/analysis/analyze.h"
#include "daemon/analysis/interruptions.h"
#include "daemon/narrative/narrative.h"
#include "daemon/reports/weekly_series.h"

namespace teamload::reports {

TeamSection MakeSection(const config::TeamConfig& team,
                        const model::TeamHistory& history, absl::Time as_of) {
  const analysis::Analysis analysis = analysis::Analyze(team, history, as_of);
  TeamSection section{
      .team = team.name,
      .narrative = narrative::BuildNarrative(team, analysis, as_of),
      .weeks = WeeklySeries(team, history, as_of),
      .merge_rule = analysis::MergeRule(team.analysis)};
  section.themes.AddTeam(team, analysis);
  return section;
}

absl::StatusOr<std::vector<TeamSection>> CollectSections(
    const config::ReportConfig& report, const model::Model& model,
    absl::Time as_of) {
  std::vector<TeamSection> sections;
  sections.reserve(report.teams.size());
  for (const std::string& name : report.teams) {
    absl::Status status = model.VisitTeam(
        name,
        [&](const config::TeamConfig& team, const model::TeamHistory& history) {
          sections.push_back(MakeSection(team, history, as_of));
        });
    if (!status.ok()) return status;
  }
  return sections;
}

}  // namespace teamload::reports
