// PagerDuty's REST API v2, live: GET /incidents pages in offset order
// (limit, offset, since, until) until the page says "more": false. Each
// page goes to the caller, who reads it with the same Parser as a file.
//
// Thread-compatible.
#ifndef TEAMLOAD_COLLECTORS_PAGERDUTY_LIVE_H_
#define TEAMLOAD_COLLECTORS_PAGERDUTY_LIVE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "collectors/common/http_client.h"
#include "collectors/common/paged_fetch.h"

namespace teamload::collectors::pagerduty {

struct IncidentsQuery {
  std::string since;  // RFC 3339; empty: PagerDuty's default (30 days)
  std::string until;
  int limit = 100;  // PagerDuty's maximum per page
};

// The headers PagerDuty's REST API v2 asks every request to carry.
std::vector<std::string> RestHeaders();

// The URL of the incidents page at `offset`.
std::string IncidentsUrl(const std::string& api_url,
                         const IncidentsQuery& query, int64_t offset);

// Fetches every page; returns how many. Errors name the URL.
absl::StatusOr<int> FetchIncidents(HttpClient& client,
                                   const std::string& api_url,
                                   const IncidentsQuery& query, PageSink sink);

}  // namespace teamload::collectors::pagerduty

#endif  // TEAMLOAD_COLLECTORS_PAGERDUTY_LIVE_H_
