#include "collectors/pagerduty/analytics.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "collectors/pagerduty/fields.h"

namespace teamload::collectors::pagerduty {

void ReadAnalyticsResponse(simdjson::dom::element response,
                           absl::string_view name, const absl::TimeZone& zone,
                           ParseResult& out) {
  absl::TimeZone rows_zone = zone;
  std::string_view zone_name;
  // An IANA name, never a path: the name picks a file under zoneinfo.
  if (response["time_zone"].get(zone_name) == simdjson::SUCCESS &&
      (zone_name.find("..") != std::string_view::npos ||
       zone_name.rfind('/', 0) == 0 ||
       !absl::LoadTimeZone(std::string(zone_name), &rows_zone))) {
    out.errors.push_back(
        {absl::StrCat(name, ": $.time_zone"),
         absl::StrFormat("\"%s\" is not a known time zone; rows read in %s",
                         zone_name, zone.name())});
    rows_zone = zone;
  }
  if (response["more"].get(out.more) != simdjson::SUCCESS) out.more = false;
  simdjson::dom::array rows;
  if (response["data"].get(rows) != simdjson::SUCCESS) {
    out.errors.push_back(
        {absl::StrCat(name, ": $.data"), "must be an array of rows"});
    return;
  }
  ReadAnalyticsRows(rows, "$.data", name, rows_zone, out);
}

void ReadAnalyticsRows(simdjson::dom::array rows, absl::string_view path,
                       absl::string_view name, const absl::TimeZone& zone,
                       ParseResult& out) {
  size_t i = 0;
  for (simdjson::dom::element row : rows) {
    Fields f(row, absl::StrFormat("%s[%d]", path, i++));
    Incident incident;
    incident.id = f.String("id", /*required=*/true);
    incident.title = f.String("description");
    incident.status = f.String("status");
    incident.high_urgency = f.String("urgency") == "high";
    incident.service_id = f.String("service_id");
    incident.service_name = f.String("service_name");
    incident.escalation_policy_id = f.String("escalation_policy_id");
    if (std::string team = f.String("team_id"); !team.empty()) {
      incident.team_ids.push_back(std::move(team));
    }
    incident.created_at = f.Time("created_at", /*required=*/true, zone);
    const absl::Time resolved_at = f.Time("resolved_at", false, zone);
    const std::optional<int64_t> to_ack = f.Int("seconds_to_first_ack");
    if (f.failed()) {
      out.errors.push_back(f.Error(name));
      continue;
    }
    if (to_ack.has_value() && *to_ack >= 0) {
      incident.acknowledged_at = incident.created_at + absl::Seconds(*to_ack);
    }
    incident.last_event_at = resolved_at != absl::InfiniteFuture()
                                 ? resolved_at
                                 : incident.created_at;
    out.incidents.push_back(std::move(incident));
  }
}

}  // namespace teamload::collectors::pagerduty
