// Survey CSV exports (Google Forms, Microsoft Forms, SurveyMonkey and the
// like) to survey_note signals. Pure: bytes in, no I/O.
//
// A header row names the columns; the operator says which are which
// (SurveyColumns): the team, the respondent, when the response was
// submitted, Likert questions (answers 1 to 5) and free-text questions.
// Every non-empty answer becomes one note, as the survey_themes detector
// reads them: a Likert answer as its score, a free-text answer as its text.
//
// The respondent is hashed (RespondentHasher) while the row is read: the raw
// id is in no Response, signal or error message.
//
// Bad input: a missing configured column skips the file; a row without a
// team, respondent or readable submitted time is skipped; a Likert answer
// that is not a whole number from 1 to 5 is reported with its line and
// column, and the row's other answers still count.
//
// Thread-compatible: the functions keep no state.
#ifndef TEAMLOAD_COLLECTORS_SURVEY_SURVEY_CSV_H_
#define TEAMLOAD_COLLECTORS_SURVEY_SURVEY_CSV_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/record_error.h"
#include "collectors/common/team_mapping.h"
#include "collectors/survey/respondent_hash.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors::survey {

// Which columns are which, by header name.
struct SurveyColumns {
  std::string team;
  std::string respondent;
  std::string submitted;
  std::vector<std::string> likert;  // answers 1..5
  std::vector<std::string> text;    // free text
  // How the submitted column writes times (absl::ParseTime), tried before
  // RFC 3339 and "YYYY-MM-DD HH:MM:SS"; empty for those alone.
  std::string submitted_format;
  absl::TimeZone zone = absl::UTCTimeZone();  // for times without a zone
};

struct Answer {
  std::string question;  // the column's name
  int score = 0;         // 1..5 for a Likert answer, else 0
  std::string text;      // for a free-text answer
};

struct Response {
  int64_t line = 0;
  std::string team;        // the team column's value, trimmed
  std::string respondent;  // hashed
  absl::Time submitted;
  std::vector<Answer> answers;  // the non-empty ones
};

struct SurveyParse {
  std::vector<Response> responses;
  std::vector<RecordError> errors;
};

SurveyParse ParseSurvey(absl::string_view csv, absl::string_view file,
                        const SurveyColumns& columns,
                        const RespondentHasher& hasher);

// The survey name a file stands for when none is given: its stem
// ("exports/pulse-2026-11.csv" is "pulse-2026-11").
std::string SurveyNameOf(absl::string_view file);

// One survey_note per answer, with the id
// "survey:<survey>:<respondent hash>:<ShortDigest(question)>", so that
// reading the export again is a duplicate and a respondent answering again
// revises their answer. Empty, with `unmapped` set to the team value, when
// the mapping's survey.teams has no team for it.
std::vector<teamload::v1::Signal> ToSignals(const Response& response,
                                            absl::string_view survey,
                                            const TeamMapping& mapping,
                                            std::string* unmapped);

}  // namespace teamload::collectors::survey

#endif  // TEAMLOAD_COLLECTORS_SURVEY_SURVEY_CSV_H_
