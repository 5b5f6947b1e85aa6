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

// A survey read through the lexicon: each note's themes, found once.
struct ReadSurvey {
  SurveyReading reading;
  std::vector<std::pair<const model::SurveyFact*, std::vector<int>>>
      notes;  // by id
};

ReadSurvey Read(const std::string& name, const SurveyNotes& survey) {
  ReadSurvey read{.reading = {.survey = name, .last_answer = survey.last}};
  SurveyReading& reading = read.reading;
  std::set<absl::string_view> respondents;
  std::vector<std::set<absl::string_view>> raised(Themes().size());
  int sum = 0;
  int scored = 0;
  for (const model::SurveyFact* note : survey.notes) {
    respondents.insert(note->respondent);
    std::vector<int> themes = ThemesRaisedBy(note->text);
    for (int theme : themes) raised[theme].insert(note->respondent);
    if (note->score > 0) sum += note->score, ++scored;
    read.notes.push_back({note, std::move(themes)});
  }
  std::sort(
      read.notes.begin(), read.notes.end(),
      [](const auto& a, const auto& b) { return a.first->id < b.first->id; });
  reading.respondents = static_cast<int>(respondents.size());
  for (const auto& people : raised)
    reading.raised_by.push_back(static_cast<int>(people.size()));
  reading.mean_answer = scored > 0 ? static_cast<double>(sum) / scored : 0;
  reading.scored_answers = scored;
  reading.score_sum = sum;
  return read;
}

// The `how_many` latest surveys at or before as_of, latest first.
std::vector<ReadSurvey> ReadLatest(const DetectorInput& in, int how_many) {
  std::map<std::string, SurveyNotes> surveys;
  for (const model::SurveyFact& note : in.history.survey_notes) {
    if (note.occurred_at > in.as_of) continue;
    SurveyNotes& s = surveys[note.survey];
    s.last = std::max(s.last, note.occurred_at);
    s.notes.push_back(&note);
  }
  std::vector<std::pair<absl::Time, std::string>> order;
  for (const auto& [name, s] : surveys) order.push_back({s.last, name});
  std::sort(order.rbegin(), order.rend());
  std::vector<ReadSurvey> read;
  for (int i = 0; i < how_many && i < static_cast<int>(order.size()); ++i) {
    read.push_back(Read(order[i].second, surveys.at(order[i].second)));
  }
  return read;
}

}  // namespace

std::vector<SurveyReading> DetectSurveyThemes(const DetectorInput& in,
                                              Findings& out) {
  const config::AnalysisConfig& cfg = in.team.analysis;
  const std::vector<ReadSurvey> read = ReadLatest(in, 2);
  std::vector<SurveyReading> readings;
  for (const ReadSurvey& r : read) readings.push_back(r.reading);
  if (read.empty()) return readings;
  const SurveyReading& latest = read[0].reading;
  const std::optional<SurveyReading> previous =
      read.size() > 1 ? std::optional(read[1].reading) : std::nullopt;
  const bool may_quote =
      latest.respondents >= std::max(3, cfg.quote_min_respondents);

  for (int t = 0; t < static_cast<int>(Themes().size()); ++t) {
    const int raised = latest.raised_by[t];
    // One person raising a theme could be identified: never below 2.
    if (raised < std::max(2, cfg.theme_watch_respondents)) continue;
    const double share = static_cast<double>(raised) / latest.respondents;
    const teamload::v1::Level level = share >= cfg.theme_attention_share
                                          ? teamload::v1::LEVEL_ATTENTION
                                          : teamload::v1::LEVEL_WATCH;
    teamload::v1::Trend trend = teamload::v1::TREND_STEADY;
    std::string before = "";
    if (previous.has_value() && previous->respondents > 0) {
      const double share_before =
          static_cast<double>(previous->raised_by[t]) / previous->respondents;
      trend = share > share_before + 0.1   ? teamload::v1::TREND_RISING
              : share < share_before - 0.1 ? teamload::v1::TREND_FALLING
                                           : teamload::v1::TREND_STEADY;
      // A single person last time is reported as "fewer than 2", not as 1.
      before = previous->raised_by[t] >= 2
                   ? absl::StrFormat(", against %d of %d in %s",
                                     previous->raised_by[t],
                                     previous->respondents, previous->survey)
                   : absl::StrFormat(", against fewer than 2 of %d in %s",
                                     previous->respondents, previous->survey);
    }
    const ThemeDefinition& theme = Themes()[t];
    teamload::v1::Finding finding = MakeFinding(
        "survey_themes", theme.boundary, level, trend,
        absl::StrFormat(
            "%d of %d respondents in %s raised %s%s%s.", raised,
            latest.respondents, latest.survey, theme.name, before,
            may_quote ? "" : " (too few respondents to quote anyone)"),
        absl::StrFormat("%d of %d survey respondents raised %s", raised,
                        latest.respondents, theme.name));
    for (const auto& [note, themes] : read[0].notes) {
      if (!may_quote || finding.evidence().quotes_size() >= 2) break;
      if (std::find(themes.begin(), themes.end(), t) != themes.end()) {
        finding.mutable_evidence()->add_quotes(note->text);
      }
    }
    AddFigure(finding, "respondents_raising_theme", raised, "respondents");
    AddFigure(finding, "respondents", latest.respondents, "respondents");
    out.push_back(std::move(finding));
  }

  // previous mean - latest mean >= 0.5, in integers so an exact half counts.
  if (previous.has_value() && previous->scored_answers > 0 &&
      latest.scored_answers > 0 &&
      2 * (int64_t{previous->score_sum} * latest.scored_answers -
           int64_t{latest.score_sum} * previous->scored_answers) >=
          int64_t{previous->scored_answers} * latest.scored_answers) {
    teamload::v1::Finding finding = MakeFinding(
        "survey_themes", teamload::v1::BOUNDARY_WORKLOAD,
        teamload::v1::LEVEL_WATCH, teamload::v1::TREND_FALLING,
        absl::StrFormat(
            "The mean answer fell from %.1f to %.1f (of 5) between %s and %s.",
            previous->mean_answer, latest.mean_answer, previous->survey,
            latest.survey),
        absl::StrFormat("survey answers fell from %.1f to %.1f of 5",
                        previous->mean_answer, latest.mean_answer));
    AddFigure(finding, "mean_answer", latest.mean_answer, "of 5");
    AddFigure(finding, "mean_answer_before", previous->mean_answer, "of 5");
    out.push_back(std::move(finding));
  }
  if (previous.has_value() && previous->respondents >= 4 &&
      latest.respondents * 2 < previous->respondents) {
    teamload::v1::Finding finding = MakeFinding(
        "survey_themes", teamload::v1::BOUNDARY_SAFETY,
        teamload::v1::LEVEL_WATCH, teamload::v1::TREND_FALLING,
        absl::StrFormat("Only %s answered %s, down from %d in %s: people who "
                        "stop answering "
                        "may have stopped expecting to be heard.",
                        Count(latest.respondents, "person", "people"),
                        latest.survey, previous->respondents, previous->survey),
        absl::StrFormat("only %d of %d people still answer the survey",
                        latest.respondents, previous->respondents));
    AddFigure(finding, "respondents", latest.respondents, "respondents");
    AddFigure(finding, "respondents_before", previous->respondents,
              "respondents");
    out.push_back(std::move(finding));
  }
  return readings;
}

}  // namespace teamload::analysis
