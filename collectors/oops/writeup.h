// Oops write-ups: Markdown files that open with YAML front matter. Pure:
// bytes in, no I/O.
//
//   ---
//   title: Refund job ran twice against the ledger
//   team: payments
//   date: 2026-11-03                  # when it happened: a date or RFC 3339
//   written_up: 2026-11-05T16:00:00Z  # optional; default: date
//   slack: oops-payments/1762171200.000100   # optional: the mention it
//                                            # writes up, or its permalink
//   url: https://wiki.example.com/oops/42    # optional
//   ---
//   The first paragraph of the body becomes the signal's summary.
//
// Other front matter keys are ignored. A date without a zone is read in the
// zone given (the collector's --zone).
//
// Thread-safe: free functions without shared state.
#ifndef TEAMLOAD_COLLECTORS_OOPS_WRITEUP_H_
#define TEAMLOAD_COLLECTORS_OOPS_WRITEUP_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/record_error.h"

namespace teamload::collectors::oops {

struct WriteUp {
  // Stable within the write-ups folder: its path relative to the folder the
  // collector was given (set by the caller, not the parser).
  std::string key;
  std::string file;  // the path it was read from, for messages
  std::string title;
  std::string team;  // as written: the mapping's oops.teams decides
  absl::Time date;
  absl::Time written_up;
  std::string slack;  // the reference as written, "" when none
  std::string url;
  std::string summary;  // the body's first paragraph, at most 1,000 bytes
  int slack_line = 0;   // the file's line of `slack:`, for error messages
};

// Reads the front matter of `text` into `out`; on failure, the error with
// `file`, line (and column where YAML knows it) and the reason.
std::optional<RecordError> ParseWriteUp(absl::string_view text,
                                        absl::string_view file,
                                        const absl::TimeZone& zone,
                                        WriteUp& out);

// `text` cut to at most `max_bytes` without splitting a UTF-8 character,
// with "…" when it was cut.
std::string Shorten(absl::string_view text, std::size_t max_bytes);

}  // namespace teamload::collectors::oops

#endif  // TEAMLOAD_COLLECTORS_OOPS_WRITEUP_H_
