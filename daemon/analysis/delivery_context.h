// Delivery context: how often a team deployed and how often a deploy failed
// or caused an incident (the change failure rate), beside its pages, to
// explain a story, never to judge it. Nothing here is a finding: it raises
// no level and leads no headline, so the same facts with and without
// deploys give the same levels.
//
//   "Pages rose from 12 to 30 while deploys doubled (20 to 41): ask what
//    changed with them."
//   "Pages rose from 12 to 30 with no change in deploys (20 to 21): look
//    elsewhere."
//
// Pure: a function of the history and as_of.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_DELIVERY_CONTEXT_H_
#define TEAMLOAD_DAEMON_ANALYSIS_DELIVERY_CONTEXT_H_

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "daemon/model/team_history.h"

namespace teamload::analysis {

// The last 4 weeks against the 4 before.
struct DeliveryContext {
  int deploys = 0;
  int deploys_before = 0;
  int change_failures = 0;  // of `deploys`
  int pages = 0;
  int pages_before = 0;
  // The median lead time of the recent deploys that know theirs.
  std::optional<absl::Duration> median_lead_time;
  // One or two sentences for people, as above.
  std::string sentence;

  double DeploysPerWeek() const { return deploys / 4.0; }
  // Of the recent deploys; 0 with none.
  double ChangeFailureRate() const {
    return deploys == 0 ? 0 : 1.0 * change_failures / deploys;
  }
};

// Nullopt when the team sent no deploy in the last 8 weeks.
std::optional<DeliveryContext> DescribeDelivery(
    const model::TeamHistory& history, absl::Time as_of);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_DELIVERY_CONTEXT_H_
