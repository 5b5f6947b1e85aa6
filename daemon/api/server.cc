#include "daemon/api/server.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace teamload::api {

Server::Server(const config::Config& config, ingest::Ingestor* ingestor,
               const model::Model* model, const util::Clock* clock,
               ingest::IngestObserver* observer)
    : edge_(config.limits),
      ingest_service_(&edge_, ingestor, observer),
      team_service_(model),
      narrative_service_(model, clock),
      report_service_(config.reports, model, clock) {}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const config::Config& config, ingest::Ingestor* ingestor,
    const model::Model* model, const util::Clock* clock,
    ingest::IngestObserver* observer) {
  std::unique_ptr<Server> server(
      new Server(config, ingestor, model, clock, observer));
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.listen, grpc::InsecureServerCredentials(),
                           &port);
  builder.SetMaxReceiveMessageSize(server->edge_.TransportMaxReceiveBytes());
  builder.RegisterService(&server->ingest_service_);
  builder.RegisterService(&server->team_service_);
  builder.RegisterService(&server->narrative_service_);
  builder.RegisterService(&server->report_service_);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || port == 0) {
    return absl::UnavailableError(absl::StrFormat(
        "cannot listen on %s (is the address in use, or not an address of this "
        "machine?)",
        config.listen));
  }
  server->address_ = absl::StrCat(
      config.listen.substr(0, config.listen.rfind(':')), ":", port);
  server->server_->GetHealthCheckService()->SetServingStatus(true);
  server->ingest_service_.ReportHealthTo(
      server->server_->GetHealthCheckService());
  return server;
}

void Server::Shutdown(absl::Duration grace) {
  ingest_service_.StopReportingHealth();
  server_->GetHealthCheckService()->SetServingStatus(false);
  narrative_service_.Stop();
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  server_->Wait();
}

}  // namespace teamload::api
