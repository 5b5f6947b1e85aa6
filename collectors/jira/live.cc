#include "collectors/jira/live.h"

#include "absl/strings/str_cat.h"
#include "collectors/common/api_source.h"

namespace teamload::collectors::jira {

std::string SearchUrl(const std::string& api_url, const SearchQuery& query,
                      int64_t start_at) {
  return absl::StrCat(
      ApiUrl(api_url, "/rest/api/2/search"), "?",
      QueryString({{"jql", query.jql},
                   {"expand", "changelog"},
                   {"startAt", absl::StrCat(start_at)},
                   {"maxResults", absl::StrCat(query.max_results)}}));
}

absl::StatusOr<int> FetchSearch(HttpClient& client, const std::string& api_url,
                                const SearchQuery& query, PageSink sink) {
  return FetchPages(
      client, SearchUrl(api_url, query, 0),
      [&](const HttpResponse&, simdjson::dom::element page)
          -> absl::StatusOr<std::optional<std::string>> {
        int64_t start_at = 0, total = 0;
        simdjson::dom::array issues;
        if (page["issues"].get(issues) != simdjson::SUCCESS) {
          return absl::InvalidArgumentError(
              "$.issues: a search page has an array here");
        }
        if (page["startAt"].get(start_at) != simdjson::SUCCESS ||
            page["total"].get(total) != simdjson::SUCCESS) {
          return absl::InvalidArgumentError(
              "$.startAt, $.total: a search page has numbers here");
        }
        // Jira may return fewer than maxResults per page (it caps them),
        // so the next page starts after the issues this one holds.
        const int64_t next = start_at + static_cast<int64_t>(issues.size());
        if (issues.size() == 0 || next >= total) return std::nullopt;
        return SearchUrl(api_url, query, next);
      },
      sink);
}

}  // namespace teamload::collectors::jira
