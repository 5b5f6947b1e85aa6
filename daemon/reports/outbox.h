// Outbox: where every report run leaves its files, whatever else happens:
// <reports_dir>/<report>/<YYYY-MM-DD>.md and .html. Each file is written to
// a temporary name in the same folder, flushed to disk and renamed over the
// final name, so a reader never sees half a report and a crash leaves the
// old file or the new one.
//
// Thread-safe: concurrent writers of the same file each rename a complete
// file of their own; the last rename wins.
#ifndef TEAMLOAD_DAEMON_REPORTS_OUTBOX_H_
#define TEAMLOAD_DAEMON_REPORTS_OUTBOX_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/config/config.h"
#include "daemon/reports/report.h"

namespace teamload::reports {

// Writes `contents` to `path` atomically (temporary file, fsync, rename),
// creating missing folders. New files and folders are owner-only (0600 and
// 0700) whatever the umask: reports quote what people wrote.
absl::Status WriteFileAtomically(const std::string& path,
                                 absl::string_view contents);

// Writes the formats `report` asks for; returns the paths written, Markdown
// first.
absl::StatusOr<std::vector<std::string>> WriteToOutbox(
    const std::string& reports_dir, const config::ReportConfig& report,
    const RenderedReport& rendered);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_OUTBOX_H_
