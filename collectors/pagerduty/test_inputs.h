// Inputs the pagerduty tests share: the team mapping their incidents map
// against. Test-only.
#ifndef TEAMLOAD_COLLECTORS_PAGERDUTY_TEST_INPUTS_H_
#define TEAMLOAD_COLLECTORS_PAGERDUTY_TEST_INPUTS_H_

#include "collectors/common/team_mapping.h"
#include "collectors/common/testing.h"

namespace teamload::collectors::pagerduty {

// payments by escalation policy PY82TC6; search by team PTEAM01 or service
// PSEARCH.
inline TeamMapping Mapping() {
  return teamload::testing::PaymentsAndSearch(
      "pagerduty", "{escalation_policies: [PY82TC6]}",
      "{teams: [PTEAM01], services: [PSEARCH]}");
}

}  // namespace teamload::collectors::pagerduty

#endif  // TEAMLOAD_COLLECTORS_PAGERDUTY_TEST_INPUTS_H_
