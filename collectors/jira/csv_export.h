// Jira's "Export CSV (all fields)" to Issues, the same Issues the REST parser
// makes, so one ToSignal serves both. Pure: bytes in, no I/O.
//
// Columns read (either spelling; Jira Cloud renamed some): "Issue key",
// "Summary", "Project key", "Created", "Updated", "Resolved", every
// "Component/s" or "Components", every "Labels", every "Sprint". Jira writes
// a multi-valued field as one column per value, all with the same name.
//
// What the CSV can honestly say: it has no changelog, so it cannot show when
// or how often an issue moved. One deferral rule survives: an issue listed
// in N sprints was carried over from one sprint to the next N-1 times
// (times_deferred = N-1; only N >= 2 becomes a signal). What it cannot see:
// fix versions replaced (several fix versions may be deliberate, e.g.
// backports), due dates pushed, moves out of a sprint back to the backlog,
// and when each carry-over happened. occurred_at ("first deferred") is
// therefore the creation: the one moment the export states that
// never changes, so reading a newer export is a duplicate unless the issue
// itself changed, and "open N days" counts from when the work was first
// asked for. A resolution closes the deferral as in the REST path.
//
// Dates follow the instance's format, "24/Apr/22 4:41 PM" by default
// ("%d/%b/%y %I:%M %p", read in `zone`); RFC 3339 is accepted too.
//
// Thread-compatible: keeps no state.
#ifndef TEAMLOAD_COLLECTORS_JIRA_CSV_EXPORT_H_
#define TEAMLOAD_COLLECTORS_JIRA_CSV_EXPORT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/jira/issue.h"

namespace teamload::collectors::jira {

// Jira's default date-time format, in absl::ParseTime terms.
inline constexpr char kJiraCsvDateFormat[] = "%d/%b/%y %I:%M %p";

struct CsvExportOptions {
  std::string date_format = kJiraCsvDateFormat;
  absl::TimeZone zone = absl::UTCTimeZone();  // the exporting user's zone
};

// Every issue row of the export; a row with no key or an unreadable date is
// reported as `file:line: column "NAME"` and skipped. A file without any
// Sprint column is reported too (its issues are still read): it cannot show
// a deferral, and silence would pass for calm.
ParseResult ParseCsvExport(absl::string_view csv, absl::string_view name,
                           const CsvExportOptions& options);

}  // namespace teamload::collectors::jira

#endif  // TEAMLOAD_COLLECTORS_JIRA_CSV_EXPORT_H_
