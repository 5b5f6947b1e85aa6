// ThemeTally: qualitative themes across teams, for ListThemes and the
// report's overview.
//
// Survey themes ("missing shared context raised in 4 teams") follow the
// narratives' privacy rules (analysis/survey_themes.h): a team counts only
// when its latest survey may be reported on its own, and there 2 or more
// people raised the theme, so adding or leaving out one team (a prefix of
// teams against one team) changes a result by a whole reportable survey.
// Write-up themes count the write-ups of the last 16 weeks that raised them,
// across teams; a theme is listed once 2 or more did, with each write-up.
// Migrations count those finished in the last analysis::kMigrationPeriodWeeks
// and, of those, the ones looked back on (a retrospective written).
//
// Not thread-safe: one tally per request.
#ifndef TEAMLOAD_DAEMON_NARRATIVE_THEMES_H_
#define TEAMLOAD_DAEMON_NARRATIVE_THEMES_H_

#include <map>
#include <string>
#include <vector>

#include "daemon/analysis/analyze.h"
#include "daemon/config/config.h"
#include "teamload/v1/narrative.pb.h"

namespace teamload::narrative {

class ThemeTally {
 public:
  void AddTeam(const config::TeamConfig& team,
               const analysis::Analysis& analysis);
  // Adds what `other` counted, from teams this tally has not counted.
  void Merge(const ThemeTally& other);
  // Themes found, most teams first, then by name; write-up themes after
  // survey themes when the counts tie.
  teamload::v1::ListThemesResponse Result() const;

 private:
  // By source and name: teams may share a catalog or not.
  std::map<std::pair<int, std::string>, teamload::v1::Theme> themes_;
  teamload::v1::MigrationsLookedBack migrations_;
};

}  // namespace teamload::narrative

#endif  // TEAMLOAD_DAEMON_NARRATIVE_THEMES_H_
