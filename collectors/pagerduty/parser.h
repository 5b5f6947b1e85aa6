// Parser: PagerDuty JSON in, incidents out. Pure: bytes in, no I/O.
//
// Reads a webhook v3 event ({"event": {...}}, one per document), a REST v2
// `GET /incidents` page ({"incidents": [...], "more": ...}), or Analytics
// raw incidents ({"data": [...]} or a plain array of rows; see
// analytics.h). A malformed
// record is reported with where it is (file and JSON path) and why, and the
// rest of the document is still read.
//
// Thread-compatible: use one Parser per thread.
#ifndef TEAMLOAD_COLLECTORS_PAGERDUTY_PARSER_H_
#define TEAMLOAD_COLLECTORS_PAGERDUTY_PARSER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/record_error.h"
#include "collectors/pagerduty/incident.h"
#include "simdjson.h"

namespace teamload::collectors::pagerduty {

struct ParseResult {
  std::vector<Incident> incidents;
  std::vector<RecordError> errors;
  bool more = false;  // a REST or Analytics page that says more follow
};

class Parser {
 public:
  // `zone` reads timestamps written without one (Analytics rows).
  explicit Parser(absl::TimeZone zone = absl::UTCTimeZone()) : zone_(zone) {}

  // `name` (a file name) prefixes every error's place.
  ParseResult Parse(absl::string_view json, absl::string_view name);

 private:
  absl::TimeZone zone_;
  simdjson::dom::parser parser_;
};

}  // namespace teamload::collectors::pagerduty

#endif  // TEAMLOAD_COLLECTORS_PAGERDUTY_PARSER_H_
