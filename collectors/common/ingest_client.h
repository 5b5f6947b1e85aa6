// IngestClient: how every collector (and teamloadctl) talks to teamloadd.
// It sends batches over IngestService, retrying UNAVAILABLE with exponential
// backoff and jitter; retrying is safe because ingest is idempotent.
//
// Thread-compatible: one client per thread, or guard it yourself.
#ifndef TEAMLOAD_COLLECTORS_COMMON_INGEST_CLIENT_H_
#define TEAMLOAD_COLLECTORS_COMMON_INGEST_CLIENT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "teamload/v1/ingest.grpc.pb.h"

namespace teamload::collectors {

struct IngestClientOptions {
  std::string address = "127.0.0.1:7070";
  int max_attempts = 8;
  absl::Duration initial_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(5);
  absl::Duration rpc_timeout = absl::Seconds(60);
  // Called before each retry with the attempt number and the error.
  std::function<void(int attempt, const absl::Status& error,
                     absl::Duration wait)>
      on_retry;
};

// Outcome totals across every response seen.
struct IngestTotals {
  int64_t accepted = 0;
  int64_t duplicate = 0;
  int64_t revised = 0;
  int64_t rejected = 0;

  void Add(const teamload::v1::IngestResponse& response);
  // "12 accepted, 0 duplicate, 1 revised, 2 rejected"
  std::string ToString() const;
};

class IngestClient {
 public:
  explicit IngestClient(IngestClientOptions options);

  // Sends one batch; returns the daemon's per-signal results, or the last
  // error once retries are spent (or at once for errors not worth retrying).
  absl::StatusOr<teamload::v1::IngestResponse> Send(
      const teamload::v1::IngestRequest& request);

 private:
  IngestClientOptions options_;
  std::unique_ptr<teamload::v1::IngestService::Stub> stub_;
};

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_INGEST_CLIENT_H_
