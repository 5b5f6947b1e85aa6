#include <algorithm>
#include <cstdint>
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
#include "absl/strings/string_view.h"
#include "cli/commands.h"
#include "cli/jsonl.h"
#include "client/progress.h"
#include "client/sink.h"

namespace teamload::cli {
namespace {

// Turning JSON lines into protobuf messages is most of what teamloadctl
// does, so the input is read in chunks of whole lines, parsed on worker
// threads while the main thread hands the chunks before them, in order, to
// the sink. A chunk is one buffer, not a string per line: splitting and
// parsing happen on the worker, and nothing is allocated per line.
constexpr size_t kChunkBytes = 1 << 20;

struct ParsedLine {
  int64_t index = 0;  // 0 for the chunk's first line
  absl::StatusOr<IngestLine> parsed;
};

struct ParsedChunk {
  int64_t lines = 0;  // blank ones included
  std::vector<ParsedLine> parsed;
};

// `text` is whole lines: each ends with a newline, but the input's last one
// may not.
ParsedChunk ParseChunk(const std::string& text) {
  ParsedChunk chunk;
  chunk.parsed.reserve(text.size() / 128);
  absl::string_view rest = text;
  while (!rest.empty()) {
    const size_t end = std::min(rest.find('\n'), rest.size());
    const absl::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (line.find_first_not_of(" \t\r") != absl::string_view::npos) {
      chunk.parsed.push_back({chunk.lines, ParseIngestLine(line)});
    }
    ++chunk.lines;
  }
  return chunk;
}

// Reads up to about kChunkBytes of whole lines into `chunk`, keeping the
// part line that follows in `carry`. False at the end of the input.
bool ReadChunk(std::istream& in, std::string& carry, std::string& chunk) {
  chunk = std::move(carry);
  carry.clear();
  size_t at = chunk.size();
  for (;;) {
    chunk.resize(std::max(at + kChunkBytes, 2 * at));
    in.read(chunk.data() + at, static_cast<std::streamsize>(chunk.size() - at));
    const size_t got = static_cast<size_t>(in.gcount());
    const size_t last_newline = chunk.rfind('\n', at + got - (got > 0));
    at += got;
    chunk.resize(at);
    if (got == 0) return !chunk.empty();  // the last line, or nothing
    // What came before had no newline, so any is in what was just read.
    if (last_newline != std::string::npos) {
      carry.assign(chunk, last_newline + 1);
      chunk.resize(last_newline + 1);
      return true;
    }
    // No newline in what was read: one long line; read on.
  }
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
                          .endpoint = options.endpoint,
                          .batch_size = options.batch_size,
                          .input_name = name,
                          // An operator fixes a file line by line: list all.
                          .max_reported_rejections = INT64_MAX});
  client::Progress progress("ingest " + name, total_bytes);

  int64_t malformed = 0;
  int64_t line_number = 0;  // lines delivered so far
  // Hands one parsed chunk to the sink, in file order.
  const auto deliver = [&](ParsedChunk chunk) -> absl::Status {
    const int64_t first_line = line_number + 1;
    line_number += chunk.lines;
    for (ParsedLine& line : chunk.parsed) {
      const int64_t number = first_line + line.index;
      if (!line.parsed.ok()) {
        ++malformed;
        absl::FPrintF(stderr, "%s:%d: skipped, not a signal or coverage: %s\n",
                      name, number, line.parsed.status().message());
        continue;
      }
      absl::Status sent = std::visit(
          [&](auto& message) { return sink->Add(std::move(message), number); },
          *line.parsed);
      if (!sent.ok()) return sent;
    }
    return absl::OkStatus();
  };

  const size_t workers = std::max(2u, std::thread::hardware_concurrency());
  std::deque<std::future<ParsedChunk>> parsing;
  const auto refused = [&](const absl::Status& error) {
    absl::FPrintF(stderr, "teamloadctl: %s\n", error.message());
    for (auto& pending : parsing) pending.wait();
    return 2;
  };
  int64_t bytes_read = 0;
  std::string carry, text;
  bool more = true;
  while (more) {
    more = ReadChunk(*in, carry, text);
    if (more) {
      bytes_read += static_cast<int64_t>(text.size());
      parsing.push_back(
          std::async(std::launch::async,
                     [chunk = std::move(text)] { return ParseChunk(chunk); }));
      text = {};
    }
    // Keep every worker busy; deliver the oldest chunk once they all are,
    // and everything at the end.
    while (!parsing.empty() && (parsing.size() >= workers || !more)) {
      ParsedChunk parsed = parsing.front().get();
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
