// A PagerDuty REST v2 GET /incidents page of the real shape, generated, for
// benchmarks: incidents first .. first + count - 1.
#ifndef TEAMLOAD_BENCH_PAGERDUTY_PAGES_H_
#define TEAMLOAD_BENCH_PAGERDUTY_PAGES_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace teamload::bench {

inline std::string PagerDutyPage(int first, int count) {
  std::string json = R"({"incidents":[)";
  for (int i = first; i < first + count; ++i) {
    if (i > first) json += ",";
    absl::StrAppendFormat(
        &json,
        R"({"id":"Q%06dABC","type":"incident","summary":"[#%d] 5xx rate above 2%% on checkout-api",)"
        R"("self":"https://api.pagerduty.com/incidents/Q%07dABC","html_url":"https://acme.pagerduty.com/incidents/Q%07dABC",)"
        R"("incident_number":%d,"title":"5xx rate above 2%% on checkout-api","created_at":"2026-10-%02dT%02d:%02d:00Z",)"
        R"("status":"resolved","incident_key":"k%d","urgency":"%s","last_status_change_at":"2026-10-%02dT%02d:59:00Z",)"
        R"("service":{"id":"PSVC%02d","type":"service_reference","summary":"checkout-api","self":"https://api.pagerduty.com/services/PSVC%02d"},)"
        R"("escalation_policy":{"id":"PEP%02d","type":"escalation_policy_reference","summary":"Payments"},)"
        R"("teams":[{"id":"PTEAM%02d","type":"team_reference","summary":"Payments"}],)"
        R"("assignments":[{"at":"2026-10-%02dT%02d:%02d:10Z","assignee":{"id":"PUSER1","type":"user_reference","summary":"Ada"}}],)"
        R"("acknowledgements":[{"at":"2026-10-%02dT%02d:%02d:40Z","acknowledger":{"id":"PUSER1","type":"user_reference"}}],)"
        R"("priority":null,"resolve_reason":null,"alert_counts":{"all":2,"triggered":0,"resolved":2}})",
        i, i, i, i, i, 1 + i % 28, i % 24, i % 60, i, i % 3 ? "low" : "high", 1 + i % 28, i % 24,
        i % 40, i % 40, i % 40, i % 40, 1 + i % 28, i % 24, i % 60, 1 + i % 28, i % 24, i % 60);
  }
  return json + R"(],"limit":10000,"offset":0,"more":false,"total":null})";
}

}  // namespace teamload::bench

#endif  // TEAMLOAD_BENCH_PAGERDUTY_PAGES_H_
