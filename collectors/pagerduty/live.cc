#include "collectors/pagerduty/live.h"

#include "absl/strings/str_cat.h"
#include "collectors/common/api_source.h"

namespace teamload::collectors::pagerduty {

std::vector<std::string> RestHeaders() {
  return {"Accept: application/vnd.pagerduty+json;version=2",
          "Content-Type: application/json"};
}

std::string IncidentsUrl(const std::string& api_url,
                         const IncidentsQuery& query, int64_t offset) {
  std::vector<std::pair<std::string, std::string>> params = {
      {"limit", absl::StrCat(query.limit)}, {"offset", absl::StrCat(offset)}};
  if (!query.since.empty()) params.emplace_back("since", query.since);
  if (!query.until.empty()) params.emplace_back("until", query.until);
  return absl::StrCat(ApiUrl(api_url, "/incidents"), "?", QueryString(params));
}

absl::StatusOr<int> FetchIncidents(HttpClient& client,
                                   const std::string& api_url,
                                   const IncidentsQuery& query, PageSink sink) {
  int64_t offset = 0;
  return FetchPages(
      client, IncidentsUrl(api_url, query, offset),
      [&](const HttpResponse&, simdjson::dom::element page)
          -> absl::StatusOr<std::optional<std::string>> {
        bool more = false;
        simdjson::dom::array incidents;
        if (page["incidents"].get(incidents) != simdjson::SUCCESS) {
          return absl::InvalidArgumentError(
              "$.incidents: an incidents page has an array here");
        }
        if (page["more"].get(more) != simdjson::SUCCESS) {
          return absl::InvalidArgumentError(
              "$.more: an incidents page says true or false here");
        }
        if (!more) return std::nullopt;
        if (incidents.size() == 0) {
          return absl::InvalidArgumentError(
              "the page is empty but says more follow");
        }
        // The page's own limit, in case PagerDuty lowered the one asked for.
        int64_t limit = query.limit;
        if (page["limit"].get(limit) != simdjson::SUCCESS || limit <= 0) {
          limit = query.limit;
        }
        offset += limit;
        return IncidentsUrl(api_url, query, offset);
      },
      sink);
}

}  // namespace teamload::collectors::pagerduty
