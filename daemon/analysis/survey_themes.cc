#include "daemon/analysis/survey_themes.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "absl/strings/str_format.h"
#include "daemon/themes/reader.h"

namespace teamload::analysis {
namespace {

struct SurveyNotes {
  absl::Time last = absl::InfinitePast();
  std::vector<const model::SurveyFact*> notes;
};

// A survey read as far as it may be: the reading, and the counted notes by
// id for quotes.
struct ReadSurvey {
  SurveyReading reading;
  std::vector<const model::SurveyFact*> counted_notes;  // by id
};

ReadSurvey Read(const std::string& name, const SurveyNotes& survey,
                std::size_t themes, int min_respondents) {
  ReadSurvey read{.reading = {.survey = name,
                              .last_answer = survey.last,
                              .raised_by = std::vector<int>(themes)}};
  SurveyReading& reading = read.reading;
  // Each respondent's first answer, then respondents in that order.
  std::map<absl::string_view, std::pair<absl::Time, absl::string_view>> first;
  for (const model::SurveyFact* note : survey.notes) {
    auto [at, inserted] =
        first.try_emplace(note->respondent, note->occurred_at, note->id);
    at->second = std::min(at->second, std::pair<absl::Time, absl::string_view>(
                                          note->occurred_at, note->id));
  }
  std::vector<std::tuple<absl::Time, absl::string_view, absl::string_view>>
      order;
  for (const auto& [respondent, when] : first)
    order.push_back({when.first, when.second, respondent});
  std::sort(order.begin(), order.end());
  reading.respondents = static_cast<int>(order.size());
  reading.counted = reading.respondents / min_respondents * min_respondents;
  std::set<absl::string_view> counted;
  for (int i = 0; i < reading.counted; ++i)
    counted.insert(std::get<2>(order[i]));

  std::vector<std::set<absl::string_view>> raised(themes);
  for (const model::SurveyFact* note : survey.notes) {
    if (!counted.contains(note->respondent)) continue;
    read.counted_notes.push_back(note);
    for (std::size_t t = 0; t < themes; ++t) {
      if (!themes::Raises(note->themes, t)) continue;
      raised[t].insert(note->respondent);
    }
    if (note->score > 0)
      reading.score_sum += note->score, ++reading.scored_answers;
  }
  std::sort(read.counted_notes.begin(), read.counted_notes.end(),
            [](const auto* a, const auto* b) { return a->id < b->id; });
  for (std::size_t t = 0; t < themes; ++t) {
    reading.raised_by[t] = static_cast<int>(raised[t].size());
  }
  reading.mean_answer =
      reading.scored_answers > 0
          ? static_cast<double>(reading.score_sum) / reading.scored_answers
          : 0;
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
    read.push_back(Read(order[i].second, surveys.at(order[i].second),
                        in.team.themes->size(),
                        MinRespondents(in.team.analysis)));
  }
  return read;
}

// ", against 3 of 10 in pulse-10", or "" without a readable survey before.
std::string Against(const std::optional<SurveyReading>& previous, int t) {
  if (!previous.has_value() || previous->withheld()) return "";
  // A single person last time is reported as "fewer than 2", not as 1.
  return previous->raised_by[t] >= 2
             ? absl::StrFormat(", against %d of %d in %s",
                               previous->raised_by[t], previous->counted,
                               previous->survey)
             : absl::StrFormat(", against fewer than 2 of %d in %s",
                               previous->counted, previous->survey);
}

}  // namespace

int MinRespondents(const config::AnalysisConfig& config) {
  return std::max(3, config.quote_min_respondents);
}

std::vector<SurveyReading> DetectSurveyThemes(const DetectorInput& in,
                                              Findings& out) {
  const config::AnalysisConfig& cfg = in.team.analysis;
  const config::ThemeCatalog& catalog = *in.team.themes;
  const std::vector<ReadSurvey> read = ReadLatest(in, 2);
  std::vector<SurveyReading> readings;
  for (const ReadSurvey& r : read) readings.push_back(r.reading);
  if (read.empty()) return readings;
  const SurveyReading& latest = read[0].reading;
  const std::optional<SurveyReading> previous =
      read.size() > 1 ? std::optional(read[1].reading) : std::nullopt;

  for (int t = 0; t < static_cast<int>(catalog.size()) && !latest.withheld();
       ++t) {
    const int raised = latest.raised_by[t];
    // One person raising a theme could be identified: never below 2.
    if (raised < std::max(2, cfg.theme_watch_respondents)) continue;
    const double share = static_cast<double>(raised) / latest.counted;
    const teamload::v1::Level level = share >= cfg.theme_attention_share
                                          ? teamload::v1::LEVEL_ATTENTION
                                          : teamload::v1::LEVEL_WATCH;
    teamload::v1::Trend trend = teamload::v1::TREND_STEADY;
    if (previous.has_value() && !previous->withheld()) {
      const double share_before =
          static_cast<double>(previous->raised_by[t]) / previous->counted;
      trend = share > share_before + 0.1   ? teamload::v1::TREND_RISING
              : share < share_before - 0.1 ? teamload::v1::TREND_FALLING
                                           : teamload::v1::TREND_STEADY;
    }
    const std::string partly =
        latest.counted < latest.respondents
            ? absl::StrFormat(
                  " (%d answered; answers count in groups of %d "
                  "so that no one's answer can be told apart)",
                  latest.respondents, MinRespondents(cfg))
            : "";
    const config::ThemeConfig& theme = catalog[t];
    teamload::v1::Finding finding =
        MakeFinding("survey_themes", BoundaryOf(theme), level, trend,
                    absl::StrFormat("%d of %d respondents in %s raised %s%s%s.",
                                    raised, latest.counted, latest.survey,
                                    theme.name, Against(previous, t), partly),
                    absl::StrFormat("%d of %d survey respondents raised %s",
                                    raised, latest.counted, theme.name));
    for (const model::SurveyFact* note : read[0].counted_notes) {
      if (finding.evidence().quotes_size() >= 2) break;
      if (themes::Raises(note->themes, t))
        finding.mutable_evidence()->add_quotes(note->text);
    }
    AddFigure(finding, "respondents_raising_theme", raised, "respondents");
    AddFigure(finding, "respondents", latest.counted, "respondents");
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
                        "stop answering may have stopped expecting to be "
                        "heard.",
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

std::vector<teamload::v1::BlindSpot> WithheldSurveys(
    const config::AnalysisConfig& config,
    const std::vector<SurveyReading>& surveys) {
  std::vector<teamload::v1::BlindSpot> spots;
  if (surveys.empty() || !surveys.front().withheld()) return spots;
  const SurveyReading& latest = surveys.front();
  const bool fewer =
      surveys.size() > 1 && surveys[1].respondents > latest.respondents;
  const std::string before =
      fewer ? absl::StrFormat(", down from %d in %s", surveys[1].respondents,
                              surveys[1].survey)
            : "";
  teamload::v1::BlindSpot& spot = spots.emplace_back();
  spot.set_source(kWithheldSurveySource);
  spot.set_summary(absl::StrFormat(
      "Only %s answered %s%s, fewer than %d: what they wrote and scored is "
      "withheld so that no one's answer can be told apart.",
      Count(latest.respondents, "person", "people"), latest.survey, before,
      MinRespondents(config)));
  return spots;
}

}  // namespace teamload::analysis
