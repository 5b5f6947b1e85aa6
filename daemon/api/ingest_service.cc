#include "daemon/api/ingest_service.h"

#include <chrono>

#include "absl/time/time.h"

namespace teamload::api {

grpc::Status IngestService::IngestOne(
    const teamload::v1::IngestRequest& request,
    teamload::v1::IngestResponse* response) {
  const auto started = std::chrono::steady_clock::now();
  const auto took = [&] {
    return absl::FromChrono(std::chrono::steady_clock::now() - started);
  };
  if (grpc::Status admitted = edge_->AdmitIngest(request); !admitted.ok()) {
    if (observer_ != nullptr) {
      // The Edge answers INVALID_ARGUMENT for the signal count and
      // RESOURCE_EXHAUSTED for the byte size (edge.h).
      observer_->RequestRefused(
          admitted.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED
              ? ingest::Refusal::kTooManyBytes
              : ingest::Refusal::kTooManySignals,
          took());
    }
    return admitted;
  }
  absl::StatusOr<teamload::v1::IngestResponse> result =
      ingestor_->Ingest(request);
  if (!result.ok()) {
    if (observer_ != nullptr) {
      observer_->RequestRefused(ingest::Refusal::kStoreError, took());
    }
    return ToGrpcStatus(result.status());
  }
  *response = std::move(*result);
  if (observer_ != nullptr) {
    observer_->RequestAnswered(request, *response, took());
  }
  return grpc::Status::OK;
}

grpc::Status IngestService::Ingest(grpc::ServerContext*,
                                   const teamload::v1::IngestRequest* request,
                                   teamload::v1::IngestResponse* response) {
  return IngestOne(*request, response);
}

grpc::Status IngestService::IngestStream(
    grpc::ServerContext*,
    grpc::ServerReaderWriter<teamload::v1::IngestResponse,
                             teamload::v1::IngestRequest>* stream) {
  teamload::v1::IngestRequest request;
  teamload::v1::IngestResponse response;
  while (stream->Read(&request)) {
    response.Clear();
    if (grpc::Status status = IngestOne(request, &response); !status.ok())
      return status;
    if (!stream->Write(response)) break;  // the client went away
  }
  return grpc::Status::OK;
}

}  // namespace teamload::api
