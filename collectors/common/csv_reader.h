// CsvFile: a CSV export read with libcsv into its header and records, each
// record with the 1-based line it starts on, so that errors can say
// `file:line: column "X": reason`.
//
// Reads RFC 4180: quoted fields with commas, doubled quotes and embedded
// newlines; LF or CRLF line ends; a UTF-8 byte order mark (Excel's "CSV
// UTF-8"). The first record is the header; repeated names are kept (Jira
// writes one `Sprint` column per sprint), so Columns() finds all of them.
//
// Bad records are reported, skipped and never take the rest with them: a
// field that is not UTF-8, a record whose field count differs from the
// header's (its values would land under the wrong columns), broken quoting
// (reading resumes on the next line) and a quote never closed (reading
// resumes on the line after the one it opened on).
//
// Pure: bytes in, no I/O. Immutable after ReadCsv, so thread-safe to read.
#ifndef TEAMLOAD_COLLECTORS_COMMON_CSV_READER_H_
#define TEAMLOAD_COLLECTORS_COMMON_CSV_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "collectors/common/record_error.h"

namespace teamload::collectors {

struct CsvRecord {
  int64_t line = 0;                 // 1-based, where the record starts
  std::vector<std::string> fields;  // as many as the header has
};

struct CsvFile {
  std::string name;                 // the file, for error places
  std::vector<std::string> header;  // names, surrounding whitespace trimmed
  std::vector<CsvRecord> records;   // the header excluded
  std::vector<RecordError> errors;  // "file:line": reason

  // The first column named `name`, or nullopt.
  std::optional<std::size_t> Column(absl::string_view name) const;
  // Every column named `name`, left to right.
  std::vector<std::size_t> Columns(absl::string_view name) const;
  // The first column with any of `names` (exports spell some columns
  // differently across versions), or nullopt.
  std::optional<std::size_t> AnyColumn(
      const std::vector<std::string>& names) const;
  // An error about `record`'s `column`: `file:line: column "NAME"`.
  RecordError Error(const CsvRecord& record, std::size_t column,
                    std::string reason) const;
};

// Reads `text` (the contents of `name`). A file without a header row is one
// error and no records.
CsvFile ReadCsv(absl::string_view text, absl::string_view name);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_CSV_READER_H_
