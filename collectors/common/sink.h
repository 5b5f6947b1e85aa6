// Sink: where a collector's signals and coverage go. Either teamloadd, in
// batches over IngestService (with the client's retries), or, for
// --dry-run, standard output as JSON lines that `teamloadctl ingest` reads.
//
// Not thread-safe: one sink per collector run.
#ifndef TEAMLOAD_COLLECTORS_COMMON_SINK_H_
#define TEAMLOAD_COLLECTORS_COMMON_SINK_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "collectors/common/ingest_client.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors {

class Sink {
 public:
  virtual ~Sink() = default;
  virtual absl::Status Add(const teamload::v1::Signal& signal) = 0;
  virtual absl::Status Add(const teamload::v1::Coverage& coverage) = 0;
  // Sends what is still buffered.
  virtual absl::Status Flush() = 0;
  // "12 accepted, 0 duplicate, 1 revised, 2 rejected" or "printed 15 lines".
  virtual std::string Summary() const = 0;
  // Signals the daemon rejected (each already reported on stderr).
  virtual int64_t rejected() const = 0;
};

// Batches of `batch_size` signals to the daemon at `address`.
std::unique_ptr<Sink> DaemonSink(const std::string& address,
                                 int batch_size = 1000);

// JSON lines on stdout.
std::unique_ptr<Sink> DryRunSink();

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_SINK_H_
