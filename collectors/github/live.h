// GitHub's REST API, live: for each repository, GET
// /repos/{owner}/{repo}/issues?state=all (optionally since a time) and GET
// /repos/{owner}/{repo}/issues/events, each followed through the Link
// header's rel="next" until there is none. With --deployments, GET
// /repos/{owner}/{repo}/deployments, the statuses of each deployment that
// can make a deploy, and /repos/{owner}/{repo}/actions/runs instead. Each
// page goes to the caller, who reads it with the same parser as a file
// (Parser, DeploymentsParser).
//
// Thread-compatible.
#ifndef TEAMLOAD_COLLECTORS_GITHUB_LIVE_H_
#define TEAMLOAD_COLLECTORS_GITHUB_LIVE_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "collectors/common/http_client.h"
#include "collectors/common/paged_fetch.h"

namespace teamload::collectors::github {

struct RepositoriesQuery {
  std::vector<std::string> repositories;  // "owner/repo"
  std::string since;   // issues updated at or after (ISO 8601); empty: all
  int per_page = 100;  // GitHub's maximum
};

// How far before RepositoriesQuery::since --deployments reaches back: a
// deploy is dated by its last status, which may come after --since for a
// deployment (or a workflow run) created before it.
inline constexpr absl::Duration kLateStatuses = absl::Hours(24);

// What --deployments fetches beyond every page of deployments.
struct DeploymentsQuery {
  // Statuses are fetched only for deployments to these environments (every
  // one when empty) created at or after RepositoriesQuery::since minus
  // kLateStatuses: no other deployment becomes a deploy, and each costs a
  // request.
  std::set<std::string> environments;
  // Workflow runs are fetched only when a --deploy-workflow is named (runs
  // of no other workflow are deploys).
  bool workflow_runs = false;
};

// The headers GitHub's REST API asks every request to carry.
std::vector<std::string> RestHeaders();

// OK when `repository` is "owner/repo" as GitHub spells names (letters,
// digits, '-', '_', '.'); INVALID_ARGUMENT saying why otherwise.
absl::Status CheckRepository(const std::string& repository);

// The first page of the repository's issues, pull requests included.
std::string IssuesUrl(const std::string& api_url, const std::string& repository,
                      const RepositoriesQuery& query);
// The first page of the repository's issue events.
std::string EventsUrl(const std::string& api_url, const std::string& repository,
                      const RepositoriesQuery& query);

// The first page of the repository's deployments.
std::string DeploymentsUrl(const std::string& api_url,
                           const std::string& repository,
                           const RepositoriesQuery& query);
// The first page of deployment `id`'s statuses.
std::string DeploymentStatusesUrl(const std::string& api_url,
                                  const std::string& repository, int64_t id,
                                  const RepositoriesQuery& query);
// The first page of the repository's Actions workflow runs, created at or
// after query.since when it is given. GitHub returns at most 1,000 runs
// for a query with `created`: backfill long histories in pieces.
std::string WorkflowRunsUrl(const std::string& api_url,
                            const std::string& repository,
                            const RepositoriesQuery& query);

// Fetches every page of every repository's issues then events, in the
// order given; returns how many pages. Stops at the first error, which
// names the URL.
// REQUIRES: every repository passes CheckRepository.
absl::StatusOr<int> FetchRepositories(HttpClient& client,
                                      const std::string& api_url,
                                      const RepositoriesQuery& query,
                                      PageSink sink);

// Fetches, for each repository in the order given, the pages of its
// deployments (all of them, or with query.since up to the first page whose
// deployments were all created more than kLateStatuses before it: GitHub
// lists the newest first), then every page of statuses of each deployment
// `deployments` asks for (in the order listed), then, when asked, every page of
// its workflow runs (created at or after query.since minus kLateStatuses);
// returns how many pages. Stops at the first error, which names the URL.
// REQUIRES: every repository passes CheckRepository.
absl::StatusOr<int> FetchDeployments(HttpClient& client,
                                     const std::string& api_url,
                                     const RepositoriesQuery& query,
                                     const DeploymentsQuery& deployments,
                                     PageSink sink);

}  // namespace teamload::collectors::github

#endif  // TEAMLOAD_COLLECTORS_GITHUB_LIVE_H_
