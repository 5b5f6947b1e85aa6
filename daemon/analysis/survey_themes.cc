#include "daemon/analysis/survey_themes.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "absl/strings/str_format.h"
#include "daemon/analysis/lexicon.h"

namespace teamload::analysis {
namespace {

struct SurveyNotes {
  absl::Time last = absl::InfinitePast();
  std::vector<const model::SurveyFact*> notes;
};

SurveyReading Read(const std::string& name, const SurveyNotes& survey) {
  SurveyReading reading{.survey = name, .last_answer = survey.last};
  std::set<absl::string_view> respondents;
  std::vector<std::set<absl::string_view>> raised(Themes().size());
  double sum = 0;
  int scored = 0;
  for (const model::SurveyFact* note : survey.notes) {
    respondents.insert(note->respondent);
    for (int theme : ThemesRaisedBy(note->text)) raised[theme].insert(note->respondent);
    if (note->score > 0) sum += note->score, ++scored;
  }
  reading.respondents = static_cast<int>(respondents.size());
  for (const auto& people : raised) reading.raised_by.push_back(static_cast<int>(people.size()));
  reading.mean_answer = scored > 0 ? sum / scored : 0;
  return reading;
}

std::map<std::string, SurveyNotes> Group(const DetectorInput& in) {
  std::map<std::string, SurveyNotes> surveys;
  for (const model::SurveyFact& note : in.history.survey_notes) {
    if (note.occurred_at > in.as_of) continue;
    SurveyNotes& s = surveys[note.survey];
    s.last = std::max(s.last, note.occurred_at);
    s.notes.push_back(&note);
  }
  return surveys;
}

std::vector<std::string> LatestNames(const std::map<std::string, SurveyNotes>& surveys,
                                     int how_many) {
  std::vector<std::pair<absl::Time, std::string>> order;
  for (const auto& [name, s] : surveys) order.push_back({s.last, name});
  std::sort(order.rbegin(), order.rend());
  std::vector<std::string> names;
  for (int i = 0; i < how_many && i < static_cast<int>(order.size()); ++i) {
    names.push_back(order[i].second);
  }
  return names;
}

}  // namespace

std::vector<SurveyReading> LatestSurveys(const DetectorInput& in, int how_many) {
  const std::map<std::string, SurveyNotes> surveys = Group(in);
  std::vector<SurveyReading> readings;
  for (const std::string& name : LatestNames(surveys, how_many)) {
    readings.push_back(Read(name, surveys.at(name)));
  }
  return readings;
}

void DetectSurveyThemes(const DetectorInput& in, Findings& out) {
  const config::AnalysisConfig& cfg = in.team.analysis;
  const std::map<std::string, SurveyNotes> surveys = Group(in);
  const std::vector<std::string> names = LatestNames(surveys, 2);
  if (names.empty()) return;
  const SurveyReading latest = Read(names[0], surveys.at(names[0]));
  const std::optional<SurveyReading> previous =
      names.size() > 1 ? std::optional(Read(names[1], surveys.at(names[1]))) : std::nullopt;
  const bool may_quote = latest.respondents >= std::max(3, cfg.quote_min_respondents);

  for (int t = 0; t < static_cast<int>(Themes().size()); ++t) {
    const int raised = latest.raised_by[t];
    if (raised < cfg.theme_watch_respondents) continue;
    const double share = static_cast<double>(raised) / latest.respondents;
    const teamload::v1::Level level = share >= cfg.theme_attention_share
                                          ? teamload::v1::LEVEL_ATTENTION
                                          : teamload::v1::LEVEL_WATCH;
    teamload::v1::Trend trend = teamload::v1::TREND_STEADY;
    std::string before = "";
    if (previous.has_value() && previous->respondents > 0) {
      const double share_before = static_cast<double>(previous->raised_by[t]) / previous->respondents;
      trend = share > share_before + 0.1   ? teamload::v1::TREND_RISING
              : share < share_before - 0.1 ? teamload::v1::TREND_FALLING
                                           : teamload::v1::TREND_STEADY;
      before = absl::StrFormat(", against %d of %d in %s", previous->raised_by[t],
                               previous->respondents, previous->survey);
    }
    const ThemeDefinition& theme = Themes()[t];
    teamload::v1::Finding finding = MakeFinding(
        "survey_themes", theme.boundary, level, trend,
        absl::StrFormat("%d of %d respondents in %s raised %s%s%s.", raised, latest.respondents,
                        latest.survey, theme.name, before,
                        may_quote ? "" : " (too few respondents to quote anyone)"),
        absl::StrFormat("%d of %d survey respondents raised %s", raised, latest.respondents,
                        theme.name));
    std::vector<const model::SurveyFact*> notes = surveys.at(names[0]).notes;
    std::sort(notes.begin(), notes.end(), [](auto* a, auto* b) { return a->id < b->id; });
    for (const model::SurveyFact* note : notes) {
      const std::vector<int> themes = ThemesRaisedBy(note->text);
      if (std::find(themes.begin(), themes.end(), t) == themes.end()) continue;
      if (may_quote && finding.evidence().quotes_size() < 2) {
        finding.mutable_evidence()->add_quotes(note->text);
      }
    }
    AddFigure(finding, "respondents_raising_theme", raised, "respondents");
    AddFigure(finding, "respondents", latest.respondents, "respondents");
    out.push_back(std::move(finding));
  }

  if (previous.has_value() && previous->mean_answer > 0 && latest.mean_answer > 0 &&
      previous->mean_answer - latest.mean_answer >= 0.5) {
    teamload::v1::Finding finding = MakeFinding(
        "survey_themes", teamload::v1::BOUNDARY_WORKLOAD, teamload::v1::LEVEL_WATCH,
        teamload::v1::TREND_FALLING,
        absl::StrFormat("The mean answer fell from %.1f to %.1f (of 5) between %s and %s.",
                        previous->mean_answer, latest.mean_answer, previous->survey,
                        latest.survey),
        absl::StrFormat("survey answers fell from %.1f to %.1f of 5", previous->mean_answer,
                        latest.mean_answer));
    AddFigure(finding, "mean_answer", latest.mean_answer, "of 5");
    AddFigure(finding, "mean_answer_before", previous->mean_answer, "of 5");
    out.push_back(std::move(finding));
  }
  if (previous.has_value() && previous->respondents >= 4 &&
      latest.respondents * 2 < previous->respondents) {
    teamload::v1::Finding finding = MakeFinding(
        "survey_themes", teamload::v1::BOUNDARY_SAFETY, teamload::v1::LEVEL_WATCH,
        teamload::v1::TREND_FALLING,
        absl::StrFormat("Only %s answered %s, down from %d in %s: people who stop answering "
                        "may have stopped expecting to be heard.",
                        Count(latest.respondents, "person", "people"), latest.survey,
                        previous->respondents, previous->survey),
        absl::StrFormat("only %d of %d people still answer the survey", latest.respondents,
                        previous->respondents));
    AddFigure(finding, "respondents", latest.respondents, "respondents");
    AddFigure(finding, "respondents_before", previous->respondents, "respondents");
    out.push_back(std::move(finding));
  }
}

}  // namespace teamload::analysis
