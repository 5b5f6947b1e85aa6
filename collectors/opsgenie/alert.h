// Opsgenie alerts to page signals. Pure: bytes in, no I/O.
//
// Reads alert webhooks ({"action": "Create", "alert": {...}}) and the alert
// list export ({"data": [{...}, ...]}). Opsgenie writes createdAt in epoch
// milliseconds and updatedAt in epoch nanoseconds in webhooks (int64 both),
// RFC 3339 in the REST export. Priorities P1 and P2 are high urgency.
//
// Thread-compatible: use one Parser per thread.
#ifndef TEAMLOAD_COLLECTORS_OPSGENIE_ALERT_H_
#define TEAMLOAD_COLLECTORS_OPSGENIE_ALERT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/json_parser.h"
#include "collectors/common/record_error.h"
#include "collectors/common/team_mapping.h"
#include "simdjson.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors::opsgenie {

struct Alert {
  std::string id;
  std::string message;
  std::string entity;
  int priority = 3;                // 1..5
  std::vector<std::string> teams;  // names or ids, as Opsgenie sends them
  std::vector<std::string> tags;
  std::string integration;
  absl::Time created_at = absl::InfiniteFuture();
  absl::Time acknowledged_at = absl::InfiniteFuture();
  absl::Time last_event_at = absl::InfinitePast();

  // Folds in what another record says about the same alert.
  void Merge(const Alert& other);
};

struct ParseResult {
  std::vector<Alert> alerts;
  std::vector<RecordError> errors;
};

class Parser : public JsonParser<ParseResult> {
 private:
  void Read(simdjson::dom::element doc, absl::string_view name,
            ParseResult& out) override;
};

// The page signal "opsgenie:<alert id>", or nullopt (with `unmapped` naming
// what was looked for) when no team claims the alert by team, tag or
// integration, in that order.
std::optional<teamload::v1::Signal> ToSignal(const Alert& alert,
                                             const TeamMapping& mapping,
                                             std::string* unmapped);

}  // namespace teamload::collectors::opsgenie

#endif  // TEAMLOAD_COLLECTORS_OPSGENIE_ALERT_H_
