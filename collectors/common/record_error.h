// RecordError: a record a parser could not read, with where (file and JSON
// path) and why. Every parser returns them instead of stopping, so one bad
// record never costs the good ones around it; ParseJson is the entry point
// the JSON parsers share.
#ifndef TEAMLOAD_COLLECTORS_COMMON_RECORD_ERROR_H_
#define TEAMLOAD_COLLECTORS_COMMON_RECORD_ERROR_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "simdjson.h"

namespace teamload::collectors {

struct RecordError {
  std::string where;  // "events/7.json: $.event.occurred_at"
  std::string reason;
};

// Parses `json` into `doc`; on failure, the error for `name` instead.
std::optional<RecordError> ParseJson(simdjson::dom::parser& parser,
                                     absl::string_view json,
                                     absl::string_view name,
                                     simdjson::dom::element& doc);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_RECORD_ERROR_H_
