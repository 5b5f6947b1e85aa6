#include "collectors/pagerduty/parser.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "collectors/common/timestamps.h"

namespace teamload::collectors::pagerduty {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// Reads fields of one record, remembering the first problem with its path.
class Fields {
 public:
  Fields(element record, std::string path)
      : record_(record), path_(std::move(path)) {}

  std::string String(const char* key, bool required = false) {
    std::string_view value;
    auto field = record_[key];
    if (field.error() == simdjson::NO_SUCH_FIELD ||
        (!field.error() && field.is_null())) {
      if (required) Fail(key, "is required");
      return "";
    }
    if (field.get(value)) Fail(key, "must be a string");
    return std::string(value);
  }
  absl::Time Time(const char* key, bool required) {
    const std::string text = String(key, required);
    if (text.empty()) return absl::InfiniteFuture();
    absl::StatusOr<absl::Time> t = ParseTimestamp(text);
    if (!t.ok()) {
      Fail(key, std::string(t.status().message()));
      return absl::InfiniteFuture();
    }
    return *t;
  }
  // The "id" and "summary" of a reference object such as "service".
  std::pair<std::string, std::string> Reference(const char* key) {
    object ref;
    if (record_[key].get(ref)) return {};
    std::string_view id, summary;
    // Either may be missing: an empty string then.
    if (ref["id"].get(id) != simdjson::SUCCESS) id = {};
    if (ref["summary"].get(summary) != simdjson::SUCCESS) summary = {};
    return {std::string(id), std::string(summary)};
  }
  std::vector<std::string> ReferenceIds(const char* key) {
    std::vector<std::string> ids;
    simdjson::dom::array refs;
    if (record_[key].get(refs)) return ids;
    for (element ref : refs) {
      std::string_view id;
      if (!ref["id"].get(id)) ids.emplace_back(id);
    }
    return ids;
  }
  element record() const { return record_; }
  const std::string& path() const { return path_; }
  bool failed() const { return !problem_.empty(); }
  RecordError Error(absl::string_view name) const {
    return {absl::StrCat(name, ": ", problem_path_), problem_};
  }

 private:
  void Fail(const char* key, std::string why) {
    if (failed()) return;
    problem_path_ = absl::StrCat(path_, ".", key);
    problem_ = std::move(why);
  }

  element record_;
  std::string path_;
  std::string problem_path_;
  std::string problem_;
};

void ReadCommon(Fields& f, Incident& incident) {
  incident.id = f.String("id", /*required=*/true);
  incident.title = f.String("title");
  incident.status = f.String("status");
  incident.high_urgency = f.String("urgency") == "high";
  std::tie(incident.service_id, incident.service_name) = f.Reference("service");
  incident.escalation_policy_id = f.Reference("escalation_policy").first;
  incident.team_ids = f.ReferenceIds("teams");
}

void ReadEvent(element event, absl::string_view name, ParseResult& out) {
  Fields e(event, "$.event");
  const std::string type = e.String("event_type", true);
  const absl::Time occurred = e.Time("occurred_at", true);
  element data;
  if (!e.failed() && event["data"].get(data)) {
    out.errors.push_back({absl::StrCat(name, ": $.event.data"), "is required"});
    return;
  }
  if (e.failed()) {
    out.errors.push_back(e.Error(name));
    return;
  }
  if (type.rfind("incident.", 0) != 0)
    return;  // not about an incident: nothing to say
  Fields d(data, "$.event.data");
  Incident incident;
  ReadCommon(d, incident);
  incident.created_at = d.Time("created_at", false);
  if (d.failed()) {
    out.errors.push_back(d.Error(name));
    return;
  }
  incident.last_event_at = occurred;
  if (type == "incident.triggered")
    incident.created_at = std::min(incident.created_at, occurred);
  if (type == "incident.acknowledged") incident.acknowledged_at = occurred;
  out.incidents.push_back(std::move(incident));
}

void ReadIncidents(simdjson::dom::array incidents, absl::string_view name,
                   ParseResult& out) {
  std::size_t i = 0;
  for (element record : incidents) {
    Fields f(record, absl::StrFormat("$.incidents[%d]", i++));
    Incident incident;
    ReadCommon(f, incident);
    incident.created_at = f.Time("created_at", true);
    simdjson::dom::array acks;
    if (!record["acknowledgements"].get(acks)) {
      for (element ack : acks) {
        std::string_view at;
        if (ack["at"].get(at)) continue;
        if (absl::StatusOr<absl::Time> t =
                ParseTimestamp(absl::string_view(at.data(), at.size()));
            t.ok()) {
          incident.acknowledged_at = std::min(incident.acknowledged_at, *t);
        }
      }
    }
    const absl::Time changed = f.Time("last_status_change_at", false);
    if (f.failed()) {
      out.errors.push_back(f.Error(name));
      continue;
    }
    incident.last_event_at =
        changed != absl::InfiniteFuture() ? changed : incident.created_at;
    out.incidents.push_back(std::move(incident));
  }
}

}  // namespace

ParseResult Parser::Parse(absl::string_view json, absl::string_view name) {
  ParseResult out;
  element doc;
  if (auto error = ParseJson(parser_, json, name, doc)) {
    out.errors.push_back(*error);
    return out;
  }
  element event;
  simdjson::dom::array incidents;
  if (!doc["event"].get(event)) {
    ReadEvent(event, name, out);
  } else if (!doc["incidents"].get(incidents)) {
    ReadIncidents(incidents, name, out);
    if (doc["more"].get(out.more) != simdjson::SUCCESS) out.more = false;
  } else {
    out.errors.push_back(
        {absl::StrCat(name, ": $"),
         "neither a webhook v3 event ({\"event\": ...}) nor a REST incidents "
         "page ({\"incidents\": [...]})"});
  }
  return out;
}

}  // namespace teamload::collectors::pagerduty
