#include "collectors/pagerduty/parser.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "collectors/common/timestamps.h"
#include "collectors/pagerduty/analytics.h"
#include "collectors/pagerduty/fields.h"

namespace teamload::collectors::pagerduty {
namespace {

using simdjson::dom::element;

void ReadCommon(Fields& f, Incident& incident) {
  incident.id = f.String("id", /*required=*/true);
  incident.title = f.String("title");
  incident.status = f.String("status");
  incident.high_urgency = f.String("urgency") == "high";
  std::tie(incident.service_id, incident.service_name) = f.Reference("service");
  incident.escalation_policy_id = f.Reference("escalation_policy").first;
  incident.team_ids = f.ReferenceIds("teams");
}

void ReadEvent(element event, absl::string_view name, ParseResult& out) {
  Fields e(event, "$.event");
  const std::string type = e.String("event_type", true);
  const absl::Time occurred = e.Time("occurred_at", true);
  element data;
  if (!e.failed() && event["data"].get(data)) {
    out.errors.push_back({absl::StrCat(name, ": $.event.data"), "is required"});
    return;
  }
  if (e.failed()) {
    out.errors.push_back(e.Error(name));
    return;
  }
  if (type.rfind("incident.", 0) != 0)
    return;  // not about an incident: nothing to say
  Fields d(data, "$.event.data");
  Incident incident;
  ReadCommon(d, incident);
  incident.created_at = d.Time("created_at", false);
  if (d.failed()) {
    out.errors.push_back(d.Error(name));
    return;
  }
  incident.last_event_at = occurred;
  if (type == "incident.triggered")
    incident.created_at = std::min(incident.created_at, occurred);
  if (type == "incident.acknowledged") incident.acknowledged_at = occurred;
  out.incidents.push_back(std::move(incident));
}

void ReadIncidents(simdjson::dom::array incidents, absl::string_view name,
                   ParseResult& out) {
  std::size_t i = 0;
  for (element record : incidents) {
    Fields f(record, absl::StrFormat("$.incidents[%d]", i++));
    Incident incident;
    ReadCommon(f, incident);
    incident.created_at = f.Time("created_at", true);
    simdjson::dom::array acks;
    if (!record["acknowledgements"].get(acks)) {
      for (element ack : acks) {
        std::string_view at;
        if (ack["at"].get(at)) continue;
        if (absl::StatusOr<absl::Time> t =
                ParseTimestamp(absl::string_view(at.data(), at.size()));
            t.ok()) {
          incident.acknowledged_at = std::min(incident.acknowledged_at, *t);
        }
      }
    }
    const absl::Time changed = f.Time("last_status_change_at", false);
    if (f.failed()) {
      out.errors.push_back(f.Error(name));
      continue;
    }
    incident.last_event_at =
        changed != absl::InfiniteFuture() ? changed : incident.created_at;
    out.incidents.push_back(std::move(incident));
  }
}

}  // namespace

void Parser::Read(element doc, absl::string_view name, ParseResult& out) {
  element event;
  simdjson::dom::array incidents, rows;
  if (!doc["event"].get(event)) {
    ReadEvent(event, name, out);
  } else if (!doc["incidents"].get(incidents)) {
    ReadIncidents(incidents, name, out);
    if (doc["more"].get(out.more) != simdjson::SUCCESS) out.more = false;
  } else if (doc.is_object() &&
             doc["data"].error() != simdjson::NO_SUCH_FIELD) {
    ReadAnalyticsResponse(doc, name, zone_, out);
  } else if (!doc.get(rows)) {
    ReadAnalyticsRows(rows, "$", name, zone_, out);
  } else {
    out.errors.push_back(
        {absl::StrCat(name, ": $"),
         "neither a webhook v3 event ({\"event\": ...}), a REST incidents "
         "page ({\"incidents\": [...]}) nor Analytics raw incidents "
         "({\"data\": [...]} or [...])"});
  }
}

}  // namespace teamload::collectors::pagerduty
