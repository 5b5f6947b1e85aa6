// IngestService: the gRPC face of the Ingestor. Every request is admitted by
// the Edge first; signals and heartbeats for teams outside the caller's
// scope are rejected one by one, and the rest of the batch goes in.
// Thread-safe; does not own the edge, the ingestor or the observer (which
// may be null).
#ifndef TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_
#define TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_

#include "daemon/api/edge.h"
#include "daemon/ingest/ingestor.h"
#include "daemon/ingest/observer.h"
#include "teamload/v1/ingest.grpc.pb.h"

namespace teamload::api {

class IngestService final : public teamload::v1::IngestService::Service {
 public:
  IngestService(const Edge* edge, ingest::Ingestor* ingestor,
                ingest::IngestObserver* observer = nullptr)
      : edge_(edge), ingestor_(ingestor), observer_(observer) {}

  grpc::Status Ingest(grpc::ServerContext* context,
                      const teamload::v1::IngestRequest* request,
                      teamload::v1::IngestResponse* response) override;

  grpc::Status IngestStream(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<teamload::v1::IngestResponse,
                               teamload::v1::IngestRequest>* stream) override;

 private:
  grpc::Status IngestOne(const auth::Caller& caller,
                         const teamload::v1::IngestRequest& request,
                         teamload::v1::IngestResponse* response);

  const Edge* const edge_;
  ingest::Ingestor* const ingestor_;
  ingest::IngestObserver* const observer_;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_
