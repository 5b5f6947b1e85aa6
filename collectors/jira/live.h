// Jira's REST API, live: GET /rest/api/2/search pages of a JQL query with
// their changelogs (expand=changelog), from startAt 0 on by the number of
// issues each page holds, until startAt reaches the page's total. Each page
// goes to the caller, who reads it with the same Parser as a file.
//
// Thread-compatible.
#ifndef TEAMLOAD_COLLECTORS_JIRA_LIVE_H_
#define TEAMLOAD_COLLECTORS_JIRA_LIVE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "collectors/common/http_client.h"
#include "collectors/common/paged_fetch.h"

namespace teamload::collectors::jira {

struct SearchQuery {
  std::string jql;  // "project = PAY ORDER BY key"
  int max_results = 100;
};

// The URL of the search page starting at `start_at`.
std::string SearchUrl(const std::string& api_url, const SearchQuery& query,
                      int64_t start_at);

// Fetches every page; returns how many. Errors name the URL.
absl::StatusOr<int> FetchSearch(HttpClient& client, const std::string& api_url,
                                const SearchQuery& query, PageSink sink);

}  // namespace teamload::collectors::jira

#endif  // TEAMLOAD_COLLECTORS_JIRA_LIVE_H_
