// Server: the gRPC server with teamload's services, the standard health
// service (grpc.health.v1.Health) and server reflection, so generic tools
// work without the .proto files. With config.tls it serves TLS only (and
// asks for client certificates when tls.client_ca is set); every call but
// a health check then needs a token.
//
// Thread-safe. Does not own its Parts; they must outlive it.
#ifndef TEAMLOAD_DAEMON_API_SERVER_H_
#define TEAMLOAD_DAEMON_API_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "daemon/api/edge.h"
#include "daemon/api/ingest_service.h"
#include "daemon/api/narrative_service.h"
#include "daemon/api/report_service.h"
#include "daemon/api/team_service.h"
#include "daemon/config/config.h"
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
  };

  // Starts serving on config.listen; a port of 0 picks a free one.
  // FAILED_PRECONDITION naming the file when a certificate or key cannot be
  // read; UNAVAILABLE when it cannot listen.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const config::Config& config, const Parts& parts);

  // The address actually bound, e.g. "127.0.0.1:43121".
  const std::string& address() const { return address_; }

  // Reports NOT_SERVING, stops accepting, lets in-flight RPCs finish within
  // `grace`, then cancels what is left.
  void Shutdown(absl::Duration grace);

 private:
  Server(const config::Config& config, const Parts& parts);

  // Constant after construction.
  Edge edge_;
  IngestService ingest_service_;
  TeamService team_service_;
  NarrativeService narrative_service_;
  ReportService report_service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_SERVER_H_
