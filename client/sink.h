// Sink: where a program's signals and coverage heartbeats go. Either
// teamloadd, in batches over one IngestClient stream (with its retries), or,
// for a dry run, JSON lines (one teamload.v1.Signal or Coverage each) that
// `teamloadctl ingest` reads back. teamloadctl, every collector and
// teamload-synth send through a Sink, so retries, rejections, refusals and
// the closing summary read the same everywhere:
//
//   teamload-jira: 127.0.0.1:7070 unavailable (...); retry 2 in 180ms
//   signals.jsonl:12: rejected pd:3: team: unknown team "billing"
//   teamloadctl: 127.0.0.1:7070 refused lines from 2001 on: ...; 2000
//     signals before it went in; running the same command again is safe
//     (ingest is idempotent)
//   teamload-jira: 127.0.0.1:7070 could not take a batch: ... (retries spent)
//
// Not thread-safe: one sink per run, used from one thread.
#ifndef TEAMLOAD_CLIENT_SINK_H_
#define TEAMLOAD_CLIENT_SINK_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "client/ingest_client.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::client {

struct SinkOptions {
  // Names the program in messages: "teamload-jira".
  std::string program;
  Endpoint endpoint;
  // Signals and heartbeats per request.
  int batch_size = 1000;
  // Where items come from, when Add is given their line: rejections then
  // read "signals.jsonl:12: rejected ...". Empty: no place is named.
  std::string input_name;
  // Rejections reported one by one on stderr; past this, only counted
  // ("... and 12 more rejected" at the end, or before a refusal).
  int64_t max_reported_rejections = 100;
};

// What a sink has done so far.
struct SinkTotals {
  IngestTotals signals;
  int64_t coverage_accepted = 0;
  int64_t coverage_rejected = 0;
  int64_t printed = 0;  // JSON lines written by a dry run

  // Signals and heartbeats the daemon rejected.
  int64_t rejected() const { return signals.rejected + coverage_rejected; }
};

class Sink {
 public:
  virtual ~Sink() = default;

  // Queues one signal or heartbeat; `line` is its line in the input (0: no
  // line). An error is final: the daemon refused a batch or could not be
  // reached, and its message says what went in before (print it after the
  // program's name).
  virtual absl::Status Add(const teamload::v1::Signal& signal,
                           int64_t line = 0) = 0;
  // The same, taking the signal's contents instead of copying them.
  virtual absl::Status Add(teamload::v1::Signal&& signal, int64_t line = 0) {
    return Add(static_cast<const teamload::v1::Signal&>(signal), line);
  }
  virtual absl::Status Add(const teamload::v1::Coverage& coverage,
                           int64_t line = 0) = 0;
  // Sends what is still queued and waits for every answer.
  virtual absl::Status Flush() = 0;

  virtual const SinkTotals& totals() const = 0;
  // "signals: 12 accepted, 0 duplicate, 1 revised, 2 rejected; coverage: 3
  // accepted, 0 rejected", or "printed 15 lines" for a dry run.
  virtual std::string Summary() const = 0;
};

// Batches to the daemon at `options.endpoint`.
std::unique_ptr<Sink> DaemonSink(SinkOptions options);

// JSON lines on `out` (not owned; stdout by default).
std::unique_ptr<Sink> DryRunSink(std::FILE* out = stdout);

}  // namespace teamload::client

#endif  // TEAMLOAD_CLIENT_SINK_H_
