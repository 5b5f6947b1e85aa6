// survey_themes (workload, economic or safety, by theme): the team's latest
// survey, its answers read for the team's themes (themes::Reader, when they
// arrived), against the previous survey.
//
//   per theme: WATCH when raised by >= theme_watch_respondents (default 2),
//              ATTENTION when also >= theme_attention_share of respondents
//              (default 40 %)
//   answers:   WATCH when the mean answer fell by 0.5 or more (of 5)
//   silence:   WATCH when fewer than half as many people answered as last time
//
// Privacy, m = quote_min_respondents (default 5, never below 3): nothing
// derived from a survey's answers (theme counts, means, their changes,
// quotes, which answers raised a theme) is reported unless m people
// answered it; the number who answered always may be. And answers count in
// whole groups of m, in the order people first answered: a survey 7 people
// answered is read from its first 5, so two readings at two moments differ
// by at least m people or not at all, and no one's answer shows in the
// difference. A theme raised by one person is never reported. A finding
// cites the answers by quoting them, never by signal id: survey signal ids
// carry the respondent's pseudonym (survey:NAME:RESPONDENT:QUESTION), which
// would tie one person's answers together across surveys.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_SURVEY_THEMES_H_
#define TEAMLOAD_DAEMON_ANALYSIS_SURVEY_THEMES_H_

#include <string>
#include <vector>

#include "daemon/analysis/detector.h"

namespace teamload::analysis {

// One survey's answers, as far as they may be reported.
struct SurveyReading {
  std::string survey;
  absl::Time last_answer;
  int respondents = 0;  // everyone who answered by as_of
  // The respondents whose answers count (a multiple of m); 0 when fewer
  // than m answered: then every figure below is 0 and the answers withheld.
  int counted = 0;
  std::vector<int> raised_by;  // per theme of the catalog: counted people
  double mean_answer = 0;  // over counted answers with a score (1..5)
  int scored_answers = 0;  // counted answers with a score
  int score_sum = 0;       // their sum, for exact comparisons

  bool withheld() const { return counted == 0; }
};

// The smallest number of respondents a survey needs to be reported.
int MinRespondents(const config::AnalysisConfig& config);

// Adds the findings to `out` and returns what it read: the latest survey at
// or before as_of and the one before it (surveys are ordered by their last
// answer), latest first.
std::vector<SurveyReading> DetectSurveyThemes(const DetectorInput& in,
                                              Findings& out);

// The source a withheld survey's blind spot names ("we cannot see survey
// answers").
inline constexpr char kWithheldSurveySource[] = "survey answers";

// The blind spot of a latest survey too few answered: its answers are
// withheld, and the story says so rather than "steady". Empty otherwise.
std::vector<teamload::v1::BlindSpot> WithheldSurveys(
    const config::AnalysisConfig& config,
    const std::vector<SurveyReading>& surveys);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_SURVEY_THEMES_H_
