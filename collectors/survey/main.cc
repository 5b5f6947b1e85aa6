// teamload-survey: reads survey CSV exports, and sends one survey_note signal
// per answer (respondents hashed with the deployment's salt before anything
// leaves this process), plus coverage heartbeats for every mapped team, to
// teamloadd.
#include <cstdlib>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "collectors/common/run_collector.h"
#include "collectors/survey/respondent_hash.h"
#include "collectors/survey/survey_csv.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  namespace survey = teamload::collectors::survey;
  survey::SurveyColumns columns;
  std::string survey_name;
  std::string salt_file;
  std::string zone_name = "UTC";
  std::unique_ptr<survey::RespondentHasher> hasher;  // once the salt is read
  // Every response read, with its survey round's name.
  std::vector<std::pair<std::string, survey::Response>> responses;
  return collectors::RunCollector(
      {
          .source = "survey",
          .description =
              "survey CSV exports to teamload survey_note signals.\n\n"
              "Reads CSV files (or folders of .csv files) with a header row. "
              "Name the columns that hold the team, the respondent and the "
              "submission time, and the question columns: --likert for "
              "answers 1 to 5, --text for free text. Each non-empty answer "
              "becomes one note. Respondents are hashed with HMAC-SHA256 and "
              "a per-deployment salt (TEAMLOAD_SURVEY_SALT or --salt-file) "
              "before anything is sent, printed or logged. The mapping's "
              "survey.teams maps the team column's values to teams. One file "
              "is one survey round, named after the file unless --survey "
              "says otherwise; reading a file again sends nothing new, and a "
              "respondent who answered twice counts with their latest answer.",
          .examples =
              "  export TEAMLOAD_SURVEY_SALT=\"$(cat "
              "/etc/teamload/survey-salt)\"\n"
              "  teamload-survey --mapping teams.yaml --team-column Team \\\n"
              "    --respondent-column 'Email Address' --submitted-column "
              "Timestamp \\\n"
              "    --likert 'How sustainable is your workload?' \\\n"
              "    --text 'What gets in your way?' exports/pulse-2026-11.csv\n",
          .extensions = {".csv"},
          .add_flags =
              [&](CLI::App& app) {
                app.add_option("--team-column", columns.team,
                               "Column with the team (values mapped by "
                               "survey.teams)")
                    ->required();
                app.add_option("--respondent-column", columns.respondent,
                               "Column that identifies the respondent (e.g. "
                               "the e-mail address); only its salted hash "
                               "leaves this process")
                    ->required();
                app.add_option("--submitted-column", columns.submitted,
                               "Column with the submission time")
                    ->required();
                app.add_option("--likert", columns.likert,
                               "A question column answered 1 to 5 (repeat "
                               "for each)");
                app.add_option("--text", columns.text,
                               "A free-text question column (repeat for "
                               "each)");
                app.add_option("--submitted-format", columns.submitted_format,
                               "How the submission time is written, in "
                               "absl::ParseTime / strftime terms, e.g. "
                               "\"%m/%d/%Y %H:%M:%S\" for Google Forms in the "
                               "US; RFC 3339 and \"YYYY-MM-DD HH:MM:SS\" are "
                               "always accepted");
                app.add_option("--zone", zone_name,
                               "Time zone of submission times written "
                               "without one")
                    ->capture_default_str();
                app.add_option("--survey", survey_name,
                               "Survey round name for every file (default: "
                               "each file's name without .csv)");
                app.add_option("--salt-file", salt_file,
                               "File holding the salt, instead of "
                               "TEAMLOAD_SURVEY_SALT");
              },
          .check_flags = [&](bool) -> absl::Status {
            if (columns.likert.empty() && columns.text.empty()) {
              return absl::InvalidArgumentError(
                  "name at least one question column with --likert or "
                  "--text");
            }
            if (!absl::LoadTimeZone(zone_name, &columns.zone)) {
              return absl::InvalidArgumentError(
                  absl::StrFormat("--zone %s: unknown time zone", zone_name));
            }
            absl::StatusOr<std::string> salt =
                survey::LoadSalt(std::getenv(survey::kSaltVariable), salt_file);
            if (!salt.ok()) return salt.status();
            hasher =
                std::make_unique<survey::RespondentHasher>(*std::move(salt));
            return absl::OkStatus();
          },
          .read =
              [&](const std::string& text, const std::string& file,
                  collectors::Collected& collected) {
                survey::SurveyParse parsed =
                    survey::ParseSurvey(text, file, columns, *hasher);
                const std::string name = survey_name.empty()
                                             ? survey::SurveyNameOf(file)
                                             : survey_name;
                collected.records +=
                    static_cast<int64_t>(parsed.responses.size());
                for (survey::Response& response : parsed.responses) {
                  collected.newest =
                      std::max(collected.newest, response.submitted);
                  responses.emplace_back(name, std::move(response));
                }
                return parsed.errors;
              },
          .emit =
              [&](const collectors::TeamMapping& mapping,
                  collectors::Collected& collected, collectors::Keep) {
                std::map<std::string, teamload::v1::Signal> notes;  // by id
                std::map<std::string, int64_t> unmapped;  // by team value
                for (const auto& [name, response] : responses) {
                  std::string team_value;
                  for (teamload::v1::Signal& signal : survey::ToSignals(
                           response, name, mapping, &team_value)) {
                    // A respondent who answered twice: the latest wins.
                    auto [it, inserted] =
                        notes.try_emplace(signal.id(), signal);
                    if (!inserted && signal.occurred_at().seconds() >=
                                         it->second.occurred_at().seconds()) {
                      it->second = std::move(signal);
                    }
                  }
                  if (!team_value.empty()) ++unmapped[team_value];
                }
                for (const auto& [team_value, count] : unmapped) {
                  absl::FPrintF(stderr,
                                "unmapped: survey team \"%s\" (%d responses) "
                                "belongs to no team in %s\n",
                                team_value, count, mapping.file());
                  collected.unmapped += count;
                }
                for (auto& [id, signal] : notes) {
                  collected.signals.push_back(std::move(signal));
                }
              },
      },
      argc, argv);
}
