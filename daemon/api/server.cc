#include "daemon/api/server.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace teamload::api {

namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path,
                                    absl::string_view key) {
  std::ifstream in(path);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in || text.str().empty()) {
    return absl::FailedPreconditionError(
        absl::StrFormat("%s: cannot read %s", key, path));
  }
  return text.str();
}

// TLS credentials from config.tls, with the Edge's gate in front of every
// call; insecure credentials for an insecure_local daemon.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(
    const config::Config& config, const Edge& edge) {
  if (!config.tls.has_value()) return grpc::InsecureServerCredentials();
  const config::TlsConfig& tls = *config.tls;
  absl::StatusOr<std::string> cert = ReadPem(tls.cert, "tls.cert");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadPem(tls.key, "tls.key");
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions options(
      tls.client_ca.empty()
          ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
          : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_key_cert_pairs.push_back({*std::move(key), *std::move(cert)});
  if (!tls.client_ca.empty()) {
    absl::StatusOr<std::string> ca = ReadPem(tls.client_ca, "tls.client_ca");
    if (!ca.ok()) return ca.status();
    options.pem_root_certs = *std::move(ca);
  }
  std::shared_ptr<grpc::ServerCredentials> credentials =
      grpc::SslServerCredentials(options);
  if (auto gate = edge.TransportGate(); gate != nullptr) {
    credentials->SetAuthMetadataProcessor(gate);
  }
  return credentials;
}

}  // namespace

Server::Server(const config::Config& config, const Parts& parts)
    : edge_(config.limits, parts.authenticator, parts.audit),
      ingest_service_(&edge_, parts.ingestor, parts.observer),
      team_service_(&edge_, parts.model),
      narrative_service_(&edge_, parts.model, parts.clock),
      report_service_(&edge_, config.reports, parts.model, parts.clock) {}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const config::Config& config, const Parts& parts) {
  std::unique_ptr<Server> server(new Server(config, parts));
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      Credentials(config, server->edge_);
  if (!credentials.ok()) return credentials.status();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.listen, *credentials, &port);
  builder.SetMaxReceiveMessageSize(server->edge_.TransportMaxReceiveBytes());
  // The sync server holds a thread per open call: without a cap, idle
  // streams made a thread each (16,000 streams, 16,015 threads). Past the
  // cap gRPC answers RESOURCE_EXHAUSTED itself.
  grpc::ResourceQuota quota("teamloadd");
  quota.SetMaxThreads(static_cast<int>(config.limits.max_threads));
  quota.Resize(static_cast<size_t>(config.limits.max_transport_bytes));
  builder.SetResourceQuota(quota);
  // Bandwidth-delay probing grows every connection's receive window to many
  // MiB on a fast link, and gRPC buffers that much of what clients send
  // before any handler reads it: with 32 clients sending 15 MiB requests it
  // was half the daemon's memory (905 MiB peak with it, 478 MiB without;
  // bench/README.md). Without it a stream takes 64 KiB ahead of its reader,
  // and a whole message only once the handler reads it.
  builder.AddChannelArgument(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  builder.AddChannelArgument(
      GRPC_ARG_MAX_CONCURRENT_STREAMS,
      static_cast<int>(config.limits.max_streams_per_connection));
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
