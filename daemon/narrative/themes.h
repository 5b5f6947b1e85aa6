// ThemeTally: qualitative themes seen across teams' latest surveys ("missing
// shared context raised in 4 teams"), under the same privacy rule as the
// narratives: a theme raised by a single person in a team is not reported,
// and respondent counts come only from surveys large enough to quote.
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
  // Themes raised in at least one team, most teams first, then by name.
  teamload::v1::ListThemesResponse Result() const;

 private:
  std::map<int, teamload::v1::Theme>
      themes_;  // by index into analysis::Themes()
};

}  // namespace teamload::narrative

#endif  // TEAMLOAD_DAEMON_NARRATIVE_THEMES_H_
