// IngestService: the gRPC face of the Ingestor. Every request is admitted by
// the Edge first. IngestStream keeps up to 8 of a stream's requests in the
// Ingestor at once, in order, so one stream's commits overlap the reading,
// validation and hashing of the requests after them. Thread-safe; does not own
// the edge, the ingestor or the observer (which may be null).
#ifndef TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_
#define TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_

#include "absl/synchronization/notification.h"
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
  struct StreamRequest;

  // The Edge's verdict on `request`, counted when it is a refusal.
  grpc::Status Admit(const teamload::v1::IngestRequest& request);
  // Ingests an admitted request; `queued` as Ingestor::Ingest says.
  grpc::Status IngestAdmitted(const teamload::v1::IngestRequest& request,
                              teamload::v1::IngestResponse* response,
                              absl::Notification* queued = nullptr);

  const Edge* const edge_;
  ingest::Ingestor* const ingestor_;
  ingest::IngestObserver* const observer_;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_INGEST_SERVICE_H_
