#include "collectors/github/live.h"

#include <optional>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "collectors/common/api_source.h"
#include "collectors/common/timestamps.h"

namespace teamload::collectors::github {
namespace {

bool NameCharacter(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
         c == '_' || c == '.';
}

using simdjson::dom::array;
using simdjson::dom::element;

// The items of a page, or what the page lacks.
using ItemsOf = absl::StatusOr<array> (*)(element page);

absl::StatusOr<array> ListItems(element page) {
  array items;
  if (page.get(items) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("$: a GitHub list page is an array here");
  }
  return items;
}

absl::StatusOr<array> WorkflowRuns(element page) {
  array runs;
  if (page["workflow_runs"].get(runs) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        "$.workflow_runs: a workflow runs page holds an array here");
  }
  return runs;
}

// Every page of one list, from `first_url` on through rel="next"; `each`
// sees every item of every page before the page goes to `sink`, and says
// whether the item is recent enough to read on: after a page of items none
// of which is, the list (newest first) has nothing more to give.
absl::StatusOr<int> FetchList(HttpClient& client, std::string first_url,
                              ItemsOf items_of,
                              absl::FunctionRef<bool(element item)> each,
                              PageSink sink) {
  return FetchPages(
      client, std::move(first_url),
      [&](const HttpResponse& response,
          element page) -> absl::StatusOr<std::optional<std::string>> {
        absl::StatusOr<array> items = items_of(page);
        if (!items.ok()) return items.status();
        bool read_on = items->size() == 0;
        for (element item : *items) read_on |= each(item);
        if (!read_on) return std::optional<std::string>();
        return NextLink(response);
      },
      sink);
}

// Reads every page.
bool Every(element) { return true; }

// Appends the id of `deployment` to `ids` (once, however often the pages
// list it) when `query` asks for its statuses: to one of its environments,
// created at or after `from`. Whether it was created at or after `from`
// (or cannot say: a deployment without an id, environment or time is left
// to the parser to report).
bool AddWanted(element deployment, const DeploymentsQuery& query,
               absl::Time from, std::vector<int64_t>& ids,
               absl::flat_hash_set<int64_t>& seen) {
  int64_t id = 0;
  std::string_view environment;
  std::string_view created_at;
  if (deployment["id"].get(id) != simdjson::SUCCESS || id <= 0 ||
      deployment["environment"].get(environment) != simdjson::SUCCESS ||
      deployment["created_at"].get(created_at) != simdjson::SUCCESS) {
    return true;
  }
  absl::StatusOr<absl::Time> created =
      ParseTimestamp(absl::string_view(created_at.data(), created_at.size()));
  if (!created.ok()) return true;
  if (*created < from) return false;
  if ((query.environments.empty() ||
       query.environments.contains(std::string(environment))) &&
      seen.insert(id).second) {
    ids.push_back(id);
  }
  return true;
}

}  // namespace

std::vector<std::string> RestHeaders() {
  return {"Accept: application/vnd.github+json",
          "X-GitHub-Api-Version: 2022-11-28"};
}

absl::Status CheckRepository(const std::string& repository) {
  const size_t slash = repository.find('/');
  const bool two_names = slash != std::string::npos && slash > 0 &&
                         slash + 1 < repository.size() &&
                         repository.find('/', slash + 1) == std::string::npos;
  if (!two_names) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "repository \"%s\": expected OWNER/REPO, e.g. acme/payments",
        repository));
  }
  for (char c : repository) {
    if (c != '/' && !NameCharacter(c)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "repository \"%s\": GitHub names hold letters, digits, '-', '_' "
          "and '.' only",
          repository));
    }
  }
  return absl::OkStatus();
}

std::string IssuesUrl(const std::string& api_url, const std::string& repository,
                      const RepositoriesQuery& query) {
  std::vector<std::pair<std::string, std::string>> params = {
      {"state", "all"}, {"per_page", absl::StrCat(query.per_page)}};
  if (!query.since.empty()) params.emplace_back("since", query.since);
  return absl::StrCat(
      ApiUrl(api_url, absl::StrCat("/repos/", repository, "/issues")), "?",
      QueryString(params));
}

