// teamload-github: reads GitHub issues lists, issue events lists and issues
// webhooks from files, or the lists live from the REST API (--api-url), and
// sends a deferral signal for every issue deferred at least once, plus
// coverage heartbeats for every mapped team, to teamloadd. With
// --deployments it reads deployments, their statuses and Actions workflow
// runs instead, from files or live, and sends deploy signals.
#include <algorithm>
#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "collectors/common/api_source.h"
#include "collectors/common/run_collector.h"
#include "collectors/common/timestamps.h"
#include "collectors/github/deployments.h"
#include "collectors/github/issue_history.h"
#include "collectors/github/live.h"
#include "collectors/github/parser.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  namespace github = teamload::collectors::github;
  std::vector<std::string> deferral_labels;
  collectors::MigrationLabels migration_options;
  github::RepositoriesQuery query;
  std::string since;
  github::Parser parser;
  std::unique_ptr<github::IssueHistory> history;  // once the labels are known
  // --deployments: deployments, their statuses and workflow runs instead.
  bool deployments = false;
  std::vector<std::string> environments = {"production"};
  std::vector<std::string> deploy_workflows;
  github::DeploymentsParser deployments_parser;
  std::unique_ptr<github::DeployHistory> deploy_history;
  github::DeploymentsQuery deployments_query;
  return collectors::RunCollector(
      {
          .source = "github",
          .description =
              "GitHub issues to teamload deferral signals.\n\n"
              "Reads issues lists (GET /repos/{owner}/{repo}/issues?state="
              "all), issue events lists (GET /repos/{owner}/{repo}/issues/"
              "events, or /issues/{number}/events saved as <owner>/<repo>/"
              "issues/<number>/events.json) and issues webhook payloads from "
              "files or folders of .json files. An issue counts as deferred "
              "once more for each demilestoned event and each time a "
              "--deferral-label is added while it is open; closing it "
              "resolves the deferral. Pull requests are left out. The "
              "mapping's github section maps labels, then repositories "
              "(owner/repo), to teams. With --api-url it fetches both lists "
              "of each --repo, following the Link header's rel=\"next\".\n\n"
              "With --migration-label, each issue carrying that label is also "
              "a migration: started when created, planned to end on its "
              "milestone's due date, finished when closed, looked back on "
              "when the --retro-label was added.\n\n"
              "With --deployments it reads deployments lists (GET /repos/"
              "{owner}/{repo}/deployments), their statuses (.../deployments/"
              "{id}/statuses) and workflow runs pages (.../actions/runs) "
              "instead, and sends a deploy signal for every deployment to an "
              "--environment that reached success, failure or error, and "
              "every completed run of a --deploy-workflow (success, failure "
              "or timed_out; lead time from its head commit). With "
              "--api-url it fetches every page of each --repo's deployments, "
              "the statuses of those to an --environment, and, given a "
              "--deploy-workflow, its workflow runs. Deploys are "
              "context beside pages, never part of a level.",
          .examples =
              "  teamload-github --mapping teams.yaml --deferral-label "
              "deferred exports/github/\n"
              "  GITHUB_TOKEN=... teamload-github --mapping teams.yaml "
              "--deferral-label deferred --api-url https://api.github.com "
              "--repo acme/payments\n"
              "  teamload-github --mapping teams.yaml --deployments "
              "--deploy-workflow Deploy exports/github-deployments/\n"
              "  GITHUB_TOKEN=... teamload-github --mapping teams.yaml "
              "--deployments --deploy-workflow Deploy --api-url "
              "https://api.github.com --repo acme/payments\n",
          .live =
              collectors::LiveMode{
                  .default_token_env = "GITHUB_TOKEN",
                  .default_auth = "bearer",
                  .headers = github::RestHeaders(),
                  .fetch =
                      [&](collectors::HttpClient& client,
                          const std::string& url, collectors::PageSink sink) {
                        if (deployments) {
                          return github::FetchDeployments(
                              client, url, query, deployments_query, sink);
                        }
                        return github::FetchRepositories(client, url, query,
                                                         sink);
                      },
              },
          .add_flags =
              [&](CLI::App& app) {
                app.add_option("--deferral-label", deferral_labels,
                               "A label that defers an issue when added "
                               "(repeatable, e.g. deferred, tech-debt); none "
                               "by default")
                    ->allow_extra_args(false);
                collectors::AddMigrationLabelFlags(app, migration_options,
                                                   "Issues");
                app.add_flag("--deployments", deployments,
                             "Read deployments, deployment statuses and "
                             "workflow runs instead of issues");
                app.add_option("--environment", environments,
                               "--deployments: an environment whose "
                               "deployments count (repeatable)")
                    ->capture_default_str()
                    ->allow_extra_args(false);
                app.add_option("--deploy-workflow", deploy_workflows,
                               "--deployments: a workflow (by name; for runs "
                               "GitHub sends unnamed, by file path or "
                               "workflow id) whose completed runs are "
                               "deploys (repeatable)")
                    ->allow_extra_args(false);
                app.add_option("--repo", query.repositories,
                               "Live: a repository to fetch, OWNER/REPO "
                               "(repeatable)")
                    ->allow_extra_args(false);
                app.add_option("--since", since,
                               "Live: only issues updated at or after this "
                               "moment (RFC 3339); events are always fetched "
                               "whole. With --deployments: only the statuses "
                               "of deployments, and the workflow runs, created "
                               "at most a day before it (a deploy's last "
                               "status may come later)");
                collectors::AddPageSizeFlag(app, query.per_page, "items", 100);
              },
          .check_flags = [&](bool live) -> absl::Status {
            deployments_query = {.environments = std::set<std::string>(
                                     environments.begin(), environments.end()),
                                 .workflow_runs = !deploy_workflows.empty()};
            deploy_history = std::make_unique<github::DeployHistory>(
                deployments_query.environments,
                std::set<std::string>(deploy_workflows.begin(),
                                      deploy_workflows.end()));
            if (live && query.repositories.empty()) {
              return absl::InvalidArgumentError("--api-url needs --repo");
            }
            for (const std::string& repository : query.repositories) {
              if (absl::Status s = github::CheckRepository(repository);
                  !s.ok()) {
                return absl::InvalidArgumentError(
                    absl::StrCat("--repo: ", s.message()));
              }
            }
            if (!since.empty()) {
              absl::StatusOr<absl::Time> from =
                  collectors::ParseTimestamp(since);
              if (!from.ok()) {
                return absl::InvalidArgumentError(
                    absl::StrCat("--since: ", from.status().message()));
              }
              // The form GitHub documents: YYYY-MM-DDTHH:MM:SSZ.
              query.since = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", *from,
                                             absl::UTCTimeZone());
            }
            history =
                std::make_unique<github::IssueHistory>(std::set<std::string>(
                    deferral_labels.begin(), deferral_labels.end()));
            return absl::OkStatus();
          },
          .read =
              [&](const std::string& text, const std::string& name,
                  collectors::Collected& collected) {
                if (deployments) {
                  github::DeploymentsResult found =
                      deployments_parser.Parse(text, name);
                  collected.records += found.records;
                  deploy_history->Add(found);
                  return found.errors;
                }
                github::ParseResult parsed = parser.Parse(text, name);
                collected.records += parsed.records;
                history->Add(parsed);
                return parsed.errors;
              },
          .emit =
              [&](const collectors::TeamMapping& mapping,
                  collectors::Collected& collected, collectors::Keep keep) {
                if (deployments) {
                  collected.newest =
                      std::max(collected.newest, deploy_history->newest());
                  collectors::KeepEach(deploy_history->Deploys(), mapping, keep,
                                       github::ToDeploySignal);
                  return;
                }
                collected.newest =
                    std::max(collected.newest, history->newest());
                collectors::KeepEachTwice(
                    history->Issues(), mapping, keep, github::ToSignal,
                    [&](const github::Issue& issue,
                        const collectors::TeamMapping& mapping,
                        std::string* why) {
                      return github::ToMigrationSignal(issue, mapping,
                                                       migration_options, why);
                    });
                if (history->duplicate_events() > 0) {
                  absl::FPrintF(stderr,
                                "teamload-github: %d events read more than "
                                "once, counted once\n",
                                history->duplicate_events());
                }
              },
      },
      argc, argv);
}
