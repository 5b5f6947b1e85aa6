// IngestService: the gRPC face of the Ingestor. Every request is admitted by
// the Edge first. Thread-safe; does not own the edge or the ingestor.
#ifndef TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_
#define TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_

#include "daemon/api/edge.h"
#include "daemon/ingest/ingestor.h"
#include "teamload/v1/ingest.grpc.pb.h"

namespace teamload::api {

class IngestService final : public teamload::v1::IngestService::Service {
 public:
  IngestService(const Edge* edge, ingest::Ingestor* ingestor)
      : edge_(edge), ingestor_(ingestor) {}

  grpc::Status Ingest(grpc::ServerContext* context,
                      const teamload::v1::IngestRequest* request,
                      teamload::v1::IngestResponse* response) override;

  grpc::Status IngestStream(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<teamload::v1::IngestResponse,
                               teamload::v1::IngestRequest>* stream) override;

 private:
  grpc::Status IngestOne(const teamload::v1::IngestRequest& request,
                         teamload::v1::IngestResponse* response);

  const Edge* const edge_;
  ingest::Ingestor* const ingestor_;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_
