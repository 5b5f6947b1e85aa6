#include "daemon/api/server.h"

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/impl/server_builder_option.h"
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

absl::Status CannotServe(absl::string_view what, const std::string& address) {
  return absl::UnavailableError(absl::StrFormat(
      "cannot %s on %s (is the address in use, or not an address of this "
      "machine?)",
      what, address));
}

// `address` ("HOST:PORT" from the config) with the port actually bound.
std::string Bound(const std::string& address, int port) {
  return absl::StrCat(address.substr(0, address.rfind(':')), ":", port);
}

// Drops every builder plugin: server reflection adds itself to every server
// built after InitProtoReflectionServerBuilderPlugin.
class WithoutPlugins final : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>*
                         plugins) override {
    plugins->clear();
  }
};

// The health port's bounds. Anyone who reaches it may call, without TLS or a
// token, and a probe sends a service name for a status: it gets little, so
// it cannot take threads or memory from the main port.
constexpr int kHealthMaxReceiveBytes = 1024;
constexpr int kHealthMaxStreamsPerConnection = 4;
constexpr int kHealthMaxThreads = 4;
constexpr size_t kHealthMaxTransportBytes = 16 << 20;

// A plaintext server of grpc.health.v1.Health (its default service: Check
// and Watch) on `address`, where `unimplemented` answers every other call;
// `port` is set to the one bound.
// REQUIRES: grpc::EnableDefaultHealthCheckService(true); `unimplemented`
// outlives the server.
absl::StatusOr<std::unique_ptr<grpc::Server>> StartHealthOnly(
    const std::string& address, grpc::CallbackGenericService* unimplemented,
    int& port) {
  grpc::ServerBuilder builder;
  builder.SetOption(std::make_unique<WithoutPlugins>());
  // gRPC adds the health service only as the server starts, and refuses to
  // build one without a service of its own.
  builder.RegisterCallbackGenericService(unimplemented);
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &port);
  builder.SetMaxReceiveMessageSize(kHealthMaxReceiveBytes);
  grpc::ResourceQuota quota("teamloadd-health");
  quota.SetMaxThreads(kHealthMaxThreads);
  quota.Resize(kHealthMaxTransportBytes);
  builder.SetResourceQuota(quota);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS,
                             kHealthMaxStreamsPerConnection);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return CannotServe("serve health checks", address);
  }
  return server;
}

}  // namespace

void Server::HealthStatuses::SetServingStatus(const std::string& service_name,
                                              bool serving) {
  absl::MutexLock lock(&mu_);
  for (grpc::HealthCheckServiceInterface* health : services_) {
    health->SetServingStatus(service_name, serving);
  }
}

void Server::HealthStatuses::SetServingStatus(bool serving) {
  absl::MutexLock lock(&mu_);
  for (grpc::HealthCheckServiceInterface* health : services_) {
    health->SetServingStatus(serving);
  }
}

Server::Server(const config::Config& config, const Parts& parts)
    : edge_(config.limits, parts.authenticator, parts.audit),
      ingest_service_(&edge_, parts.ingestor, parts.observer),
      team_service_(&edge_, parts.model),
      narrative_service_(&edge_, parts.model, parts.clock),
      report_service_(&edge_, config.reports, parts.model, parts.clock),
      admin_service_(&edge_, parts.eraser),
      annotation_service_(&edge_, parts.ingestor, parts.model, parts.clock) {}

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
  builder.RegisterService(&server->admin_service_);
  builder.RegisterService(&server->annotation_service_);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || port == 0) {
    return CannotServe("listen", config.listen);
  }
  server->address_ = Bound(config.listen, port);
  server->health_.Add(server->server_->GetHealthCheckService());
  // Opened once the main port serves, so that a probe's SERVING means it.
  if (!config.health_listen.empty()) {
    int health_port = 0;
    absl::StatusOr<std::unique_ptr<grpc::Server>> health = StartHealthOnly(
        config.health_listen, &server->health_unimplemented_, health_port);
    if (!health.ok()) return health.status();
    server->health_server_ = *std::move(health);
    server->health_address_ = Bound(config.health_listen, health_port);
    server->health_.Add(server->health_server_->GetHealthCheckService());
  }
  server->health_.SetServingStatus(true);
  server->ingest_service_.ReportHealthTo(&server->health_);
  return server;
}

Server::~Server() {
  // The gRPC servers, and their health services, go before ingest_service_.
  ingest_service_.StopReportingHealth();
}

void Server::Shutdown(absl::Duration grace) {
  ingest_service_.StopReportingHealth();
  health_.SetServingStatus(false);
  narrative_service_.Stop();
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  server_->Wait();
  // Probes saw NOT_SERVING through the grace; now the health port closes.
  if (health_server_ != nullptr) {
    health_server_->Shutdown(absl::ToChronoTime(absl::Now()));
    health_server_->Wait();
  }
}

}  // namespace teamload::api
