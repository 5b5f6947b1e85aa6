#include "collectors/opsgenie/alert.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/signal_builders.h"
#include "collectors/common/timestamps.h"

namespace teamload::collectors::opsgenie {
namespace {

using simdjson::dom::element;

// A time that is either an epoch number or an RFC 3339 string.
absl::StatusOr<absl::Time> TimeField(element field) {
  int64_t number;
  if (field.get(number) == simdjson::SUCCESS) return FromEpochNumber(number);
  std::string_view text;
  if (field.get(text) == simdjson::SUCCESS) {
    return ParseTimestamp(absl::string_view(text.data(), text.size()));
  }
  return absl::InvalidArgumentError(
      "must be epoch milliseconds, nanoseconds or RFC 3339");
}

std::string StringField(element record, const char* key) {
  std::string_view value;
  if (record[key].get(value) != simdjson::SUCCESS) return "";
  return std::string(value);
}

// "P2" or 2.
int Priority(element record) {
  int64_t number;
  if (record["priority"].get(number) == simdjson::SUCCESS)
    return static_cast<int>(number);
  const std::string text = StringField(record, "priority");
  int parsed;
  if (text.size() == 2 && text[0] == 'P' &&
      absl::SimpleAtoi(text.substr(1), &parsed))
    return parsed;
  return 3;
}

// Teams come as ["name"] in webhooks and [{"id": ...}] in the REST export.
std::vector<std::string> Teams(element record) {
  std::vector<std::string> teams;
  simdjson::dom::array list;
  if (record["teams"].get(list) != simdjson::SUCCESS) return teams;
  for (element team : list) {
    std::string_view name;
    if (team.get(name) == simdjson::SUCCESS ||
        team["name"].get(name) == simdjson::SUCCESS ||
        team["id"].get(name) == simdjson::SUCCESS) {
      teams.emplace_back(name);
    }
  }
  return teams;
}

std::vector<std::string> Strings(element record, const char* key) {
  std::vector<std::string> out;
  simdjson::dom::array list;
  if (record[key].get(list) != simdjson::SUCCESS) return out;
  for (element item : list) {
    std::string_view s;
    if (item.get(s) == simdjson::SUCCESS) out.emplace_back(s);
  }
  return out;
}

// Reads one alert; returns an error naming the field under `path`.
std::optional<RecordError> ReadAlert(element record, const std::string& path,
                                     absl::string_view name, Alert& alert) {
  alert.id = StringField(record, "alertId");
  if (alert.id.empty()) alert.id = StringField(record, "id");
  if (alert.id.empty())
    return RecordError{absl::StrCat(name, ": ", path, ".alertId"),
                       "is required"};
  alert.message = StringField(record, "message");
  alert.entity = StringField(record, "entity");
  alert.priority = Priority(record);
  alert.teams = Teams(record);
  alert.tags = Strings(record, "tags");
  element created;
  if (record["createdAt"].get(created) != simdjson::SUCCESS) {
    return RecordError{absl::StrCat(name, ": ", path, ".createdAt"),
                       "is required"};
  }
  absl::StatusOr<absl::Time> t = TimeField(created);
  if (!t.ok())
    return RecordError{absl::StrCat(name, ": ", path, ".createdAt"),
                       std::string(t.status().message())};
  alert.created_at = *t;
  alert.last_event_at = *t;
  element updated;
  if (record["updatedAt"].get(updated) == simdjson::SUCCESS) {
    if (absl::StatusOr<absl::Time> u = TimeField(updated); u.ok()) {
      alert.last_event_at = std::max(alert.last_event_at, *u);
    }
  }
  // The REST export reports the time to acknowledge in milliseconds.
  int64_t ack_ms;
  if (record["report"]["ackTime"].get(ack_ms) == simdjson::SUCCESS) {
    alert.acknowledged_at = alert.created_at + absl::Milliseconds(ack_ms);
  }
  return std::nullopt;
}

}  // namespace

void Alert::Merge(const Alert& other) {
  const absl::Time created = std::min(created_at, other.created_at);
  const absl::Time acknowledged =
      std::min(acknowledged_at, other.acknowledged_at);
  if (other.last_event_at >= last_event_at) *this = other;
  created_at = created;
  acknowledged_at = acknowledged;
}

void Parser::Read(element doc, absl::string_view name, ParseResult& out) {
  element alert;
  simdjson::dom::array data;
  if (doc["alert"].get(alert) == simdjson::SUCCESS) {
    Alert a;
    a.integration = StringField(doc, "integrationName");
    if (auto error = ReadAlert(alert, "$.alert", name, a)) {
      out.errors.push_back(*error);
      return;
    }
    if (StringField(doc, "action") == "Acknowledge")
      a.acknowledged_at = a.last_event_at;
    out.alerts.push_back(std::move(a));
  } else if (doc["data"].get(data) == simdjson::SUCCESS) {
    std::size_t i = 0;
    for (element record : data) {
      Alert a;
      if (auto error =
              ReadAlert(record, absl::StrFormat("$.data[%d]", i++), name, a)) {
        out.errors.push_back(*error);
        continue;
      }
      out.alerts.push_back(std::move(a));
    }
  } else {
    out.errors.push_back(
        {absl::StrCat(name, ": $"),
         "neither an alert webhook ({\"alert\": ...}) nor an alert list "
         "({\"data\": [...]})"});
  }
}

std::optional<teamload::v1::Signal> ToSignal(const Alert& alert,
                                             const TeamMapping& mapping,
                                             std::string* unmapped) {
  std::optional<std::string> team;
  for (const auto& t : alert.teams)
    if (!team) team = mapping.TeamFor("opsgenie", "teams", t);
  for (const auto& t : alert.tags)
    if (!team) team = mapping.TeamFor("opsgenie", "tags", t);
  if (!team && !alert.integration.empty()) {
    team = mapping.TeamFor("opsgenie", "integrations", alert.integration);
  }
  if (!team) {
    *unmapped =
        absl::StrFormat("alert %s (teams [%s], tags [%s], integration \"%s\")",
                        alert.id, absl::StrJoin(alert.teams, " "),
                        absl::StrJoin(alert.tags, " "), alert.integration);
    return std::nullopt;
  }
  teamload::v1::Signal signal =
      client::NewSignal("opsgenie", alert.id, *team, alert.created_at);
  teamload::v1::Page* page = signal.mutable_page();
  page->set_service(alert.entity);
  page->set_urgency(alert.priority <= 2 ? teamload::v1::URGENCY_HIGH
                                        : teamload::v1::URGENCY_LOW);
  page->set_title(alert.message);
  if (alert.acknowledged_at != absl::InfiniteFuture() &&
      alert.acknowledged_at >= alert.created_at) {
    page->mutable_time_to_ack()->set_seconds(
        absl::ToInt64Seconds(alert.acknowledged_at - alert.created_at));
  }
  return signal;
}

}  // namespace teamload::collectors::opsgenie
