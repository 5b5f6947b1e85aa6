#include "daemon/narrative/themes.h"

#include <algorithm>
#include <tuple>

#include "daemon/analysis/survey_themes.h"
#include "google/protobuf/util/time_util.h"

namespace teamload::narrative {
namespace {

teamload::v1::Theme& Entry(
    std::map<std::pair<int, std::string>, teamload::v1::Theme>& themes,
    const config::ThemeConfig& config, teamload::v1::ThemeSource source) {
  teamload::v1::Theme& theme = themes[{source, config.name}];
  theme.set_name(config.name);
  theme.set_source(source);
  theme.set_boundary(analysis::BoundaryOf(config));
  return theme;
}

}  // namespace

void ThemeTally::AddTeam(const config::TeamConfig& team,
                         const analysis::Analysis& analysis) {
  if (analysis.migrations_finished.finished > 0) {
    migrations_.set_finished(migrations_.finished() +
                             analysis.migrations_finished.finished);
    migrations_.set_looked_back_on(migrations_.looked_back_on() +
                                   analysis.migrations_finished.looked_back_on);
    migrations_.add_teams(team.name);
  }
  const config::ThemeCatalog& catalog = *team.themes;
  if (!analysis.surveys.empty() && !analysis.surveys.front().withheld()) {
    const analysis::SurveyReading& latest = analysis.surveys.front();
    for (std::size_t t = 0; t < latest.raised_by.size(); ++t) {
      if (latest.raised_by[t] <
          std::max(2, team.analysis.theme_watch_respondents))
        continue;
      teamload::v1::Theme& theme =
          Entry(themes_, catalog[t], teamload::v1::THEME_SOURCE_SURVEY);
      theme.add_teams(team.name);
      theme.set_respondents(theme.respondents() + latest.raised_by[t]);
    }
  }
  for (std::size_t t = 0; t < analysis.writeups.size(); ++t) {
    if (analysis.writeups[t].empty()) continue;
    teamload::v1::Theme& theme =
        Entry(themes_, catalog[t], teamload::v1::THEME_SOURCE_WRITEUPS);
    theme.add_teams(team.name);
    for (const analysis::WriteupRef& ref : analysis.writeups[t]) {
      teamload::v1::WriteupRef& out = *theme.add_writeups();
      out.set_id(ref.id);
      out.set_team(team.name);
      out.set_title(ref.title);
      *out.mutable_occurred_at() =
          google::protobuf::util::TimeUtil::SecondsToTimestamp(
              absl::ToUnixSeconds(ref.occurred_at));
    }
  }
}

void ThemeTally::Merge(const ThemeTally& other) {
  migrations_.set_finished(migrations_.finished() +
                           other.migrations_.finished());
  migrations_.set_looked_back_on(migrations_.looked_back_on() +
                                 other.migrations_.looked_back_on());
  for (const std::string& team : other.migrations_.teams())
    migrations_.add_teams(team);
  for (const auto& [key, theme] : other.themes_) {
    teamload::v1::Theme& mine = themes_[key];
    const int respondents = mine.respondents() + theme.respondents();
    mine.MergeFrom(theme);  // appends teams and write-ups
    mine.set_respondents(respondents);
  }
}

teamload::v1::ListThemesResponse ThemeTally::Result() const {
  std::vector<teamload::v1::Theme> themes;
  for (const auto& [key, theme] : themes_) {
    // A write-up theme recurs once 2 write-ups raised it, across teams.
    if (theme.source() == teamload::v1::THEME_SOURCE_WRITEUPS &&
        theme.writeups_size() < 2)
      continue;
    themes.push_back(theme);
    std::sort(themes.back().mutable_teams()->begin(),
              themes.back().mutable_teams()->end());
    std::stable_sort(
        themes.back().mutable_writeups()->begin(),
        themes.back().mutable_writeups()->end(),
        [](const auto& a, const auto& b) {
          return std::make_tuple(a.occurred_at().seconds(), a.id()) <
                 std::make_tuple(b.occurred_at().seconds(), b.id());
        });
  }
  std::stable_sort(themes.begin(), themes.end(),
                   [](const auto& a, const auto& b) {
                     if (a.teams_size() != b.teams_size())
                       return a.teams_size() > b.teams_size();
                     if (a.source() != b.source())
                       return a.source() < b.source();
                     return a.name() < b.name();
                   });
  teamload::v1::ListThemesResponse response;
  for (auto& theme : themes) *response.add_themes() = std::move(theme);
  *response.mutable_migrations() = migrations_;
  response.mutable_migrations()->set_period_days(
      analysis::kMigrationPeriodWeeks * 7);
  std::sort(response.mutable_migrations()->mutable_teams()->begin(),
            response.mutable_migrations()->mutable_teams()->end());
  return response;
}

}  // namespace teamload::narrative
