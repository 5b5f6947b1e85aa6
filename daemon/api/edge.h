// The API edge: every RPC passes through here before a handler sees it.
// It owns request limits today (and authentication and team scopes later),
// and turns internal absl::Status errors into grpc::Status with a message a
// person can act on. Handlers never check limits or credentials themselves.
//
// Thread-safe: immutable after construction.
#ifndef TEAMLOAD_DAEMON_API_EDGE_H_
#define TEAMLOAD_DAEMON_API_EDGE_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "google/protobuf/timestamp.pb.h"
#include "grpcpp/support/status.h"
#include "teamload/v1/ingest.pb.h"

namespace teamload::api {

// absl and gRPC status codes map one to one.
grpc::Status ToGrpcStatus(const absl::Status& status);

// A request's as_of: `now` when unset; otherwise checked with the same
// bounds as a signal's time (INVALID_ARGUMENT naming as_of).
absl::StatusOr<absl::Time> RequestAsOf(const google::protobuf::Timestamp& as_of,
                                       bool has_as_of, absl::Time now);

class Edge {
 public:
  explicit Edge(const config::Limits& limits) : limits_(limits) {}

  // INVALID_ARGUMENT over the signal count limit, RESOURCE_EXHAUSTED over
  // the byte limit; each message names the limit and its config key.
  grpc::Status AdmitIngest(const teamload::v1::IngestRequest& request) const;

  // What the gRPC transport should accept at most: room to measure a request
  // over the byte limit and answer with our own message.
  int TransportMaxReceiveBytes() const;

 private:
  const config::Limits limits_;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_EDGE_H_
