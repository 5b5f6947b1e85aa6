#include "collectors/common/csv_reader.h"

#include <csv.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "simdjson.h"

namespace teamload::collectors {
namespace {

// One libcsv parser, freed with the object.
class LibCsv {
 public:
  LibCsv() { csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI); }
  ~LibCsv() { csv_free(&parser_); }
  LibCsv(const LibCsv&) = delete;
  LibCsv& operator=(const LibCsv&) = delete;
  csv_parser* get() { return &parser_; }

 private:
  csv_parser parser_;
};

// What libcsv's callbacks fill in while one run of lines is fed to it.
struct Pending {
  int64_t start_line = 0;  // of the record being read
  bool ended = false;      // a record ended during the last feed
  std::vector<std::string> fields;
  std::vector<CsvRecord> done;
};

void OnField(void* text, std::size_t size, void* data) {
  auto* pending = static_cast<Pending*>(data);
  if (text == nullptr) size = 0;
  pending->fields.emplace_back(static_cast<const char*>(text), size);
}

void OnRecordEnd(int /*terminator*/, void* data) {
  auto* pending = static_cast<Pending*>(data);
  pending->done.push_back({pending->start_line, std::move(pending->fields)});
  pending->fields.clear();
  pending->ended = true;
}

std::string Place(absl::string_view file, int64_t line) {
  return absl::StrCat(file, ":", line);
}

bool IsBlank(absl::string_view line) {
  return line.empty() || line == "\n" || line == "\r\n";
}

// Feeds libcsv one physical line at a time from line index `first`, so each
// record knows the line it starts on: a record starts on the first line fed
// after the previous one ended. Appends the records read to `records`;
// returns the line index to resume reading at after an error, or
// `starts.size()` when the text is done.
std::size_t ReadLines(absl::string_view text,
                      const std::vector<std::size_t>& starts, std::size_t first,
                      absl::string_view name, std::vector<CsvRecord>& records,
                      std::vector<std::pair<int64_t, RecordError>>& errors) {
  LibCsv parser;
  Pending pending;
  const auto keep_done = [&] {
    for (CsvRecord& record : pending.done) records.push_back(std::move(record));
    pending.done.clear();
  };
  bool at_record_start = true;
  for (std::size_t i = first; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : text.size();
    const absl::string_view line = text.substr(starts[i], end - starts[i]);
    if (at_record_start) pending.start_line = static_cast<int64_t>(i) + 1;
    pending.ended = false;
    const std::size_t read = csv_parse(parser.get(), line.data(), line.size(),
                                       OnField, OnRecordEnd, &pending);
    keep_done();
    if (read != line.size()) {
      errors.push_back({pending.start_line,
                        {Place(name, pending.start_line),
                         "broken quoting (a quote inside an unquoted field, "
                         "or text after a closing quote)"}});
      return i + 1;
    }
    at_record_start = pending.ended || (at_record_start && IsBlank(line));
  }
  if (csv_fini(parser.get(), OnField, OnRecordEnd, &pending) != 0) {
    errors.push_back({pending.start_line,
                      {Place(name, pending.start_line),
                       "a quoted field opened on this line is never closed"}});
    // Whatever followed the stray quote is read again as records.
    return static_cast<std::size_t>(pending.start_line);
  }
  keep_done();
  return starts.size();
}

bool IsUtf8(const std::string& field) {
  return simdjson::validate_utf8(field.data(), field.size());
}

}  // namespace

std::optional<std::size_t> CsvFile::Column(absl::string_view name) const {
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] == name) return c;
  }
  return std::nullopt;
}

std::vector<std::size_t> CsvFile::Columns(absl::string_view name) const {
  std::vector<std::size_t> columns;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] == name) columns.push_back(c);
  }
  return columns;
}

std::optional<std::size_t> CsvFile::AnyColumn(
    const std::vector<std::string>& names) const {
  for (const std::string& n : names) {
    if (std::optional<std::size_t> c = Column(n)) return c;
  }
  return std::nullopt;
}

RecordError CsvFile::Error(const CsvRecord& record, std::size_t column,
                           std::string reason) const {
  return {absl::StrFormat("%s: column \"%s\"", Place(name, record.line),
                          column < header.size() ? header[column] : "?"),
          std::move(reason)};
}

CsvFile ReadCsv(absl::string_view text, absl::string_view name) {
  CsvFile file{.name = std::string(name)};
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  std::vector<std::size_t> starts = {0};
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  std::vector<CsvRecord> records;
  std::vector<std::pair<int64_t, RecordError>> errors;  // by line
  for (std::size_t next = 0; next < starts.size();) {
    next = ReadLines(text, starts, next, name, records, errors);
  }
  const auto sorted_errors = [&] {
    std::stable_sort(
        errors.begin(), errors.end(),
        [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [line, error] : errors) file.errors.push_back(std::move(error));
  };
  if (records.empty()) {
    errors.push_back({0, {std::string(name), "no header row"}});
    sorted_errors();
    return file;
  }
  for (const std::string& column : records[0].fields) {
    file.header.emplace_back(absl::StripAsciiWhitespace(column));
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    CsvRecord& record = records[r];
    // A line of spaces is one empty field: blank, not a short record.
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;
    if (record.fields.size() != file.header.size()) {
      errors.push_back(
          {record.line,
           {Place(name, record.line),
            absl::StrFormat("has %d fields where the header has %d",
                            record.fields.size(), file.header.size())}});
      continue;
    }
    std::optional<std::size_t> not_utf8;
    for (std::size_t c = 0; c < record.fields.size() && !not_utf8; ++c) {
      if (!IsUtf8(record.fields[c])) not_utf8 = c;
    }
    if (not_utf8) {
      errors.push_back(
          {record.line,
           file.Error(record, *not_utf8,
                      "is not UTF-8 text (export the file as CSV UTF-8)")});
      continue;
    }
    file.records.push_back(std::move(record));
  }
  sorted_errors();
  return file;
}

}  // namespace teamload::collectors
