// PagerDuty Analytics raw incidents: the rows of
// `POST /analytics/raw/incidents` ({"data": [...], "more", "last",
// "time_zone", ...}) or a plain array of them, read into Incidents, so they
// become the same page signals (pagerduty:<incident id>) as REST pages and
// webhooks of the same incidents: revisions, never duplicates.
//
// A row's timestamps carry no zone: they are read in the response's
// "time_zone" when it has one, else in the zone the caller gives.
// Pure: no I/O. Called by Parser::Parse.
#ifndef TEAMLOAD_COLLECTORS_PAGERDUTY_ANALYTICS_H_
#define TEAMLOAD_COLLECTORS_PAGERDUTY_ANALYTICS_H_

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/pagerduty/parser.h"
#include "simdjson.h"

namespace teamload::collectors::pagerduty {

// Reads a response object with "data" rows; `name` places errors.
void ReadAnalyticsResponse(simdjson::dom::element response,
                           absl::string_view name, const absl::TimeZone& zone,
                           ParseResult& out);

// Reads rows found at `path` ("$" for a plain array, "$.data").
void ReadAnalyticsRows(simdjson::dom::array rows, absl::string_view path,
                       absl::string_view name, const absl::TimeZone& zone,
                       ParseResult& out);

}  // namespace teamload::collectors::pagerduty

#endif  // TEAMLOAD_COLLECTORS_PAGERDUTY_ANALYTICS_H_
