// IngestClient: how every program that sends signals talks to teamloadd
// (most use it through a Sink, sink.h).
// It sends batches over one IngestService.IngestStream, keeping a few
// batches in flight, and hands each response back in order. When the stream
// breaks with UNAVAILABLE (the daemon restarting, a network blip) or with an
// overload refusal (OverloadPushback) it opens a new one after exponential
// backoff with jitter, plus the pause the daemon asked for, and sends every
// batch not yet answered again; that is safe because ingest is idempotent.
//
// Thread-compatible: one client per thread, or guard it yourself.
#ifndef TEAMLOAD_CLIENT_INGEST_CLIENT_H_
#define TEAMLOAD_CLIENT_INGEST_CLIENT_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "client/endpoint.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/sync_stream.h"
#include "teamload/v1/ingest.grpc.pb.h"

namespace teamload::client {

// The trailer with which teamloadd marks a refusal for overload (a limit on
// what it holds at once, not on the request): milliseconds to wait before
// sending the same request again. gRPC's retry policy reads the same key.
inline constexpr char kRetryPushbackKey[] = "grpc-retry-pushback-ms";
// What gRPC answers, unmarked, when every server thread is busy
// (limits.max_threads): also an overload.
inline constexpr char kThreadpoolExhausted[] = "Server Threadpool Exhausted";

// How long to wait before sending again when `status`, with the trailers in
// `context`, is an overload refusal: RESOURCE_EXHAUSTED with a non-negative
// kRetryPushbackKey, or gRPC's kThreadpoolExhausted (no wait of its own).
// nullopt for anything else, among them RESOURCE_EXHAUSTED for a request over
// limits.max_request_bytes, which no retry fixes.
// REQUIRES: the call of `context` has finished.
std::optional<absl::Duration> OverloadPushback(
    const grpc::Status& status, const grpc::ClientContext& context);

struct IngestClientOptions {
  Endpoint endpoint;
  // Attempts in a row without any answer before giving up (overload
  // refusals included).
  int max_attempts = 8;
  absl::Duration initial_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(5);
  // A stream's deadline. A stream is replaced by a new one, between
  // batches, once it is half that old, so long runs never hit it.
  absl::Duration rpc_timeout = absl::Seconds(60);
  // Batches sent and not yet answered.
  int window = 4;
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
  // Signals answered, whatever the outcome.
  int64_t total() const { return accepted + duplicate + revised + rejected; }
  // "12 accepted, 0 duplicate, 1 revised, 2 rejected"
  std::string ToString() const;
};

class IngestClient {
 public:
  // Receives each batch with its response, in the order they were sent.
  using OnResponse = std::function<void(const teamload::v1::IngestRequest&,
                                        const teamload::v1::IngestResponse&)>;

  IngestClient(IngestClientOptions options, OnResponse on_response);
  ~IngestClient();

  // Queues `request` on the stream, first waiting for an answer while the
  // window is full. UNAVAILABLE, a stream past its deadline and an overload
  // refusal are retried. An error is final (every later call returns it):
  // retries are spent, or the daemon refused the batch (INVALID_ARGUMENT,
  // RESOURCE_EXHAUSTED over a per-request limit, ...); batches not yet
  // answered were not acknowledged.
  absl::Status Send(teamload::v1::IngestRequest request);

  // Waits for every answer and closes the stream.
  absl::Status Finish();

  // Batches answered so far.
  int64_t answered() const { return answered_; }

 private:
  struct Stream;

  // Receives the answer to the oldest batch in flight.
  absl::Status ReceiveOne();
  // Hands `response` on with the oldest batch in flight, and forgets both.
  void Answered(const teamload::v1::IngestResponse& response);
  // Ends a broken stream, then retries: backoff, a new stream, and every
  // batch in flight sent again. Returns the final error when it gives up.
  absl::Status Recover();
  // A new channel and stub; when the endpoint cannot be used (a PEM file
  // that cannot be read), the client is broken with that error.
  void Reconnect();
  void Open();
  bool WriteAll();
  // The stream's status once it has ended.
  absl::Status Close();

  // Constant after construction.
  const IngestClientOptions options_;
  const OnResponse on_response_;

  std::unique_ptr<teamload::v1::IngestService::Stub> stub_;
  std::unique_ptr<Stream> stream_;
  std::deque<teamload::v1::IngestRequest> in_flight_;
  int failures_in_a_row_ = 0;
  absl::Status broken_;  // once retries are spent, every call returns it
  absl::Duration backoff_;
  // Set by Close() when the stream ended in an overload refusal.
  std::optional<absl::Duration> pushback_;
  int64_t answered_ = 0;
};

}  // namespace teamload::client

#endif  // TEAMLOAD_CLIENT_INGEST_CLIENT_H_
