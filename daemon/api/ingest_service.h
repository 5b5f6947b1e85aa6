// IngestService: the gRPC face of the Ingestor. Every request is admitted by
// the Edge first; signals and heartbeats for teams outside the caller's
// scope are rejected one by one, and the rest of the batch goes in.
//
// Both methods take their requests as bytes and parse them here: gRPC's own
// parsing answers a malformed request with INTERNAL and no message, and ends
// a stream as if the client had closed it. Here it is INVALID_ARGUMENT saying
// what is wrong, and a log line (a few a second at most, however many come).
//
// Reports its own health (service teamload.v1.IngestService) once told where:
// NOT_SERVING while the store cannot write, SERVING again after a write.
//
// Thread-safe; does not own the edge, the ingestor, the observer (which may
// be null) or the health service; they must outlive it.
#ifndef TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_
#define TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_

#include "daemon/api/edge.h"
#include "daemon/ingest/ingestor.h"
#include "daemon/ingest/observer.h"
#include "daemon/util/rate_limited_log.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/support/byte_buffer.h"
#include "teamload/v1/ingest.grpc.pb.h"

namespace teamload::api {

class IngestService final : public teamload::v1::IngestService::Service {
 public:
  IngestService(const Edge* edge, ingest::Ingestor* ingestor,
                ingest::IngestObserver* observer = nullptr);
  ~IngestService() override;  // stops reporting health

  // Reports this service's health to `health` from now on.
  void ReportHealthTo(grpc::HealthCheckServiceInterface* health);
  void StopReportingHealth();

 private:
  using Bytes = grpc::ByteBuffer;

  // The Ingest and IngestStream methods, on bytes.
  grpc::Status IngestBytes(grpc::ServerContext* context,
                           grpc::ServerUnaryStreamer<Bytes, Bytes>* call);
  grpc::Status IngestStreamBytes(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<Bytes, Bytes>* stream);

  // INVALID_ARGUMENT, saying what is wrong, when `bytes` is not an
  // IngestRequest; logged.
  grpc::Status Parse(grpc::ServerContext* context, Bytes& bytes,
                     teamload::v1::IngestRequest* request);
  // A call's start: its caller admitted for ingest, and its place among
  // the ingest calls open at once held in `open` (refusals are counted).
  grpc::Status OpenCall(grpc::ServerContext& context, absl::string_view rpc,
                        auth::Caller& caller, InflightLimit::Hold& open);
  // One request's bytes to its answer's: Parse, IngestOne, serialize.
  grpc::Status Answer(const auth::Caller& caller, grpc::ServerContext* context,
                      Bytes& bytes, Bytes* answer);
  // `overload`, an Edge refusal past an in-flight limit, told to the
  // observer.
  grpc::Status Refused(grpc::Status overload);
  grpc::Status IngestOne(const auth::Caller& caller,
                         const teamload::v1::IngestRequest& request,
                         teamload::v1::IngestResponse* response);

  const Edge* const edge_;
  ingest::Ingestor* const ingestor_;
  ingest::IngestObserver* const observer_;
  util::RateLimitedLog malformed_log_;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_
