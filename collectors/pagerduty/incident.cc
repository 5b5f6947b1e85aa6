#include "collectors/pagerduty/incident.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/signal_builders.h"

namespace teamload::collectors::pagerduty {

void Incident::Merge(const Incident& other) {
  // The newest record's description wins; times keep their earliest value.
  if (other.last_event_at >= last_event_at) {
    const absl::Time created = created_at, acknowledged = acknowledged_at;
    const absl::Time last = other.last_event_at;
    *this = other;
    created_at = std::min(created, other.created_at);
    acknowledged_at = std::min(acknowledged, other.acknowledged_at);
    last_event_at = last;
  } else {
    created_at = std::min(created_at, other.created_at);
    acknowledged_at = std::min(acknowledged_at, other.acknowledged_at);
  }
}

std::optional<teamload::v1::Signal> ToSignal(const Incident& incident,
                                             const TeamMapping& mapping,
                                             std::string* unmapped) {
  std::optional<std::string> team;
  for (const std::string& id : incident.team_ids) {
    if (!team.has_value()) team = mapping.TeamFor("pagerduty", "teams", id);
  }
  if (!team.has_value() && !incident.escalation_policy_id.empty()) {
    team = mapping.TeamFor("pagerduty", "escalation_policies",
                           incident.escalation_policy_id);
  }
  if (!team.has_value() && !incident.service_id.empty()) {
    team = mapping.TeamFor("pagerduty", "services", incident.service_id);
  }
  if (!team.has_value()) {
    *unmapped = absl::StrFormat(
        "incident %s (service %s \"%s\", escalation policy %s%s%s)",
        incident.id, incident.service_id, incident.service_name,
        incident.escalation_policy_id,
        incident.team_ids.empty() ? "" : ", teams ",
        absl::StrJoin(incident.team_ids, " "));
    return std::nullopt;
  }
  const absl::Time occurred = incident.created_at != absl::InfiniteFuture()
                                  ? incident.created_at
                                  : incident.last_event_at;
  teamload::v1::Signal signal =
      client::NewSignal("pagerduty", incident.id, *team, occurred);
  teamload::v1::Page* page = signal.mutable_page();
  page->set_service(incident.service_name.empty() ? incident.service_id
                                                  : incident.service_name);
  page->set_urgency(incident.high_urgency ? teamload::v1::URGENCY_HIGH
                                          : teamload::v1::URGENCY_LOW);
  page->set_title(incident.title);
  if (incident.acknowledged_at != absl::InfiniteFuture() &&
      incident.created_at != absl::InfiniteFuture() &&
      incident.acknowledged_at >= incident.created_at) {
    page->mutable_time_to_ack()->set_seconds(
        absl::ToInt64Seconds(incident.acknowledged_at - incident.created_at));
  }
  return signal;
}

}  // namespace teamload::collectors::pagerduty
