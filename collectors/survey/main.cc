// teamload-survey: reads survey CSV exports, and sends one survey_note signal
// per answer (respondents hashed with the deployment's salt before anything
// leaves this process), plus coverage heartbeats for every mapped team, to
// teamloadd.
#include <cstdlib>
#include <map>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "collectors/common/collector_main.h"
#include "collectors/common/team_mapping.h"
#include "collectors/survey/respondent_hash.h"
#include "collectors/survey/survey_csv.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  namespace survey = teamload::collectors::survey;
  CLI::App app{
      "teamload-survey: survey CSV exports to teamload survey_note signals.\n\n"
      "Reads CSV files (or folders of .csv files) with a header row. Name the "
      "columns that hold the team, the respondent and the submission time, "
      "and the question columns: --likert for answers 1 to 5, --text for free "
      "text. Each non-empty answer becomes one note. Respondents are hashed "
      "with HMAC-SHA256 and a per-deployment salt (TEAMLOAD_SURVEY_SALT or "
      "--salt-file) before anything is sent, printed or logged. The "
      "mapping's survey.teams maps the team column's values to teams. One "
      "file is one survey round, named after the file unless --survey says "
      "otherwise; reading a file again sends nothing new, and a respondent "
      "who answered twice counts with their latest answer."};
  collectors::CollectorFlags flags;
  collectors::AddCollectorFlags(app, flags);
  survey::SurveyColumns columns;
  std::string survey_name;
  std::string salt_file;
  std::string zone_name = "UTC";
  app.add_option("--team-column", columns.team,
                 "Column with the team (values mapped by survey.teams)")
      ->required();
  app.add_option("--respondent-column", columns.respondent,
                 "Column that identifies the respondent (e.g. the e-mail "
                 "address); only its salted hash leaves this process")
      ->required();
  app.add_option("--submitted-column", columns.submitted,
                 "Column with the submission time")
      ->required();
  app.add_option("--likert", columns.likert,
                 "A question column answered 1 to 5 (repeat for each)");
  app.add_option("--text", columns.text,
                 "A free-text question column (repeat for each)");
  app.add_option("--submitted-format", columns.submitted_format,
                 "How the submission time is written, in absl::ParseTime / "
                 "strftime terms, e.g. \"%m/%d/%Y %H:%M:%S\" for Google Forms "
                 "in the US; RFC 3339 and \"YYYY-MM-DD HH:MM:SS\" are always "
                 "accepted");
  app.add_option("--zone", zone_name,
                 "Time zone of submission times written without one")
      ->capture_default_str();
  app.add_option("--survey", survey_name,
                 "Survey round name for every file (default: each file's name "
                 "without .csv)");
  app.add_option("--salt-file", salt_file,
                 "File holding the salt, instead of TEAMLOAD_SURVEY_SALT");
  app.footer(
      "\nExample:\n"
      "  export TEAMLOAD_SURVEY_SALT=\"$(cat /etc/teamload/survey-salt)\"\n"
      "  teamload-survey --mapping teams.yaml --team-column Team \\\n"
      "    --respondent-column 'Email Address' --submitted-column Timestamp "
      "\\\n"
      "    --likert 'How sustainable is your workload?' \\\n"
      "    --text 'What gets in your way?' exports/pulse-2026-11.csv\n");
  if (auto exit_code = collectors::ParseCommandLine(app, argc, argv))
    return *exit_code;

  if (columns.likert.empty() && columns.text.empty()) {
    absl::FPrintF(stderr,
                  "teamload-survey: name at least one question column with "
                  "--likert or --text\n");
    return 2;
  }
  if (!absl::LoadTimeZone(zone_name, &columns.zone)) {
    absl::FPrintF(stderr, "teamload-survey: --zone %s: unknown time zone\n",
                  zone_name);
    return 2;
  }
  absl::StatusOr<std::string> salt =
      survey::LoadSalt(std::getenv(survey::kSaltVariable), salt_file);
  if (!salt.ok()) {
    absl::FPrintF(stderr, "teamload-survey: %s\n", salt.status().message());
    return 2;
  }
  const survey::RespondentHasher hasher(*std::move(salt));
  absl::StatusOr<collectors::TeamMapping> mapping =
      collectors::TeamMapping::Load(flags.mapping_path);
  if (!mapping.ok()) {
    absl::FPrintF(stderr, "teamload-survey: %s\n", mapping.status().message());
    return 2;
  }

  std::map<std::string, teamload::v1::Signal> notes;  // by id; latest wins
  std::map<std::string, int64_t> unmapped;            // responses by team value
  collectors::Collected collected;
  collectors::ReadFiles(
      collectors::ExpandInputs(flags.inputs, ".csv"),
      [&](const std::string& text, const std::string& file) {
        survey::SurveyParse parsed =
            survey::ParseSurvey(text, file, columns, hasher);
        const std::string name =
            survey_name.empty() ? survey::SurveyNameOf(file) : survey_name;
        collected.records += static_cast<int64_t>(parsed.responses.size());
        for (const survey::Response& response : parsed.responses) {
          collected.newest = std::max(collected.newest, response.submitted);
          std::string team_value;
          for (teamload::v1::Signal& signal :
               survey::ToSignals(response, name, *mapping, &team_value)) {
            auto [it, inserted] = notes.try_emplace(signal.id(), signal);
            if (!inserted && signal.occurred_at().seconds() >=
                                 it->second.occurred_at().seconds()) {
              it->second = std::move(signal);
            }
          }
          if (!team_value.empty()) ++unmapped[team_value];
        }
        return parsed.errors;
      },
      collected);
  for (const auto& [team_value, responses] : unmapped) {
    absl::FPrintF(stderr,
                  "unmapped: survey team \"%s\" (%d responses) belongs to no "
                  "team in %s\n",
                  team_value, responses, flags.mapping_path);
    collected.unmapped += responses;
  }
  for (auto& [id, signal] : notes)
    collected.signals.push_back(std::move(signal));
  return collectors::Deliver("teamload-survey", "survey", flags, *mapping,
                             collected);
}
