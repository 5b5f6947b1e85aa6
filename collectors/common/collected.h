// Collected: what a collector has read so far, ready to deliver: its
// signals and the counts its closing summary reports. ReadFiles and
// KeepMapped fill it the same way for every source.
//
// Not thread-safe: one per collector run.
#ifndef TEAMLOAD_COLLECTORS_COMMON_COLLECTED_H_
#define TEAMLOAD_COLLECTORS_COMMON_COLLECTED_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "client/progress.h"
#include "collectors/common/inputs.h"
#include "collectors/common/record_error.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors {

struct Collected {
  std::vector<teamload::v1::Signal> signals;
  absl::Time newest = absl::InfinitePast();  // the newest record read
  int64_t files = 0;  // or API pages, when pages_from_api
  bool pages_from_api = false;
  int64_t records = 0;
  int64_t unmapped = 0;
  int64_t malformed = 0;
};

// Reports each error on stderr ("WHERE: skipped: REASON") and counts them
// as malformed.
void ReportSkipped(const std::vector<RecordError>& errors,
                   Collected& collected);

// Keeps `signal`; without one, reports `unmapped_why` (the object no team
// in the mapping at `mapping_path` claims; empty when the record simply
// makes no signal) and counts it.
void KeepMapped(std::optional<teamload::v1::Signal> signal,
                absl::string_view unmapped_why, absl::string_view mapping_path,
                Collected& collected);

// Reads every file and hands its text and name to `parse`, which returns the
// file's RecordErrors; reports each and counts files and errors into
// `collected`. An unreadable file counts as malformed. Draws a progress bar
// when stderr is a terminal.
template <typename Parse>
void ReadFiles(const std::vector<std::string>& files, Parse parse,
               Collected& collected) {
  std::string text;
  client::Progress progress("read", static_cast<int64_t>(files.size()),
                            "records");
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

#endif  // TEAMLOAD_COLLECTORS_COMMON_COLLECTED_H_
