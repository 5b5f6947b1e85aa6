// teamload-jira: reads Jira REST issues (fetched with ?expand=changelog) and
// "Export CSV (all fields)" files, or searches live (--api-url, --jql), and
// sends a deferral signal for every issue deferred at least once and a
// migration signal for every epic carrying --migration-label, plus coverage
// heartbeats for every mapped team, to teamloadd.
#include <filesystem>
#include <map>

#include "absl/strings/str_format.h"
#include "collectors/common/api_source.h"
#include "collectors/common/run_collector.h"
#include "collectors/jira/csv_export.h"
#include "collectors/jira/issue.h"
#include "collectors/jira/live.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  namespace jira = teamload::collectors::jira;
  jira::CsvExportOptions csv_options;
  std::string csv_zone = "UTC";
  jira::SearchQuery search;
  collectors::MigrationLabels migration_options;
  jira::Parser parser;
  std::map<std::string, jira::Issue> issues;  // by key; the newest read wins
  return collectors::RunCollector(
      {
          .source = "jira",
          .description =
              "Jira issues to teamload deferral signals.\n\n"
              "Reads issues from GET /rest/api/2/issue/{key}?expand=changelog "
              "and search pages ({\"issues\": [...]}) from files or folders "
              "of .json files. An issue counts as deferred once more each "
              "time its changelog shows it moved out of (or carried past) a "
              "sprint, its fix version replaced, or its due date pushed "
              "later; a resolution closes it. The mapping's jira section maps "
              "projects, PROJECT/component and labels to teams.\n\n"
              "Also reads .csv files from the issue navigator's Export CSV "
              "(all fields). Without a changelog the CSV shows only the "
              "sprints an issue was in: an issue listed in N sprints was "
              "carried over N-1 times; fix versions and due dates are not "
              "read from it.\n\n"
              "With --migration-label, each epic carrying that label is also "
              "a migration: started when created, planned to end on its due "
              "date, finished when resolved, looked back on when the "
              "--retro-label was added to it.",
          .examples =
              "  teamload-jira --mapping teams.yaml exports/jira/\n"
              "  teamload-jira --mapping teams.yaml --csv-zone Europe/Berlin "
              "Jira.csv\n"
              "  teamload-jira --mapping teams.yaml --migration-label "
              "migration exports/jira/\n"
              "  JIRA_TOKEN=... teamload-jira --mapping teams.yaml --api-url "
              "https://jira.example.com --jql \"project = PAY ORDER BY "
              "key\"\n",
          .extensions = {".json", ".csv"},
          .live =
              collectors::LiveMode{
                  .default_token_env = "JIRA_TOKEN",
                  .default_auth = "bearer",
                  .headers = {"Accept: application/json"},
                  .fetch =
                      [&](collectors::HttpClient& client,
                          const std::string& url, collectors::PageSink sink) {
                        return jira::FetchSearch(client, url, search, sink);
                      },
              },
          .add_flags =
              [&](CLI::App& app) {
                app.add_option("--csv-date-format", csv_options.date_format,
                               "How the CSV export writes dates, in "
                               "absl::ParseTime / strftime terms (the "
                               "instance's date-time format); RFC 3339 is "
                               "always accepted")
                    ->capture_default_str();
                app.add_option("--csv-zone", csv_zone,
                               "Time zone of the CSV export's dates (the "
                               "exporting user's)")
                    ->capture_default_str();
                collectors::AddMigrationLabelFlags(app, migration_options,
                                                   "Epics");
                app.add_option("--jql", search.jql,
                               "Live: the issues to fetch, e.g. \"project = "
                               "PAY ORDER BY key\"");
                collectors::AddPageSizeFlag(app, search.max_results, "issues",
                                            1000);
              },
          .check_flags = [&](bool live) -> absl::Status {
            if (live && search.jql.empty()) {
              return absl::InvalidArgumentError("--api-url needs --jql");
            }
            if (!absl::LoadTimeZone(csv_zone, &csv_options.zone)) {
              return absl::InvalidArgumentError(absl::StrFormat(
                  "--csv-zone %s: unknown time zone", csv_zone));
            }
            return absl::OkStatus();
          },
          .read =
              [&](const std::string& text, const std::string& file,
                  collectors::Collected& collected) {
                jira::ParseResult parsed =
                    std::filesystem::path(file).extension() == ".csv"
                        ? jira::ParseCsvExport(text, file, csv_options)
                        : parser.Parse(text, file);
                collected.records += static_cast<int64_t>(parsed.issues.size());
                for (auto& issue : parsed.issues) {
                  collected.newest =
                      std::max(collected.newest, issue.updated_at);
                  auto [it, inserted] = issues.try_emplace(issue.key, issue);
                  if (!inserted && issue.updated_at >= it->second.updated_at)
                    it->second = issue;
                }
                return parsed.errors;
              },
          .emit =
              [&](const collectors::TeamMapping& mapping,
                  collectors::Collected&, collectors::Keep keep) {
                collectors::KeepEachTwice(
                    issues | std::views::values, mapping, keep, jira::ToSignal,
                    [&](const jira::Issue& issue,
                        const collectors::TeamMapping& mapping,
                        std::string* why) {
                      return jira::ToMigrationSignal(issue, mapping,
                                                     migration_options, why);
                    });
              },
      },
      argc, argv);
}
