// Server: the gRPC server with teamload's services, the standard health
// service (grpc.health.v1.Health) and server reflection, so generic tools
// work without the .proto files. With config.tls it serves TLS only (and
// asks for client certificates when tls.client_ca is set); every call but
// a health check then needs a token.
//
// With config.health_listen it also serves the health service alone on that
// address, in plaintext without tokens, for probes that cannot speak TLS
// (Kubernetes' grpc: probe): every other call there is UNIMPLEMENTED, and
// every status matches the main port's.
//
// Thread-safe. Does not own its Parts; they must outlive it.
#ifndef TEAMLOAD_DAEMON_API_SERVER_H_
#define TEAMLOAD_DAEMON_API_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "daemon/api/admin_service.h"
#include "daemon/api/annotation_service.h"
#include "daemon/api/edge.h"
#include "daemon/api/ingest_service.h"
#include "daemon/api/narrative_service.h"
#include "daemon/api/report_service.h"
#include "daemon/api/team_service.h"
#include "daemon/config/config.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/server.h"

namespace teamload::api {

class Server {
 public:
  // What the server serves and checks with; none of it owned.
  struct Parts {
    ingest::Ingestor* ingestor = nullptr;
    const model::Model* model = nullptr;
    const util::Clock* clock = nullptr;
    // Authenticator::ForConfig(config): null exactly when
    // config.insecure_local.
    const auth::Authenticator* authenticator = nullptr;
    AuditLog* audit = nullptr;  // null: config.audit_log unset
    // Hears of every ingest request and its outcome, when set.
    ingest::IngestObserver* observer = nullptr;
    // Serves AdminService.Erase; null: it answers UNIMPLEMENTED.
    ingest::Eraser* eraser = nullptr;
  };

  // Starts serving on config.listen; a port of 0 picks a free one.
  // FAILED_PRECONDITION naming the file when a certificate or key cannot be
  // read; UNAVAILABLE when it cannot listen.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const config::Config& config, const Parts& parts);

  ~Server();

  // The address actually bound, e.g. "127.0.0.1:43121".
  const std::string& address() const { return address_; }
  // The health port's, or "" without config.health_listen.
  const std::string& health_address() const { return health_address_; }

  // Reports NOT_SERVING, stops accepting, lets in-flight RPCs finish within
  // `grace` (the health port meanwhile answers NOT_SERVING), then cancels
  // what is left and closes the health port.
  void Shutdown(absl::Duration grace);

 private:
  // Sets every status on each health service it is given (the main port's,
  // the health port's) under one lock, so they always answer alike.
  // Thread-safe; does not own the services.
  class HealthStatuses final : public grpc::HealthCheckServiceInterface {
   public:
    void Add(grpc::HealthCheckServiceInterface* health) {
      absl::MutexLock lock(&mu_);
      services_.push_back(health);
    }
    void SetServingStatus(const std::string& service_name,
                          bool serving) override;
    void SetServingStatus(bool serving) override;

   private:
    absl::Mutex mu_;
    std::vector<grpc::HealthCheckServiceInterface*> services_
        ABSL_GUARDED_BY(mu_);
  };

  Server(const config::Config& config, const Parts& parts);

  // Constant after construction.
  HealthStatuses health_;  // outlives ingest_service_, which reports to it
  Edge edge_;
  IngestService ingest_service_;
  TeamService team_service_;
  NarrativeService narrative_service_;
  ReportService report_service_;
  AdminService admin_service_;
  AnnotationService annotation_service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  // Answers every call on the health port but a health check: UNIMPLEMENTED.
  grpc::CallbackGenericService health_unimplemented_;
  std::unique_ptr<grpc::Server> health_server_;  // null: no health_listen
  std::string health_address_;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_SERVER_H_
