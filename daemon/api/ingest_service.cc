#include "daemon/api/ingest_service.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace teamload::api {
namespace {

bool SeesEveryTeam(const auth::Caller& caller,
                   const teamload::v1::IngestRequest& request) {
  for (const auto& signal : request.signals()) {
    if (!caller.Sees(signal.team())) return false;
  }
  for (const auto& coverage : request.coverage()) {
    if (!caller.Sees(coverage.team())) return false;
  }
  return true;
}

// Ingests the part of `request` in the caller's scope and rejects the rest,
// each result in its place in the order of the request.
absl::StatusOr<teamload::v1::IngestResponse> IngestInScope(
    const auth::Caller& caller, const teamload::v1::IngestRequest& request,
    ingest::Ingestor& ingestor) {
  teamload::v1::IngestRequest in_scope;
  for (const auto& signal : request.signals()) {
    if (caller.Sees(signal.team())) *in_scope.add_signals() = signal;
  }
  for (const auto& coverage : request.coverage()) {
    if (caller.Sees(coverage.team())) *in_scope.add_coverage() = coverage;
  }
  absl::StatusOr<teamload::v1::IngestResponse> ingested =
      ingestor.Ingest(in_scope);
  if (!ingested.ok()) return ingested.status();
  teamload::v1::IngestResponse response;
  int next = 0;
  for (const auto& signal : request.signals()) {
    teamload::v1::SignalResult* result = response.add_results();
    if (caller.Sees(signal.team())) {
      *result = std::move(*ingested->mutable_results(next++));
      continue;
    }
    result->set_id(signal.id());
    result->set_outcome(teamload::v1::OUTCOME_REJECTED);
    result->set_error(
        absl::StrCat("team: ", OutOfScopeMessage(caller, signal.team())));
  }
  next = 0;
  for (const auto& coverage : request.coverage()) {
    teamload::v1::CoverageResult* result = response.add_coverage_results();
    if (caller.Sees(coverage.team())) {
      *result = std::move(*ingested->mutable_coverage_results(next++));
      continue;
    }
    result->set_team(coverage.team());
    result->set_source(coverage.source());
    result->set_outcome(teamload::v1::OUTCOME_REJECTED);
    result->set_error(
        absl::StrCat("team: ", OutOfScopeMessage(caller, coverage.team())));
  }
  return response;
}

}  // namespace

grpc::Status IngestService::IngestOne(
    const auth::Caller& caller, const teamload::v1::IngestRequest& request,
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
      SeesEveryTeam(caller, request)
          ? ingestor_->Ingest(request)
          : IngestInScope(caller, request, *ingestor_);
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

grpc::Status IngestService::Ingest(grpc::ServerContext* context,
                                   const teamload::v1::IngestRequest* request,
                                   teamload::v1::IngestResponse* response) {
  absl::StatusOr<auth::Caller> caller =
      edge_->Admit(*context, auth::Right::kIngest, "Ingest");
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return IngestOne(*caller, *request, response);
}

grpc::Status IngestService::IngestStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<teamload::v1::IngestResponse,
                             teamload::v1::IngestRequest>* stream) {
  absl::StatusOr<auth::Caller> caller =
      edge_->Admit(*context, auth::Right::kIngest, "IngestStream");
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  teamload::v1::IngestRequest request;
  teamload::v1::IngestResponse response;
  while (stream->Read(&request)) {
    response.Clear();
    if (grpc::Status status = IngestOne(*caller, request, &response);
        !status.ok())
      return status;
    if (!stream->Write(response)) break;  // the client went away
  }
  return grpc::Status::OK;
}

}  // namespace teamload::api
