#include "daemon/reports/team_section.h"

#include "daemon/analysis/analyze.h"
#include "daemon/analysis/interruptions.h"
#include "daemon/narrative/narrative.h"
#include "daemon/reports/slots.h"
#include "daemon/reports/weekly_series.h"

namespace teamload::reports {

TeamSection MakeSection(const config::TeamConfig& team,
                        const model::TeamHistory& history, absl::Time as_of,
                        std::optional<absl::Time> previous) {
  const analysis::Analysis analysis = analysis::Analyze(team, history, as_of);
  TeamSection section{
      .team = team.name,
      .narrative = narrative::BuildNarrative(team, analysis, as_of),
      .weeks = WeeklySeries(team, history, as_of),
      .merge_rule = analysis::MergeRule(team.analysis)};
  section.themes.AddTeam(team, analysis);
  if (previous.has_value()) {
    const analysis::Analysis before =
        analysis::Analyze(team, history, *previous);
    TeamPast& past = section.previous.emplace();
    past.narrative = narrative::BuildNarrative(team, before, *previous);
    past.themes.AddTeam(team, before);
  }
  return section;
}

absl::StatusOr<std::vector<TeamSection>> CollectSections(
    const config::ReportConfig& report, const model::Model& model,
    absl::Time as_of) {
  // A schedule always names a weekday once read from a config.
  const std::optional<absl::Time> previous =
      report.schedule.weekdays.empty()
          ? std::nullopt
          : std::optional(SlotBefore(report.schedule, as_of));
  std::vector<TeamSection> sections;
  sections.reserve(report.teams.size());
  for (const std::string& name : report.teams) {
    absl::Status status = model.VisitTeam(
        name,
        [&](const config::TeamConfig& team, const model::TeamHistory& history) {
          sections.push_back(MakeSection(team, history, as_of, previous));
        });
    if (!status.ok()) return status;
  }
  return sections;
}

}  // namespace teamload::reports