std::string EventsUrl(const std::string& api_url, const std::string& repository,
                      const RepositoriesQuery& query) {
  return absl::StrCat(
      ApiUrl(api_url, absl::StrCat("/repos/", repository, "/issues/events")),
      "?", QueryString({{"per_page", absl::StrCat(query.per_page)}}));
}

std::string DeploymentsUrl(const std::string& api_url,
                           const std::string& repository,
                           const RepositoriesQuery& query) {
  return absl::StrCat(
      ApiUrl(api_url, absl::StrCat("/repos/", repository, "/deployments")), "?",
      QueryString({{"per_page", absl::StrCat(query.per_page)}}));
}

std::string DeploymentStatusesUrl(const std::string& api_url,
                                  const std::string& repository, int64_t id,
                                  const RepositoriesQuery& query) {
  return absl::StrCat(
      ApiUrl(api_url, absl::StrCat("/repos/", repository, "/deployments/", id,
                                   "/statuses")),
      "?", QueryString({{"per_page", absl::StrCat(query.per_page)}}));
}

std::string WorkflowRunsUrl(const std::string& api_url,
                            const std::string& repository,
                            const RepositoriesQuery& query) {
  std::vector<std::pair<std::string, std::string>> params = {
      {"per_page", absl::StrCat(query.per_page)}};
  // GitHub's search syntax for dates.
  if (!query.since.empty()) params.emplace_back("created", ">=" + query.since);
  return absl::StrCat(
      ApiUrl(api_url, absl::StrCat("/repos/", repository, "/actions/runs")),
      "?", QueryString(params));
}

absl::StatusOr<int> FetchRepositories(HttpClient& client,
                                      const std::string& api_url,
                                      const RepositoriesQuery& query,
                                      PageSink sink) {
  int pages = 0;
  for (const std::string& repository : query.repositories) {
    for (std::string first : {IssuesUrl(api_url, repository, query),
                              EventsUrl(api_url, repository, query)}) {
      absl::StatusOr<int> fetched =
          FetchList(client, std::move(first), ListItems, Every, sink);
      if (!fetched.ok()) return fetched.status();
      pages += *fetched;
    }
  }
  return pages;
}

absl::StatusOr<int> FetchDeployments(HttpClient& client,
                                     const std::string& api_url,
                                     const RepositoriesQuery& query,
                                     const DeploymentsQuery& deployments,
                                     PageSink sink) {
  // A deploy is dated by its last status, which may come well after the
  // deployment or the run was created: reach back kLateStatuses before
  // --since (what is read twice is a duplicate, by id).
  absl::Time from = absl::InfinitePast();
  RepositoriesQuery runs_query = query;
  if (!query.since.empty()) {
    absl::StatusOr<absl::Time> since = ParseTimestamp(query.since);
    if (!since.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--since: ", since.status().message()));
    }
    from = *since - kLateStatuses;
    runs_query.since =
        absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", from, absl::UTCTimeZone());
  }
  int pages = 0;
  const auto fetch = [&](std::string first, ItemsOf items_of,
                         absl::FunctionRef<bool(element)> each) {
    absl::StatusOr<int> fetched =
        FetchList(client, std::move(first), items_of, each, sink);
    if (fetched.ok()) pages += *fetched;
    return fetched.status();
  };
  for (const std::string& repository : query.repositories) {
    std::vector<int64_t> wanted;
    absl::flat_hash_set<int64_t> seen;
    absl::Status s =
        fetch(DeploymentsUrl(api_url, repository, query), ListItems,
              [&](element deployment) {
                return AddWanted(deployment, deployments, from, wanted, seen);
              });
    if (!s.ok()) return s;
    for (int64_t id : wanted) {
      s = fetch(DeploymentStatusesUrl(api_url, repository, id, query),
                ListItems, Every);
      if (!s.ok()) return s;
    }
    if (deployments.workflow_runs) {
      s = fetch(WorkflowRunsUrl(api_url, repository, runs_query), WorkflowRuns,
                Every);
      if (!s.ok()) return s;
    }
  }
  return pages;
}

}  // namespace teamload::collectors::github
