#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/jsonl.h"
#include "collectors/common/ingest_client.h"
#include "collectors/common/progress.h"

namespace teamload::cli {
namespace {

// Where each signal and heartbeat of one batch came from in the file.
struct BatchLines {
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

  collectors::IngestTotals totals;
  int64_t malformed = 0, coverage_accepted = 0, coverage_rejected = 0, sent = 0;
  teamload::v1::IngestRequest pending;
  BatchLines pending_lines;
  // The lines of every batch sent and not yet answered, oldest first.
  std::deque<BatchLines> in_flight;
  collectors::Progress progress("ingest " + name, total_bytes);

  const auto on_response = [&](const teamload::v1::IngestRequest& request,
                               const teamload::v1::IngestResponse& response) {
    const BatchLines& lines = in_flight.front();
    totals.Add(response);
    for (int i = 0; i < response.results_size(); ++i) {
      const auto& result = response.results(i);
      if (result.outcome() == teamload::v1::OUTCOME_REJECTED) {
        absl::FPrintF(stderr, "%s:%d: rejected %s: %s\n", name,
                      lines.signal_lines[i], result.id(), result.error());
      }
    }
    for (int i = 0; i < response.coverage_results_size(); ++i) {
      const auto& result = response.coverage_results(i);
      if (result.outcome() == teamload::v1::OUTCOME_REJECTED) {
        ++coverage_rejected;
        absl::FPrintF(stderr, "%s:%d: rejected coverage: %s\n", name,
                      lines.coverage_lines[i], result.error());
      } else {
        ++coverage_accepted;
      }
    }
    sent += request.signals_size();
    in_flight.pop_front();
  };
  collectors::IngestClient client(
      {
          .address = options.address,
          .on_retry =
              [&](int attempt, const absl::Status& error, absl::Duration wait) {
                absl::FPrintF(
                    stderr,
                    "teamloadctl: %s unavailable (%s); retry %d in %s\n",
                    options.address, error.message(), attempt,
                    absl::FormatDuration(wait));
              },
      },
      on_response);
  const auto refused = [&](const absl::Status& error) {
    if (in_flight.empty()) {
      absl::FPrintF(stderr, "teamloadctl: %s: %s\n", options.address,
                    error.message());
      return 2;
    }
    const BatchLines& first = in_flight.front();
    absl::FPrintF(stderr,
                  "teamloadctl: %s refused lines from %d on: %s\n"
                  "%d signals before them were sent; running the same "
                  "command again is safe (ingest is idempotent)\n",
                  options.address,
                  first.signal_lines.empty() ? first.coverage_lines.front()
                                             : first.signal_lines.front(),
                  error.message(), sent);
    return 2;
  };
  const auto send = [&]() -> absl::Status {
    if (pending.signals_size() == 0 && pending.coverage_size() == 0) {
      return absl::OkStatus();
    }
    teamload::v1::IngestRequest request;
    request.Swap(&pending);
    in_flight.push_back(std::exchange(pending_lines, {}));
    return client.Send(std::move(request));
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
      *pending.add_signals() = std::move(*signal);
      pending_lines.signal_lines.push_back(line_number);
    } else {
      *pending.add_coverage() =
          std::get<teamload::v1::Coverage>(std::move(*parsed));
      pending_lines.coverage_lines.push_back(line_number);
    }
    if (pending.signals_size() >= options.batch_size) {
      if (absl::Status s = send(); !s.ok()) return refused(s);
    }
    progress.Update(bytes_read, sent);
  }
  if (absl::Status s = send(); !s.ok()) return refused(s);
  if (absl::Status s = client.Finish(); !s.ok()) return refused(s);

  absl::PrintF(
      "%s: %d lines; signals: %s; coverage: %d accepted, %d rejected; %d "
      "malformed lines\n",
      name, line_number, totals.ToString(), coverage_accepted,
      coverage_rejected, malformed);
  return (malformed > 0 || totals.rejected > 0 || coverage_rejected > 0) ? 1
                                                                         : 0;
}

}  // namespace teamload::cli
