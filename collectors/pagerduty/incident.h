// Incident: one PagerDuty incident as teamload needs it, merged from every
// record read about it (a webhook event per state change, or a REST page).
#ifndef TEAMLOAD_COLLECTORS_PAGERDUTY_INCIDENT_H_
#define TEAMLOAD_COLLECTORS_PAGERDUTY_INCIDENT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "collectors/common/team_mapping.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors::pagerduty {

struct Incident {
  std::string id;  // "PFQZPSY"
  std::string title;
  std::string status;  // "triggered", "acknowledged", "resolved"
  bool high_urgency = false;
  std::string service_id;
  std::string service_name;
  std::string escalation_policy_id;
  std::vector<std::string> team_ids;
  absl::Time created_at =
      absl::InfiniteFuture();  // unknown while InfiniteFuture
  absl::Time acknowledged_at = absl::InfiniteFuture();  // first acknowledgement
  absl::Time last_event_at = absl::InfinitePast();  // the newest record read

  // Folds in what a later (or earlier) record says about the same incident.
  void Merge(const Incident& other);
};

// The page signal for an incident ("pagerduty:<id>", so every state of one
// incident is a revision of one signal), or nullopt when no team claims it:
// the owner is looked up by PagerDuty team, then escalation policy, then
// service. `unmapped` then names what was looked for.
std::optional<teamload::v1::Signal> ToSignal(const Incident& incident,
                                             const TeamMapping& mapping,
                                             std::string* unmapped);

}  // namespace teamload::collectors::pagerduty

#endif  // TEAMLOAD_COLLECTORS_PAGERDUTY_INCIDENT_H_
