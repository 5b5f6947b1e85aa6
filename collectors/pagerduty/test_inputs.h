// What the pagerduty tests share beyond collectors/common/testing.h: an
// incident in one line. Test-only.
#ifndef TEAMLOAD_COLLECTORS_PAGERDUTY_TEST_INPUTS_H_
#define TEAMLOAD_COLLECTORS_PAGERDUTY_TEST_INPUTS_H_

#include <string>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "collectors/common/team_mapping.h"
#include "collectors/common/testing.h"
#include "collectors/pagerduty/incident.h"

namespace teamload::collectors::pagerduty {

// Everything `incident` says but its times, to compare whole, e.g.
//   PA1 resolved high "checkout 5xx" service PSEARCH (search-api),
//   policy PZZZ, teams [PTEAM01]
inline std::string Describe(const Incident& incident) {
  return absl::StrFormat(
      "%s %s %s \"%s\" service %s (%s), policy %s, teams [%s]", incident.id,
      incident.status, incident.high_urgency ? "high" : "low", incident.title,
      incident.service_id, incident.service_name, incident.escalation_policy_id,
      absl::StrJoin(incident.team_ids, ", "));
}

}  // namespace teamload::collectors::pagerduty

#endif  // TEAMLOAD_COLLECTORS_PAGERDUTY_TEST_INPUTS_H_
