#include "daemon/api/ingest_service.h"

#include <chrono>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "daemon/util/clock.h"
#include "daemon/util/protobuf_log.h"
#include "grpcpp/support/method_handler.h"
#include "grpcpp/support/proto_buffer_reader.h"

namespace teamload::api {
namespace {

using teamload::v1::IngestRequest;
using teamload::v1::IngestResponse;

constexpr int kMalformedLinesPerSecond = 2;

// Log rates are wall-clock, as log timestamps are.
const util::Clock* WallClock() {
  static const util::SystemClock* clock = new util::SystemClock();
  return clock;
}

// Why libprotobuf refused a request, for the client. Its one message worth
// rewording is "String field 'F' contains invalid UTF-8 data when parsing a
// protocol buffer. Use the 'bytes' type if ...", which speaks to the author
// of the .proto, not to the sender.
std::string WhyMalformed(const std::string& protobuf_said) {
  constexpr absl::string_view kString = "String field '";
  if (absl::StartsWith(protobuf_said, kString) &&
      absl::StrContains(protobuf_said, "invalid UTF-8")) {
    const auto end = protobuf_said.find('\'', kString.size());
    return absl::StrFormat(
        "%s is not valid UTF-8 (every string field must be)",
        protobuf_said.substr(kString.size(), end - kString.size()));
  }
  if (!protobuf_said.empty()) return protobuf_said;
  return "truncated or garbage bytes, or fields nested too deeply";
}

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

// Serializes `response` into `bytes`, to send. REQUIRES: `bytes` is empty.
grpc::Status Serialize(const IngestResponse& response,
                       grpc::ByteBuffer* bytes) {
  bool own_buffer = false;
  return grpc::SerializationTraits<IngestResponse>::Serialize(response, bytes,
                                                              &own_buffer);
}

}  // namespace

IngestService::IngestService(const Edge* edge, ingest::Ingestor* ingestor,
                             ingest::IngestObserver* observer)
    : edge_(edge),
      ingestor_(ingestor),
      observer_(observer),
      malformed_log_(WallClock(), kMalformedLinesPerSecond) {
  util::RouteProtobufLogs();
  // The generated methods' numbers, in ingest.proto's order.
  MarkMethodStreamed(0,
                     new grpc::internal::StreamedUnaryHandler<Bytes, Bytes>(
                         [this](grpc::ServerContext* context,
                                grpc::ServerUnaryStreamer<Bytes, Bytes>* call) {
                           return IngestBytes(context, call);
                         }));
  MarkMethodStreamed(
      1, new grpc::internal::BidiStreamingHandler<IngestService, Bytes, Bytes>(
             &IngestService::IngestStreamBytes, this));
}

IngestService::~IngestService() { StopReportingHealth(); }

void IngestService::ReportHealthTo(grpc::HealthCheckServiceInterface* health) {
  ingestor_->SetStoreWritableListener([health](bool writable) {
    health->SetServingStatus(
        std::string(teamload::v1::IngestService::service_full_name()),
        writable);
  });
}

void IngestService::StopReportingHealth() {
  ingestor_->SetStoreWritableListener(nullptr);
}

grpc::Status IngestService::Parse(grpc::ServerContext* context, Bytes& bytes,
                                  IngestRequest* request) {
  const size_t size = bytes.Length();
  util::ProtobufErrorCapture protobuf;
  grpc::ProtoBufferReader reader(&bytes);
  if (reader.status().ok() && request->ParseFromZeroCopyStream(&reader))
    return grpc::Status::OK;
  const std::string why = WhyMalformed(protobuf.text());
  malformed_log_.Warning(
      "refused a malformed ingest request (%d bytes) from %s: %s", size,
      context->peer(), why);
  return grpc::Status(
      grpc::StatusCode::INVALID_ARGUMENT,
      absl::StrFormat("the request is not a valid teamload.v1.IngestRequest "
                      "(%d bytes): %s; nothing of it was ingested",
                      size, why));
}

grpc::Status IngestService::Refused(grpc::Status overload) {
  if (observer_ != nullptr) {
    observer_->RequestRefused(ingest::Refusal::kOverloaded,
                              absl::ZeroDuration());
  }
  return overload;
}

grpc::Status IngestService::IngestOne(const auth::Caller& caller,
                                      const IngestRequest& request,
                                      IngestResponse* response) {
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
  absl::StatusOr<IngestResponse> result =
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

grpc::Status IngestService::Answer(const auth::Caller& caller,
                                   grpc::ServerContext* context, Bytes& bytes,
                                   Bytes* answer) {
  InflightLimit::Hold in_flight;
  if (grpc::Status held =
          edge_->HoldIngestBytes(bytes.Length(), *context, in_flight);
      !held.ok())
    return Refused(held);
  IngestRequest request;
  if (grpc::Status parsed = Parse(context, bytes, &request); !parsed.ok())
    return parsed;
  IngestResponse response;
  if (grpc::Status status = IngestOne(caller, request, &response); !status.ok())
    return status;
  return Serialize(response, answer);
}

grpc::Status IngestService::OpenCall(grpc::ServerContext& context,
                                     absl::string_view rpc,
                                     auth::Caller& caller,
                                     InflightLimit::Hold& open) {
  absl::StatusOr<auth::Caller> admitted =
      edge_->Admit(context, auth::Right::kIngest, rpc);
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  caller = *std::move(admitted);
  if (grpc::Status entered = edge_->EnterIngestCall(context, open);
      !entered.ok())
    return Refused(entered);
  return grpc::Status::OK;
}

grpc::Status IngestService::IngestBytes(
    grpc::ServerContext* context,
    grpc::ServerUnaryStreamer<Bytes, Bytes>* call) {
  auth::Caller caller;
  InflightLimit::Hold open;
  if (grpc::Status opened = OpenCall(*context, "Ingest", caller, open);
      !opened.ok())
    return opened;
  Bytes bytes;
  if (!call->Read(&bytes)) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "the call carried no request");
  }
  Bytes answer;
  if (grpc::Status status = Answer(caller, context, bytes, &answer);
      !status.ok())
    return status;
  call->Write(answer);
  return grpc::Status::OK;
}

grpc::Status IngestService::IngestStreamBytes(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<Bytes, Bytes>* stream) {
  auth::Caller caller;
  InflightLimit::Hold open;
  if (grpc::Status opened = OpenCall(*context, "IngestStream", caller, open);
      !opened.ok())
    return opened;
  Bytes bytes;
  while (stream->Read(&bytes)) {
    Bytes answer;
    if (grpc::Status status = Answer(caller, context, bytes, &answer);
        !status.ok())
      return status;
    if (!stream->Write(answer)) break;  // the client went away
  }
  return grpc::Status::OK;
}

}  // namespace teamload::api
