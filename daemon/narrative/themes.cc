#include "daemon/narrative/themes.h"

#include <algorithm>

#include "daemon/analysis/lexicon.h"

namespace teamload::narrative {

void ThemeTally::AddTeam(const config::TeamConfig& team,
                         const analysis::Analysis& analysis) {
  if (analysis.surveys.empty()) return;
  const analysis::SurveyReading& latest = analysis.surveys.front();
  const bool may_count =
      latest.respondents >= std::max(3, team.analysis.quote_min_respondents);
  for (int t = 0; t < static_cast<int>(latest.raised_by.size()); ++t) {
    if (latest.raised_by[t] <
        std::max(2, team.analysis.theme_watch_respondents))
      continue;
    teamload::v1::Theme& theme = themes_[t];
    theme.set_name(analysis::Themes()[t].name);
    theme.add_teams(team.name);
    if (may_count)
      theme.set_respondents(theme.respondents() + latest.raised_by[t]);
  }
}

teamload::v1::ListThemesResponse ThemeTally::Result() const {
  std::vector<teamload::v1::Theme> themes;
  for (const auto& [index, theme] : themes_) {
    themes.push_back(theme);
    std::sort(themes.back().mutable_teams()->begin(),
              themes.back().mutable_teams()->end());
  }
  std::stable_sort(themes.begin(), themes.end(),
                   [](const auto& a, const auto& b) {
                     if (a.teams_size() != b.teams_size())
                       return a.teams_size() > b.teams_size();
                     return a.name() < b.name();
                   });
  teamload::v1::ListThemesResponse response;
  for (auto& theme : themes) *response.add_themes() = std::move(theme);
  return response;
}

}  // namespace teamload::narrative
