#include <algorithm>
#include <cstdio>
#include <deque>
#include <fstream>
#include <future>
#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/jsonl.h"
#include "client/progress.h"
#include "client/sink.h"

namespace teamload::cli {
namespace {

// Turning JSON lines into protobuf messages is most of what teamloadctl
// does, so lines are parsed in chunks on worker threads while the main
// thread hands the chunks before them, in order, to the sink.
constexpr int kChunkLines = 2048;

struct Chunk {
  int64_t first_line = 0;  // the line number of lines[0]
  std::vector<std::string> lines;
};

struct ParsedLine {
  int64_t line = 0;
  absl::StatusOr<IngestLine> parsed;
};

std::vector<ParsedLine> ParseChunk(const Chunk& chunk) {
  std::vector<ParsedLine> parsed;
  parsed.reserve(chunk.lines.size());
  for (size_t i = 0; i < chunk.lines.size(); ++i) {
    const std::string& line = chunk.lines[i];
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    parsed.push_back(
        {chunk.first_line + static_cast<int64_t>(i), ParseIngestLine(line)});
  }
  return parsed;
}

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
  const std::string name = options.file == "-" ? "stdin" : options.file;
  std::unique_ptr<client::Sink> sink =
      client::DaemonSink({.program = "teamloadctl",
                          .address = options.address,
                          .batch_size = options.batch_size,
                          .input_name = name});
  client::Progress progress("ingest " + name, total_bytes);

  int64_t malformed = 0;
  // Hands one parsed chunk to the sink, in file order.
  const auto deliver = [&](std::vector<ParsedLine> chunk) -> absl::Status {
    for (ParsedLine& line : chunk) {
      if (!line.parsed.ok()) {
        ++malformed;
        absl::FPrintF(stderr, "%s:%d: skipped, not a signal or coverage: %s\n",
                      name, line.line, line.parsed.status().message());
        continue;
      }
      absl::Status sent = std::visit(
          [&](const auto& message) { return sink->Add(message, line.line); },
          *line.parsed);
      if (!sent.ok()) return sent;
    }
    return absl::OkStatus();
  };

  const size_t workers = std::max(2u, std::thread::hardware_concurrency());
  std::deque<std::future<std::vector<ParsedLine>>> parsing;
  const auto refused = [&](const absl::Status& error) {
    absl::FPrintF(stderr, "teamloadctl: %s\n", error.message());
    for (auto& pending : parsing) pending.wait();
    return 2;
  };
  int64_t line_number = 0, bytes_read = 0;
  Chunk chunk{.first_line = 1};
  std::string line;
  bool more = true;
  while (more) {
    more = static_cast<bool>(std::getline(*in, line));
    if (more) {
      ++line_number;
      bytes_read += static_cast<int64_t>(line.size()) + 1;
      chunk.lines.push_back(std::move(line));
      if (static_cast<int>(chunk.lines.size()) < kChunkLines) continue;
    }
    if (!chunk.lines.empty()) {
      parsing.push_back(
          std::async(std::launch::async, ParseChunk,
                     std::exchange(chunk, {.first_line = line_number + 1})));
    }
    // Keep every worker busy; deliver the oldest chunk once they all are,
    // and everything at the end.
    while (!parsing.empty() && (parsing.size() >= workers || !more)) {
      std::vector<ParsedLine> parsed = parsing.front().get();
      parsing.pop_front();
      if (absl::Status s = deliver(std::move(parsed)); !s.ok())
        return refused(s);
      progress.Update(bytes_read, sink->totals().signals.total());
    }
  }
  if (absl::Status s = sink->Flush(); !s.ok()) return refused(s);

  absl::PrintF("%s: %d lines; %s; %d malformed lines\n", name, line_number,
               sink->Summary(), malformed);
  return (malformed > 0 || sink->totals().rejected() > 0) ? 1 : 0;
}

}  // namespace teamload::cli
