#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/jsonl.h"
#include "collectors/common/ingest_client.h"
#include "collectors/common/progress.h"

namespace teamload::cli {
namespace {

// Lines of the file waiting to be sent, and where each signal came from.
struct Pending {
  teamload::v1::IngestRequest request;
  std::vector<int64_t> signal_lines;
  std::vector<int64_t> coverage_lines;
};

}  // namespace

int RunIngest(const IngestOptions& options) {
  std::ifstream file;
  std::istream* in = &std::cin;
  int64_t total_bytes = 0;
  if (options.file != "-") {
    file.open(options.file, std::ios::binary | std::ios::ate);
    if (!file) {
      absl::FPrintF(stderr, "teamloadctl: cannot read %s\n", options.file);
      return 2;
    }
    total_bytes = file.tellg();
    file.seekg(0);
    in = &file;
  }
  const std::string& name = options.file == "-" ? "stdin" : options.file;

  collectors::IngestClient client({
      .address = options.address,
      .on_retry =
          [&](int attempt, const absl::Status& error, absl::Duration wait) {
            absl::FPrintF(stderr,
                          "teamloadctl: %s unavailable (%s); retry %d in %s\n",
                          options.address, error.message(), attempt,
                          absl::FormatDuration(wait));
          },
  });
  collectors::IngestTotals totals;
  int64_t malformed = 0, coverage_accepted = 0, coverage_rejected = 0, sent = 0;
  Pending pending;
  collectors::Progress progress("ingest " + name, total_bytes);

  const auto flush = [&]() -> bool {
    if (pending.request.signals_size() == 0 &&
        pending.request.coverage_size() == 0) {
      return true;
    }
    absl::StatusOr<teamload::v1::IngestResponse> response =
        client.Send(pending.request);
    if (!response.ok()) {
      absl::FPrintF(
          stderr,
          "teamloadctl: %s refused lines up to %d: %s\n"
          "%d signals before them were sent; running the same command again "
          "is safe (ingest is idempotent)\n",
          options.address,
          pending.signal_lines.empty() ? pending.coverage_lines.back()
                                       : pending.signal_lines.back(),
          response.status().message(), sent);
      return false;
    }
    totals.Add(*response);
    for (int i = 0; i < response->results_size(); ++i) {
      const auto& result = response->results(i);
      if (result.outcome() == teamload::v1::OUTCOME_REJECTED) {
        absl::FPrintF(stderr, "%s:%d: rejected %s: %s\n", name,
                      pending.signal_lines[i], result.id(), result.error());
      }
    }
    for (int i = 0; i < response->coverage_results_size(); ++i) {
      const auto& result = response->coverage_results(i);
      if (result.outcome() == teamload::v1::OUTCOME_REJECTED) {
        ++coverage_rejected;
        absl::FPrintF(stderr, "%s:%d: rejected coverage: %s\n", name,
                      pending.coverage_lines[i], result.error());
      } else {
        ++coverage_accepted;
      }
    }
    sent += pending.request.signals_size();
    pending = Pending();
    return true;
  };

  std::string line;
  int64_t line_number = 0, bytes_read = 0;
  while (std::getline(*in, line)) {
    ++line_number;
    bytes_read += static_cast<int64_t>(line.size()) + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    absl::StatusOr<IngestLine> parsed = ParseIngestLine(line);
    if (!parsed.ok()) {
      ++malformed;
      absl::FPrintF(stderr, "%s:%d: skipped, not a signal or coverage: %s\n",
                    name, line_number, parsed.status().message());
      continue;
    }
    if (auto* signal = std::get_if<teamload::v1::Signal>(&*parsed)) {
      *pending.request.add_signals() = std::move(*signal);
      pending.signal_lines.push_back(line_number);
    } else {
      *pending.request.add_coverage() =
          std::get<teamload::v1::Coverage>(std::move(*parsed));
      pending.coverage_lines.push_back(line_number);
    }
    if (pending.request.signals_size() >= options.batch_size && !flush())
      return 2;
    progress.Update(bytes_read, sent);
  }
  if (!flush()) return 2;

  absl::PrintF(
      "%s: %d lines; signals: %s; coverage: %d accepted, %d rejected; %d "
      "malformed lines\n",
      name, line_number, totals.ToString(), coverage_accepted,
      coverage_rejected, malformed);
  return (malformed > 0 || totals.rejected > 0 || coverage_rejected > 0) ? 1
                                                                         : 0;
}

}  // namespace teamload::cli
