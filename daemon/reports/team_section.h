// TeamSection: what a report shows of one team: its narrative as of the
// report's moment, its weekly series for the charts, and the same team as of
// the report's previous slot, for "what changed".
#ifndef TEAMLOAD_DAEMON_REPORTS_TEAM_SECTION_H_
#define TEAMLOAD_DAEMON_REPORTS_TEAM_SECTION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/model/model.h"
#include "daemon/narrative/themes.h"
#include "daemon/reports/charts.h"
#include "teamload/v1/narrative.pb.h"

namespace teamload::reports {

// A team as it stood at an earlier moment: what "what changed" compares.
struct TeamPast {
  teamload::v1::Narrative narrative;  // with its Markdown
  narrative::ThemeTally themes;
};

struct TeamSection {
  std::string team;
  teamload::v1::Narrative narrative;  // with its Markdown
  std::vector<WeekPoint> weeks;       // kReportWeeks, oldest first
  // How its pages merge into interruptions, in words
  // (analysis::MergeRule): "pages within 60 s of the one before count as
  // one".
  std::string merge_rule;
  narrative::ThemeTally themes;       // this team's, for the overview
  // As of the report's previous slot (SlotBefore). Unset: nothing to
  // compare with (a section made by hand), and the report says nothing of
  // change.
  std::optional<TeamPast> previous;
};

// Tells each of the report's teams' story as of `as_of`, and as of the
// schedule's slot before it, in the report's team order. Holds the model's
// lock one team at a time.
// NOT_FOUND when a team is not in the model.
absl::StatusOr<std::vector<TeamSection>> CollectSections(
    const config::ReportConfig& report, const model::Model& model,
    absl::Time as_of);

// One team's section from its config and history, compared with the team
// as of `previous` when given. Pure: the analysis is a function of the
// history and the moment, so the past needs no storage of its own.
TeamSection MakeSection(const config::TeamConfig& team,
                        const model::TeamHistory& history, absl::Time as_of,
                        std::optional<absl::Time> previous = std::nullopt);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_TEAM_SECTION_H_
