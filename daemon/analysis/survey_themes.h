// survey_themes (workload or safety, by theme): the team's latest survey,
// its notes grouped into themes by the lexicon, against the previous survey.
//
//   per theme: WATCH when raised by >= theme_watch_respondents (default 2),
//              ATTENTION when also >= theme_attention_share of respondents
//              (default 40 %)
//   answers:   WATCH when the mean answer fell by 0.5 or more (of 5)
//   silence:   WATCH when fewer than half as many people answered as last time
//
// Privacy: a note is quoted only when its survey had quote_min_respondents
// distinct respondents (default 5, never below 3). Respondents are never
// named, and a theme raised by one person is not reported.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_SURVEY_THEMES_H_
#define TEAMLOAD_DAEMON_ANALYSIS_SURVEY_THEMES_H_

#include <string>
#include <vector>

#include "daemon/analysis/detector.h"

namespace teamload::analysis {

// One survey's answers, read through the lexicon.
struct SurveyReading {
  std::string survey;
  absl::Time last_answer;
  int respondents = 0;
  std::vector<int> raised_by;  // per theme in Themes(): distinct respondents
  double mean_answer = 0;      // over answers with a score (1..5); 0 if none
  int scored_answers = 0;      // answers with a score
  int score_sum = 0;           // their sum, for exact comparisons
};

// Adds the findings to `out` and returns what it read: the latest survey at
// or before as_of and the one before it (surveys are ordered by their last
// answer), latest first.
std::vector<SurveyReading> DetectSurveyThemes(const DetectorInput& in,
                                              Findings& out);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_SURVEY_THEMES_H_
