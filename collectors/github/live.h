// GitHub's REST API, live: for each repository, GET
// /repos/{owner}/{repo}/issues?state=all (optionally since a time) and GET
// /repos/{owner}/{repo}/issues/events, each followed through the Link
// header's rel="next" until there is none. Each page goes to the caller,
// who reads it with the same Parser as a file.
//
// Thread-compatible.
#ifndef TEAMLOAD_COLLECTORS_GITHUB_LIVE_H_
#define TEAMLOAD_COLLECTORS_GITHUB_LIVE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "collectors/common/http_client.h"
#include "collectors/common/paged_fetch.h"

namespace teamload::collectors::github {

struct RepositoriesQuery {
  std::vector<std::string> repositories;  // "owner/repo"
  std::string since;   // issues updated at or after (ISO 8601); empty: all
  int per_page = 100;  // GitHub's maximum
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

// Fetches every page of every repository's issues then events, in the
// order given; returns how many pages. Stops at the first error, which
// names the URL.
// REQUIRES: every repository passes CheckRepository.
absl::StatusOr<int> FetchRepositories(HttpClient& client,
                                      const std::string& api_url,
                                      const RepositoriesQuery& query,
                                      PageSink sink);

}  // namespace teamload::collectors::github

#endif  // TEAMLOAD_COLLECTORS_GITHUB_LIVE_H_
