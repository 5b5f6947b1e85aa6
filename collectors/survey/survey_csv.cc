#include "collectors/survey/survey_csv.h"

#include <filesystem>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "client/signal_builders.h"
#include "collectors/common/csv_reader.h"
#include "collectors/common/timestamps.h"

namespace teamload::collectors::survey {
namespace {

struct Question {
  std::size_t column;
  bool likert;
};

// Where the configured columns are in one file's header.
struct Found {
  std::size_t team, respondent, submitted;
  std::vector<Question> questions;
};

// The columns `columns` names, found in `file`'s header; nullopt after
// adding one error naming every one missing.
std::optional<Found> FindColumns(const CsvFile& file,
                                 const SurveyColumns& columns,
                                 std::vector<RecordError>& errors) {
  std::vector<std::string> missing;
  const auto find = [&](const std::string& name) -> std::size_t {
    std::optional<std::size_t> c = file.Column(name);
    if (!c) missing.push_back(absl::StrCat("\"", name, "\""));
    return c.value_or(0);
  };
  Found found{.team = find(columns.team),
              .respondent = find(columns.respondent),
              .submitted = find(columns.submitted)};
  for (const std::string& q : columns.likert)
    found.questions.push_back({find(q), true});
  for (const std::string& q : columns.text)
    found.questions.push_back({find(q), false});
  if (missing.empty()) return found;
  errors.push_back(
      {file.name, absl::StrFormat("no column %s (the header has: %s)",
                                  absl::StrJoin(missing, ", "),
                                  absl::StrJoin(file.header, ", "))});
  return std::nullopt;
}

}  // namespace

SurveyParse ParseSurvey(absl::string_view csv, absl::string_view file,
                        const SurveyColumns& columns,
                        const RespondentHasher& hasher) {
  SurveyParse out;
  CsvFile table = ReadCsv(csv, file);
  out.errors = std::move(table.errors);
  if (table.header.empty()) return out;
  std::optional<Found> found = FindColumns(table, columns, out.errors);
  if (!found) return out;
  for (const CsvRecord& row : table.records) {
    const auto& fields = row.fields;
    Response response{.line = row.line};
    response.team =
        std::string(absl::StripAsciiWhitespace(fields[found->team]));
    if (response.team.empty()) {
      out.errors.push_back(table.Error(row, found->team, "is empty"));
      continue;
    }
    if (absl::StripAsciiWhitespace(fields[found->respondent]).empty()) {
      out.errors.push_back(table.Error(row, found->respondent, "is empty"));
      continue;
    }
    response.respondent = hasher.Hash(fields[found->respondent]);
    absl::StatusOr<absl::Time> submitted =
        ParseTimestampAs(absl::StripAsciiWhitespace(fields[found->submitted]),
                         columns.submitted_format, columns.zone);
    if (!submitted.ok()) {
      out.errors.push_back(table.Error(
          row, found->submitted, std::string(submitted.status().message())));
      continue;
    }
    response.submitted = *submitted;
    for (const Question& q : found->questions) {
      const std::string& question = table.header[q.column];
      const absl::string_view value =
          absl::StripAsciiWhitespace(fields[q.column]);
      if (value.empty()) continue;  // not answered
      if (!q.likert) {
        response.answers.push_back(
            {.question = question, .text = std::string(value)});
        continue;
      }
      int score = 0;
      if (!absl::SimpleAtoi(value, &score) || score < 1 || score > 5) {
        out.errors.push_back(table.Error(
            row, q.column,
            absl::StrFormat("\"%s\" is not an answer from 1 to 5", value)));
        continue;
      }
      response.answers.push_back({.question = question, .score = score});
    }
    out.responses.push_back(std::move(response));
  }
  return out;
}

std::string SurveyNameOf(absl::string_view file) {
  return std::filesystem::path(std::string(file)).stem().string();
}

std::vector<teamload::v1::Signal> ToSignals(const Response& response,
                                            absl::string_view survey,
                                            const TeamMapping& mapping,
                                            std::string* unmapped) {
  std::optional<std::string> team =
      mapping.TeamFor("survey", "teams", response.team);
  if (!team) {
    *unmapped = response.team;
    return {};
  }
  std::vector<teamload::v1::Signal> signals;
  for (const Answer& answer : response.answers) {
    teamload::v1::Signal signal =
        client::NewSignal("survey",
                          absl::StrCat(survey, ":", response.respondent, ":",
                                       ShortDigest(answer.question)),
                          *team, response.submitted);
    teamload::v1::SurveyNote* note = signal.mutable_survey_note();
    note->set_survey(std::string(survey));
    note->set_respondent(response.respondent);
    note->set_question(answer.question);
    note->set_text(answer.text);
    note->set_score(answer.score);
    signals.push_back(std::move(signal));
  }
  return signals;
}

}  // namespace teamload::collectors::survey
