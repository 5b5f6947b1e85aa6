// teamload-jira: reads Jira REST issues (fetched with ?expand=changelog) and
// "Export CSV (all fields)" files, and sends a deferral signal for every
// issue deferred at least once, plus coverage heartbeats for every mapped
// team, to teamloadd.
#include <filesystem>
#include <map>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "collectors/common/api_source.h"
#include "collectors/common/collector_main.h"
#include "collectors/common/team_mapping.h"
#include "collectors/jira/csv_export.h"
#include "collectors/jira/issue.h"
#include "collectors/jira/live.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  CLI::App app{
      "teamload-jira: Jira issues to teamload deferral signals.\n\n"
      "Reads issues from GET /rest/api/2/issue/{key}?expand=changelog and "
      "search pages "
      "({\"issues\": [...]}) from files or folders of .json files. An issue "
      "counts as "
      "deferred once more each time its changelog shows it moved out of (or "
      "carried past) "
      "a sprint, its fix version replaced, or its due date pushed later; a "
      "resolution "
      "closes it. The mapping's jira section maps projects, PROJECT/component "
      "and labels "
      "to teams.\n\n"
      "Also reads .csv files from the issue navigator's Export CSV (all "
      "fields). Without a changelog the CSV shows only the sprints an issue "
      "was in: an issue listed in N sprints was carried over N-1 times; fix "
      "versions and due dates are not read from it."};
  collectors::CollectorFlags flags;
  collectors::AddCollectorFlags(app, flags);
  collectors::jira::CsvExportOptions csv_options;
  std::string csv_zone = "UTC";
  app.add_option("--csv-date-format", csv_options.date_format,
                 "How the CSV export writes dates, in absl::ParseTime / "
                 "strftime terms (the instance's date-time format); RFC 3339 "
                 "is always accepted")
      ->capture_default_str();
  app.add_option("--csv-zone", csv_zone,
                 "Time zone of the CSV export's dates (the exporting user's)")
      ->capture_default_str();
  // Live mode: GET /rest/api/2/search pages of --jql.
  collectors::ApiFlags api;
  collectors::AddApiFlags(app, api, "JIRA_TOKEN", "bearer");
  collectors::jira::SearchQuery search;
  app.add_option("--jql", search.jql,
                 "Live: the issues to fetch, e.g. \"project = PAY ORDER BY "
                 "key\"");
  app.add_option("--page-size", search.max_results, "Live: issues per page")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.footer(
      "\nExamples:\n  teamload-jira --mapping teams.yaml exports/jira/\n"
      "  teamload-jira --mapping teams.yaml --csv-zone Europe/Berlin "
      "Jira.csv\n"
      "  JIRA_TOKEN=... teamload-jira --mapping teams.yaml --api-url "
      "https://jira.example.com --jql \"project = PAY ORDER BY key\"\n");
  if (auto exit_code = collectors::ParseCommandLine(app, argc, argv))
    return *exit_code;
  if (!api.url.empty() && search.jql.empty()) {
    absl::FPrintF(stderr, "teamload-jira: --api-url needs --jql\n");
    return 2;
  }
  if (!absl::LoadTimeZone(csv_zone, &csv_options.zone)) {
    absl::FPrintF(stderr, "teamload-jira: --csv-zone %s: unknown time zone\n",
                  csv_zone);
    return 2;
  }

  absl::StatusOr<collectors::TeamMapping> mapping =
      collectors::TeamMapping::Load(flags.mapping_path);
  if (!mapping.ok()) {
    absl::FPrintF(stderr, "teamload-jira: %s\n", mapping.status().message());
    return 2;
  }
  collectors::jira::Parser parser;
  std::map<std::string, collectors::jira::Issue>
      issues;  // by key; the newest read wins
  collectors::Collected collected;
  const auto read = [&](const std::string& text, const std::string& file) {
    collectors::jira::ParseResult parsed =
        std::filesystem::path(file).extension() == ".csv"
            ? collectors::jira::ParseCsvExport(text, file, csv_options)
            : parser.Parse(text, file);
    collected.records += static_cast<int64_t>(parsed.issues.size());
    for (auto& issue : parsed.issues) {
      collected.newest = std::max(collected.newest, issue.updated_at);
      auto [it, inserted] = issues.try_emplace(issue.key, issue);
      if (!inserted && issue.updated_at >= it->second.updated_at)
        it->second = issue;
    }
    return parsed.errors;
  };
  bool complete = true;
  if (api.url.empty()) {
    collectors::ReadFiles(
        collectors::ExpandInputs(flags.inputs,
                                 std::vector<std::string>{".json", ".csv"}),
        read, collected);
  } else {
    auto client = collectors::NewApiClient("teamload-jira", api,
                                           {"Accept: application/json"});
    if (!client.ok()) {
      absl::FPrintF(stderr, "teamload-jira: %s\n", client.status().message());
      return 2;
    }
    complete = collectors::ReadApiPages(
        "teamload-jira",
        [&](collectors::PageSink sink) {
          return collectors::jira::FetchSearch(**client, api.url, search, sink);
        },
        read, absl::Now(), collected);
  }
  for (const auto& [key, issue] : issues) {
    std::string why;
    std::optional<teamload::v1::Signal> signal =
        collectors::jira::ToSignal(issue, *mapping, &why);
    collectors::KeepMapped(std::move(signal), why, flags, collected);
  }
  return collectors::Deliver("teamload-jira", "jira", flags, *mapping,
                             collected, complete);
}
