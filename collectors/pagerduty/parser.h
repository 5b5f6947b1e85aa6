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
#include "collectors/common/json_parser.h"
#include "collectors/common/record_error.h"
#include "collectors/pagerduty/incident.h"
#include "simdjson.h"

namespace teamload::collectors::pagerduty {

struct ParseResult {
  std::vector<Incident> incidents;
  std::vector<RecordError> errors;
  bool more = false;  // a REST or Analytics page that says more follow
};

class Parser : public JsonParser<ParseResult> {
 public:
  // `zone` reads timestamps written without one (Analytics rows).
  explicit Parser(absl::TimeZone zone = absl::UTCTimeZone()) : zone_(zone) {}

 private:
  void Read(simdjson::dom::element doc, absl::string_view name,
            ParseResult& out) override;

  absl::TimeZone zone_;
};

}  // namespace teamload::collectors::pagerduty

#endif  // TEAMLOAD_COLLECTORS_PAGERDUTY_PARSER_H_
