// teamload-github: reads GitHub issues lists, issue events lists and issues
// webhooks from files, or the lists live from the REST API (--api-url), and
// sends a deferral signal for every issue deferred
// at least once, plus coverage heartbeats for every mapped team, to
// teamloadd.
#include <algorithm>
#include <set>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "collectors/common/api_source.h"
#include "collectors/common/collector_main.h"
#include "collectors/common/team_mapping.h"
#include "collectors/common/timestamps.h"
#include "collectors/github/issue_history.h"
#include "collectors/github/live.h"
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
      "(owner/repo), to teams. With --api-url it fetches both lists of each "
      "--repo, following the Link header's rel=\"next\"."};
  collectors::CollectorFlags flags;
  collectors::AddCollectorFlags(app, flags);
  std::vector<std::string> deferral_labels;
  app.add_option("--deferral-label", deferral_labels,
                 "A label that defers an issue when added (repeatable, e.g. "
                 "deferred, tech-debt); none by default")
      ->allow_extra_args(false);
  // Live mode: GET .../issues and .../issues/events of every --repo.
  collectors::ApiFlags api;
  collectors::AddApiFlags(app, api, "GITHUB_TOKEN", "bearer");
  github::RepositoriesQuery query;
  app.add_option("--repo", query.repositories,
                 "Live: a repository to fetch, OWNER/REPO (repeatable)")
      ->allow_extra_args(false);
  std::string since;
  app.add_option("--since", since,
                 "Live: only issues updated at or after this moment (RFC "
                 "3339); events are always fetched whole");
  app.add_option("--page-size", query.per_page, "Live: items per page")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  app.footer(
      "\nExamples:\n  teamload-github --mapping teams.yaml --deferral-label "
      "deferred exports/github/\n"
      "  GITHUB_TOKEN=... teamload-github --mapping teams.yaml "
      "--deferral-label deferred --api-url https://api.github.com --repo "
      "acme/payments\n");
  if (auto exit_code = collectors::ParseCommandLine(app, argc, argv))
    return *exit_code;
  if (!api.url.empty() && query.repositories.empty()) {
    absl::FPrintF(stderr, "teamload-github: --api-url needs --repo\n");
    return 2;
  }
  for (const std::string& repository : query.repositories) {
    if (absl::Status valid = github::CheckRepository(repository); !valid.ok()) {
      absl::FPrintF(stderr, "teamload-github: --repo: %s\n", valid.message());
      return 2;
    }
  }
  if (!since.empty()) {
    absl::StatusOr<absl::Time> from = collectors::ParseTimestamp(since);
    if (!from.ok()) {
      absl::FPrintF(stderr, "teamload-github: --since: %s\n",
                    from.status().message());
      return 2;
    }
    // The form GitHub documents: YYYY-MM-DDTHH:MM:SSZ.
    query.since =
        absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", *from, absl::UTCTimeZone());
  }

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
  // One document (a file or a fetched page) into the history.
  const auto take = [&](const std::string& text, const std::string& name) {
    github::ParseResult parsed = parser.Parse(text, name);
    collected.records += parsed.records;
    history.Add(parsed);
    return parsed.errors;
  };
  bool complete = true;
  if (api.url.empty()) {
    collectors::ReadFiles(collectors::ExpandInputs(flags.inputs, ".json"), take,
                          collected);
  } else {
    auto client =
        collectors::NewApiClient("teamload-github", api, github::RestHeaders());
    if (!client.ok()) {
      absl::FPrintF(stderr, "teamload-github: %s\n", client.status().message());
      return 2;
    }
    complete = collectors::ReadApiPages(
        "teamload-github",
        [&](collectors::PageSink sink) {
          return github::FetchRepositories(**client, api.url, query, sink);
        },
        take, absl::Now(), collected);
  }
  collected.newest = std::max(collected.newest, history.newest());
  for (const github::Issue& issue : history.Issues()) {
    std::string why;
    std::optional<teamload::v1::Signal> signal =
        github::ToSignal(issue, *mapping, &why);
    collectors::KeepMapped(std::move(signal), why, flags, collected);
  }
  if (history.duplicate_events() > 0) {
    absl::FPrintF(stderr,
                  "teamload-github: %d events read more than once, counted "
                  "once\n",
                  history.duplicate_events());
  }
  return collectors::Deliver("teamload-github", "github", flags, *mapping,
                             collected, complete);
}
