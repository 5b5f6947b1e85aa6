#include "collectors/pagerduty/fields.h"

#include "absl/strings/str_cat.h"
#include "collectors/common/timestamps.h"

namespace teamload::collectors::pagerduty {

bool Fields::Present(const char* key) {
  auto field = record_[key];
  // Another error (the record is not an object) is left for get() to name.
  if (field.error() == simdjson::NO_SUCH_FIELD) return false;
  return field.error() != simdjson::SUCCESS || !field.is_null();
}

std::string Fields::String(const char* key, bool required) {
  if (!Present(key)) {
    if (required) Fail(key, "is required");
    return "";
  }
  std::string_view value;
  if (record_[key].get(value) != simdjson::SUCCESS) {
    Fail(key, "must be a string");
  }
  return std::string(value);
}

absl::Time Fields::Time(const char* key, bool required,
                        const absl::TimeZone& zone) {
  const std::string text = String(key, required);
  if (text.empty()) return absl::InfiniteFuture();
  absl::StatusOr<absl::Time> t = ParseTimestamp(text, zone);
  if (!t.ok()) {
    Fail(key, std::string(t.status().message()));
    return absl::InfiniteFuture();
  }
  return *t;
}

std::optional<int64_t> Fields::Int(const char* key) {
  if (!Present(key)) return std::nullopt;
  int64_t value = 0;
  if (record_[key].get(value) != simdjson::SUCCESS) {
    Fail(key, "must be a whole number");
    return std::nullopt;
  }
  return value;
}

std::pair<std::string, std::string> Fields::Reference(const char* key) {
  simdjson::dom::object ref;
  if (record_[key].get(ref) != simdjson::SUCCESS) return {};
  std::string_view id, summary;
  // Either may be missing: an empty string then.
  if (ref["id"].get(id) != simdjson::SUCCESS) id = {};
  if (ref["summary"].get(summary) != simdjson::SUCCESS) summary = {};
  return {std::string(id), std::string(summary)};
}

std::vector<std::string> Fields::ReferenceIds(const char* key) {
  std::vector<std::string> ids;
  simdjson::dom::array refs;
  if (record_[key].get(refs) != simdjson::SUCCESS) return ids;
  for (simdjson::dom::element ref : refs) {
    std::string_view id;
    if (ref["id"].get(id) == simdjson::SUCCESS) ids.emplace_back(id);
  }
  return ids;
}

RecordError Fields::Error(absl::string_view name) const {
  return {absl::StrCat(name, ": ", problem_path_), problem_};
}

void Fields::Fail(const char* key, std::string why) {
  if (failed()) return;
  problem_path_ = absl::StrCat(path_, ".", key);
  problem_ = std::move(why);
}

}  // namespace teamload::collectors::pagerduty
