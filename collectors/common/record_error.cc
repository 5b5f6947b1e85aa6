#include "collectors/common/record_error.h"

#include "absl/strings/str_cat.h"

namespace teamload::collectors {

std::optional<RecordError> ParseJson(simdjson::dom::parser& parser,
                                     absl::string_view json,
                                     absl::string_view name,
                                     simdjson::dom::element& doc) {
  if (auto error = parser.parse(json.data(), json.size()).get(doc)) {
    return RecordError{
        std::string(name),
        absl::StrCat("not valid JSON: ", simdjson::error_message(error))};
  }
  return std::nullopt;
}

}  // namespace teamload::collectors
