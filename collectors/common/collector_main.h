// What every collector binary shares around its parser: the common flags,
// the inputs (files, or folders of them), and delivery: the signals and the
// coverage heartbeats of every mapped team to the sink, a final summary line
// on stderr, and the exit code.
//
// Exit codes: 0 all went in; 1 something was skipped (malformed, unmapped or
// rejected) unless --allow-partial; 2 teamloadd could not take it, or the
// command line or mapping is wrong.
#ifndef TEAMLOAD_COLLECTORS_COMMON_COLLECTOR_MAIN_H_
#define TEAMLOAD_COLLECTORS_COMMON_COLLECTOR_MAIN_H_

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/progress.h"
#include "collectors/common/team_mapping.h"
#include "simdjson.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors {

struct CollectorFlags {
  std::vector<std::string> inputs;
  std::string mapping_path;
  std::string address = "127.0.0.1:7070";
  bool dry_run = false;
  bool allow_partial = false;
  std::string covered_through;
  int batch_size = 1000;
};

// Adds INPUTS, --mapping, --addr (or TEAMLOAD_ADDR), --dry-run,
// --allow-partial, --covered-through and --batch-size to `app`.
void AddCollectorFlags(CLI::App& app, CollectorFlags& flags);

// Parses the command line. Returns the exit code when the collector should
// stop: 0 after --help, 2 (with CLI11's message) when the command line is
// wrong, as the exit codes above promise.
std::optional<int> ParseCommandLine(CLI::App& app, int argc, char** argv);

// The files named, and the files with `extension` inside named folders, sorted.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      const std::string& extension);
// The same with any of `extensions` (".json" and ".csv") inside folders.
std::vector<std::string> ExpandInputs(
    const std::vector<std::string>& inputs,
    const std::vector<std::string>& extensions);

// A record a parser could not read: where (file and JSON path) and why.
struct RecordError {
  std::string where;  // "events/7.json: $.event.occurred_at"
  std::string reason;
};

// Parses `json` into `doc`; on failure, the error for `name` instead.
std::optional<RecordError> ParseJson(simdjson::dom::parser& parser,
                                     absl::string_view json,
                                     absl::string_view name,
                                     simdjson::dom::element& doc);

// Reads every file and hands its text and name to `parse`, which returns the
// file's RecordErrors; reports each on stderr and counts files and errors
// into `collected`. An unreadable file counts as malformed. Draws a progress
// bar when stderr is a terminal.
template <typename Parse>
void ReadFiles(const std::vector<std::string>& files, Parse parse,
               struct Collected& collected);

// What a collector read, ready to deliver.
struct Collected {
  std::vector<teamload::v1::Signal> signals;
  absl::Time newest = absl::InfinitePast();  // the newest record read
  int64_t files = 0;  // or API pages, when pages_from_api
  bool pages_from_api = false;
  int64_t records = 0;
  int64_t unmapped = 0;
  int64_t malformed = 0;
};

// Keeps `signal`; without one, reports `unmapped_why` (the object no team
// claims; empty when the record simply makes no signal) and counts it.
void KeepMapped(std::optional<teamload::v1::Signal> signal,
                absl::string_view unmapped_why, const CollectorFlags& flags,
                Collected& collected);

// Sends (or prints, with --dry-run) the signals, and coverage for every team
// `mapping` names for `source` when the read was `complete`; returns the
// exit code (2 when it was not complete: what was read went in, but the
// source was not seen through).
int Deliver(const std::string& collector, const std::string& source,
            const CollectorFlags& flags, const TeamMapping& mapping,
            const Collected& collected, bool complete = true);

// Reports each error on stderr ("WHERE: skipped: REASON") and counts them
// as malformed.
void ReportSkipped(const std::vector<RecordError>& errors,
                   Collected& collected);

// The whole text of a file; false when it cannot be read.
bool ReadFile(const std::string& path, std::string& text);

template <typename Parse>
void ReadFiles(const std::vector<std::string>& files, Parse parse,
               Collected& collected) {
  std::string text;
  Progress progress("read", static_cast<int64_t>(files.size()), "records");
  for (const std::string& file : files) {
    progress.Update(collected.files, collected.records);
    ++collected.files;
    if (ReadFile(file, text)) {
      ReportSkipped(parse(text, file), collected);
    } else {
      ReportSkipped({{file, "cannot read"}}, collected);
    }
  }
}

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_COLLECTOR_MAIN_H_
