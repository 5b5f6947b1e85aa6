#include "collectors/jira/issue.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "collectors/common/timestamps.h"

namespace teamload::collectors::jira {
namespace {

using simdjson::dom::element;

// The string at e[key], or "" when the field is missing.
std::string Str(element e, const char* key) {
  std::string_view v;
  if (e[key].get(v) != simdjson::SUCCESS) return "";
  return std::string(v);
}

// The same for a lookup that may itself have failed: a result in error is
// never converted to an element (that would throw).
std::string Str(simdjson::simdjson_result<element> result, const char* key) {
  element e;
  if (result.get(e) != simdjson::SUCCESS) return "";
  return Str(e, key);
}

std::set<std::string> Sprints(const std::string& text) {
  std::set<std::string> sprints;
  for (absl::string_view s :
       absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    sprints.insert(std::string(absl::StripAsciiWhitespace(s)));
  }
  return sprints;
}

// Whether one changelog item defers the issue once more.
bool Defers(const std::string& field, const std::string& from,
            const std::string& to) {
  if (field == "Sprint") {
    const std::set<std::string> before = Sprints(from), after = Sprints(to);
    if (before.empty()) return false;  // first planned into a sprint
    for (const auto& s : before)
      if (!after.contains(s)) return true;  // moved out
    for (const auto& s : after)
      if (!before.contains(s)) return true;  // carried over
    return false;
  }
  if (field == "Fix Version" || field == "fixVersions")
    return !from.empty() && from != to;
  if (field == "duedate")
    return !from.empty() && !to.empty() && to > from;  // ISO dates sort
  return false;
}

// The labels a changelog item added (Jira writes labels space-separated),
// each at `at` unless a later addition is known.
void NoteLabelsAdded(element item, absl::Time at, Issue& issue) {
  std::set<std::string> before;
  for (absl::string_view l :
       absl::StrSplit(Str(item, "fromString"), ' ', absl::SkipEmpty())) {
    before.emplace(l);
  }
  for (absl::string_view l :
       absl::StrSplit(Str(item, "toString"), ' ', absl::SkipEmpty())) {
    if (before.contains(std::string(l))) continue;
    auto [it, inserted] = issue.labels_added.emplace(std::string(l), at);
    if (!inserted) it->second = std::max(it->second, at);
  }
}

// The team that owns `issue`: by component ("PROJECT/component"), then
// label, then project; nullopt with `unmapped` naming it.
std::optional<std::string> TeamOf(const Issue& issue,
                                  const TeamMapping& mapping,
                                  std::string* unmapped) {
  std::optional<std::string> team;
  for (const auto& c : issue.components) {
    if (!team)
      team = mapping.TeamFor("jira", "components",
                             absl::StrCat(issue.project, "/", c));
  }
  for (const auto& l : issue.labels)
    if (!team) team = mapping.TeamFor("jira", "labels", l);
  if (!team) team = mapping.TeamFor("jira", "projects", issue.project);
  if (!team) {
    *unmapped = absl::StrFormat(
        "issue %s (project %s, components [%s], labels [%s])", issue.key,
        issue.project, absl::StrJoin(issue.components, " "),
        absl::StrJoin(issue.labels, " "));
  }
  return team;
}

std::optional<RecordError> ReadIssue(element record, const std::string& path,
                                     absl::string_view name, Issue& issue) {
  const auto error = [&](const std::string& field, std::string why) {
    return RecordError{absl::StrCat(name, ": ", path, field), std::move(why)};
  };
  issue.key = Str(record, "key");
  if (issue.key.empty()) return error(".key", "is required");
  element fields;
  if (record["fields"].get(fields) != simdjson::SUCCESS)
    return error(".fields", "is required");
  issue.title = Str(fields, "summary");
  issue.issue_type = Str(fields["issuetype"], "name");
  if (const std::string due = Str(fields, "duedate"); !due.empty()) {
    absl::StatusOr<absl::Time> t = ParseDateOrTime(due, absl::UTCTimeZone());
    if (!t.ok())
      return error(".fields.duedate", std::string(t.status().message()));
    issue.planned_end = *t;
  }
  issue.project = Str(fields["project"], "key");
  if (issue.project.empty())
    issue.project = issue.key.substr(0, issue.key.find('-'));
  simdjson::dom::array list;
  if (fields["components"].get(list) == simdjson::SUCCESS) {
    for (element c : list) issue.components.push_back(Str(c, "name"));
  }
  if (fields["labels"].get(list) == simdjson::SUCCESS) {
    for (element l : list) {
      std::string_view label;
      if (l.get(label) == simdjson::SUCCESS) issue.labels.emplace_back(label);
    }
  }
  absl::StatusOr<absl::Time> created = ParseTimestamp(Str(fields, "created"));
  if (!created.ok())
    return error(".fields.created", std::string(created.status().message()));
  issue.created_at = *created;
  issue.updated_at = *created;
  if (const std::string resolved = Str(fields, "resolutiondate");
      !resolved.empty()) {
    absl::StatusOr<absl::Time> t = ParseTimestamp(resolved);
    if (!t.ok())
      return error(".fields.resolutiondate", std::string(t.status().message()));
    issue.resolved_at = *t;
  }
  if (record["changelog"]["histories"].get(list) != simdjson::SUCCESS)
    return std::nullopt;
  std::size_t h = 0;
  for (element history : list) {
    const std::string at = Str(history, "created");
    absl::StatusOr<absl::Time> t = ParseTimestamp(at);
    if (!t.ok()) {
      return error(absl::StrFormat(".changelog.histories[%d].created", h),
                   std::string(t.status().message()));
    }
    issue.updated_at = std::max(issue.updated_at, *t);
    simdjson::dom::array items;
    if (history["items"].get(items) == simdjson::SUCCESS) {
      for (element item : items) {
        const std::string field = Str(item, "field");
        if (field == "labels") NoteLabelsAdded(item, *t, issue);
        if (field == "resolution" && !Str(item, "toString").empty()) {
          issue.resolved_at = std::min(issue.resolved_at, *t);
        }
        if (Defers(field, Str(item, "fromString"), Str(item, "toString"))) {
          ++issue.times_deferred;
          issue.first_deferred_at = std::min(issue.first_deferred_at, *t);
        }
      }
    }
    ++h;
  }
  return std::nullopt;
}

}  // namespace

void Parser::Read(element doc, absl::string_view name, ParseResult& out) {
  simdjson::dom::array issues;
  std::vector<std::pair<element, std::string>> records;
  if (doc["issues"].get(issues) == simdjson::SUCCESS) {
    std::size_t i = 0;
    for (element issue : issues)
      records.push_back({issue, absl::StrFormat("$.issues[%d]", i++)});
  } else if (doc["key"].error() == simdjson::SUCCESS) {
    records.push_back({doc, "$"});
  } else {
    out.errors.push_back({absl::StrCat(name, ": $"),
                          "neither an issue ({\"key\": ...}) nor a search page "
                          "({\"issues\": [...]})"});
  }
  for (const auto& [record, path] : records) {
    Issue issue;
    if (auto error = ReadIssue(record, path, name, issue)) {
      out.errors.push_back(*error);
    } else {
      out.issues.push_back(std::move(issue));
    }
  }
}

std::optional<teamload::v1::Signal> ToSignal(const Issue& issue,
                                             const TeamMapping& mapping,
                                             std::string* unmapped) {
  return DeferralSignal("jira", issue,
                        [&] { return TeamOf(issue, mapping, unmapped); });
}

std::optional<teamload::v1::Signal> ToMigrationSignal(
    const Issue& issue, const TeamMapping& mapping,
    const MigrationLabels& options, std::string* unmapped) {
  if (issue.issue_type != "Epic") return std::nullopt;
  return MigrationSignal("jira", issue, options,
                         [&] { return TeamOf(issue, mapping, unmapped); });
}

}  // namespace teamload::collectors::jira
