#include "collectors/jira/csv_export.h"

#include <optional>
#include <set>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "collectors/common/csv_reader.h"
#include "collectors/common/timestamps.h"

namespace teamload::collectors::jira {
namespace {

// The non-empty values of `columns`, trimmed, in column order.
std::vector<std::string> Values(const CsvRecord& row,
                                const std::vector<std::size_t>& columns) {
  std::vector<std::string> values;
  for (std::size_t c : columns) {
    const absl::string_view v = absl::StripAsciiWhitespace(row.fields[c]);
    if (!v.empty()) values.emplace_back(v);
  }
  return values;
}

std::vector<std::size_t> ColumnsOf(const CsvFile& file,
                                   const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    std::vector<std::size_t> columns = file.Columns(name);
    if (!columns.empty()) return columns;
  }
  return {};
}

}  // namespace

ParseResult ParseCsvExport(absl::string_view csv, absl::string_view name,
                           const CsvExportOptions& options) {
  ParseResult out;
  CsvFile file = ReadCsv(csv, name);
  out.errors = std::move(file.errors);
  if (file.header.empty()) return out;
  const std::optional<std::size_t> key = file.Column("Issue key");
  const std::optional<std::size_t> created = file.Column("Created");
  if (!key || !created) {
    out.errors.push_back(
        {file.name,
         absl::StrFormat("not a Jira CSV export: no \"Issue key\" and "
                         "\"Created\" columns (the header has: %s)",
                         absl::StrJoin(file.header, ", "))});
    return out;
  }
  const std::optional<std::size_t> summary = file.Column("Summary");
  const std::optional<std::size_t> project = file.Column("Project key");
  const std::optional<std::size_t> updated = file.Column("Updated");
  const std::optional<std::size_t> resolved = file.Column("Resolved");
  const std::vector<std::size_t> components =
      ColumnsOf(file, {"Component/s", "Components"});
  const std::vector<std::size_t> labels = file.Columns("Labels");
  const std::vector<std::size_t> sprints = file.Columns("Sprint");
  if (sprints.empty()) {
    // Every issue would look never deferred: say so rather than report calm.
    out.errors.push_back(
        {file.name,
         "no \"Sprint\" column, so no deferral can be seen (export with "
         "Export CSV (all fields)); issues read without it"});
  }

  for (const CsvRecord& row : file.records) {
    Issue issue;
    issue.key = std::string(absl::StripAsciiWhitespace(row.fields[*key]));
    if (issue.key.empty()) {
      out.errors.push_back(file.Error(row, *key, "is empty"));
      continue;
    }
    // A date column's time, or the error that skips the row.
    const auto date = [&](std::optional<std::size_t> column,
                          absl::Time& t) -> bool {
      if (!column) return true;
      const absl::string_view text =
          absl::StripAsciiWhitespace(row.fields[*column]);
      if (text.empty()) return true;
      absl::StatusOr<absl::Time> parsed =
          ParseTimestampAs(text, options.date_format, options.zone);
      if (parsed.ok()) {
        t = *parsed;
        return true;
      }
      out.errors.push_back(
          file.Error(row, *column, std::string(parsed.status().message())));
      return false;
    };
    if (absl::StripAsciiWhitespace(row.fields[*created]).empty()) {
      out.errors.push_back(file.Error(row, *created, "is empty"));
      continue;
    }
    if (!date(created, issue.created_at)) continue;
    issue.updated_at = issue.created_at;
    if (!date(updated, issue.updated_at) ||
        !date(resolved, issue.resolved_at)) {
      continue;
    }
    if (summary) issue.title = row.fields[*summary];
    if (project)
      issue.project =
          std::string(absl::StripAsciiWhitespace(row.fields[*project]));
    if (issue.project.empty())
      issue.project = issue.key.substr(0, issue.key.find('-'));
    issue.components = Values(row, components);
    issue.labels = Values(row, labels);
    const std::vector<std::string> listed = Values(row, sprints);
    const std::set<std::string> distinct(listed.begin(), listed.end());
    if (distinct.size() >= 2) {
      issue.times_deferred = static_cast<int>(distinct.size()) - 1;
      issue.first_deferred_at = issue.created_at;
    }
    out.issues.push_back(std::move(issue));
  }
  return out;
}

}  // namespace teamload::collectors::jira
