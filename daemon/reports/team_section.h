// TeamSection: what a report shows of one team: its narrative as of the
// report's moment and its weekly series for the charts.
#ifndef TEAMLOAD_DAEMON_REPORTS_TEAM_SECTION_H_
#define TEAMLOAD_DAEMON_REPORTS_TEAM_SECTION_H_

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

struct TeamSection {
  std::string team;
  teamload::v1::Narrative narrative;  // with its Markdown
  std::vector<WeekPoint> weeks;       // kReportWeeks, oldest first
  // How its pages merge into interruptions, in words
  // (analysis::MergeRule): "pages within 60 s of the one before count as
  // one".
  std::string merge_rule;
  narrative::ThemeTally themes;       // this team's, for the overview
};

// Tells each of the report's teams' story as of `as_of`, in the report's
// team order. Holds the model's lock one team at a time.
// NOT_FOUND when a team is not in the model.
absl::StatusOr<std::vector<TeamSection>> CollectSections(
    const config::ReportConfig& report, const model::Model& model,
    absl::Time as_of);

// One team's section from its config and history. Pure.
TeamSection MakeSection(const config::TeamConfig& team,
                        const model::TeamHistory& history, absl::Time as_of);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_TEAM_SECTION_H_
