#include "daemon/api/ingest_service.h"

namespace teamload::api {

grpc::Status IngestService::IngestOne(
    const teamload::v1::IngestRequest& request,
    teamload::v1::IngestResponse* response) {
  if (grpc::Status admitted = edge_->AdmitIngest(request); !admitted.ok())
    return admitted;
  absl::StatusOr<teamload::v1::IngestResponse> result =
      ingestor_->Ingest(request);
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = std::move(*result);
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
