// teamload-github: reads GitHub issues lists, issue events lists and issues
// webhooks from files, and sends a deferral signal for every issue deferred
// at least once, plus coverage heartbeats for every mapped team, to
// teamloadd.
#include <set>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "collectors/common/collector_main.h"
#include "collectors/common/team_mapping.h"
#include "collectors/github/issue_history.h"
#include "collectors/github/parser.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  namespace github = teamload::collectors::github;
  CLI::App app{
      "teamload-github: GitHub issues to teamload deferral signals.\n\n"
      "Reads issues lists (GET /repos/{owner}/{repo}/issues?state=all), issue "
      "events lists (GET /repos/{owner}/{repo}/issues/events, or "
      "/issues/{number}/events saved as <owner>/<repo>/issues/<number>/"
      "events.json) and issues webhook payloads from files or folders of "
      ".json files. An issue counts as deferred once more for each "
      "demilestoned event and each time a --deferral-label is added while "
      "it is open; closing it resolves the deferral. Pull requests are left "
      "out. The mapping's github section maps labels, then repositories "
      "(owner/repo), to teams."};
  collectors::CollectorFlags flags;
  collectors::AddCollectorFlags(app, flags);
  std::vector<std::string> deferral_labels;
  app.add_option("--deferral-label", deferral_labels,
                 "A label that defers an issue when added (repeatable, e.g. "
                 "deferred, tech-debt); none by default")
      ->allow_extra_args(false);
  app.footer(
      "\nExample:\n  teamload-github --mapping teams.yaml --deferral-label "
      "deferred exports/github/\n");
  CLI11_PARSE(app, argc, argv);

  absl::StatusOr<collectors::TeamMapping> mapping =
      collectors::TeamMapping::Load(flags.mapping_path);
  if (!mapping.ok()) {
    absl::FPrintF(stderr, "teamload-github: %s\n", mapping.status().message());
    return 2;
  }
  github::Parser parser;
  github::IssueHistory history(
      std::set<std::string>(deferral_labels.begin(), deferral_labels.end()));
  collectors::Collected collected;
  // One document (a file today, a fetched page later) into the history.
  const auto take = [&](const std::string& text, const std::string& name) {
    github::ParseResult parsed = parser.Parse(text, name);
    collected.records += parsed.records;
    history.Add(parsed);
    return parsed.errors;
  };
  collectors::ReadFiles(collectors::ExpandInputs(flags.inputs, ".json"), take,
                        collected);
  collected.newest = history.newest();
  for (const github::Issue& issue : history.Issues()) {
    std::string why;
    if (auto signal = github::ToSignal(issue, *mapping, &why)) {
      collected.signals.push_back(std::move(*signal));
    } else if (!why.empty()) {
      absl::FPrintF(stderr, "unmapped: %s belongs to no team in %s\n", why,
                    flags.mapping_path);
      ++collected.unmapped;
    }
  }
  if (history.duplicate_events() > 0) {
    absl::FPrintF(stderr,
                  "teamload-github: %d events read more than once, counted "
                  "once\n",
                  history.duplicate_events());
  }
  collected.coverage_teams = mapping->TeamsOf("github");
  return collectors::Deliver("teamload-github", "github", flags, collected);
}
