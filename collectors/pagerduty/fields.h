// Fields: reads the fields of one PagerDuty JSON record (a webhook event's
// data, a REST incident, an Analytics row), remembering the first problem
// with its JSON path so the record can be skipped with a clear reason.
// Internal to the pagerduty parsers.
//
// Thread-compatible; borrows the record, which must outlive it.
#ifndef TEAMLOAD_COLLECTORS_PAGERDUTY_FIELDS_H_
#define TEAMLOAD_COLLECTORS_PAGERDUTY_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/record_error.h"
#include "simdjson.h"

namespace teamload::collectors::pagerduty {

class Fields {
 public:
  // `path` is the record's JSON path ("$.incidents[3]").
  Fields(simdjson::dom::element record, std::string path)
      : record_(record), path_(std::move(path)) {}

  // "" when missing or null (a problem when `required`).
  std::string String(const char* key, bool required = false);
  // A timestamp; one without a zone is read in `zone`. InfiniteFuture when
  // missing or null.
  absl::Time Time(const char* key, bool required,
                  const absl::TimeZone& zone = absl::UTCTimeZone());
  // A whole number; nullopt when missing or null.
  std::optional<int64_t> Int(const char* key);
  // The "id" and "summary" of a reference object such as "service".
  std::pair<std::string, std::string> Reference(const char* key);
  // The ids of an array of references such as "teams".
  std::vector<std::string> ReferenceIds(const char* key);

  bool failed() const { return !problem_.empty(); }
  // The first problem, placed in `name` (a file or URL).
  RecordError Error(absl::string_view name) const;

 private:
  // Whether `key` is there and not null.
  bool Present(const char* key);
  void Fail(const char* key, std::string why);

  simdjson::dom::element record_;
  std::string path_;
  std::string problem_path_;
  std::string problem_;
};

}  // namespace teamload::collectors::pagerduty

#endif  // TEAMLOAD_COLLECTORS_PAGERDUTY_FIELDS_H_
