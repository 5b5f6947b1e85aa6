#include "daemon/api/edge.h"

#include <algorithm>
#include <limits>
#include <string>

#include "absl/strings/str_format.h"
#include "daemon/ingest/validate.h"
#include "daemon/model/team_history.h"

namespace teamload::api {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

absl::StatusOr<absl::Time> RequestAsOf(const google::protobuf::Timestamp& as_of,
                                       bool has_as_of, absl::Time now) {
  if (!has_as_of) return now;
  if (absl::Status s = ingest::ValidateTime("as_of", as_of, now); !s.ok())
    return s;
  return model::ToTime(as_of);
}

grpc::Status Edge::AdmitIngest(
    const teamload::v1::IngestRequest& request) const {
  if (request.signals_size() > limits_.max_request_signals) {
    return grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        absl::StrFormat(
            "request has %d signals, over the limit of %d per request "
            "(limits.max_request_signals); send smaller batches",
            request.signals_size(), limits_.max_request_signals));
  }
  const int64_t bytes = static_cast<int64_t>(request.ByteSizeLong());
  if (bytes > limits_.max_request_bytes) {
    return grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrFormat(
            "request is %d bytes, over the limit of %d bytes per request "
            "(limits.max_request_bytes); send smaller batches",
            bytes, limits_.max_request_bytes));
  }
  return grpc::Status::OK;
}

int Edge::TransportMaxReceiveBytes() const {
  return static_cast<int>(std::min<int64_t>(limits_.max_request_bytes * 2,
                                            std::numeric_limits<int>::max()));
}

}  // namespace teamload::api
