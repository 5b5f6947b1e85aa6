#include "client/endpoint.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace teamload::client {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, const char* flag) {
  std::ifstream in(path);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in || text.str().empty()) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%s %s: cannot read the PEM file", flag, path));
  }
  return text.str();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::Channel>> Connect(
    const Endpoint& endpoint, const grpc::ChannelArguments& args) {
  const char* token = endpoint.token_env.empty()
                          ? nullptr
                          : std::getenv(endpoint.token_env.c_str());
  const bool has_token = token != nullptr && *token != '\0';
  if (endpoint.tls_cert.empty() != endpoint.tls_key.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert and --tls-key go together: a client certificate needs "
        "its key");
  }
  if (endpoint.tls_ca.empty() && endpoint.tls_cert.empty() && !has_token) {
    return grpc::CreateCustomChannel(endpoint.address,
                                     grpc::InsecureChannelCredentials(), args);
  }
  grpc::SslCredentialsOptions tls;
  if (!endpoint.tls_ca.empty()) {
    absl::StatusOr<std::string> ca = ReadPem(endpoint.tls_ca, "--tls-ca");
    if (!ca.ok()) return ca.status();
    tls.pem_root_certs = *std::move(ca);
  }
  if (!endpoint.tls_cert.empty()) {
    absl::StatusOr<std::string> cert = ReadPem(endpoint.tls_cert, "--tls-cert");
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = ReadPem(endpoint.tls_key, "--tls-key");
    if (!key.ok()) return key.status();
    tls.pem_cert_chain = *std::move(cert);
    tls.pem_private_key = *std::move(key);
  }
  std::shared_ptr<grpc::ChannelCredentials> credentials =
      grpc::SslCredentials(tls);
  if (has_token) {
    credentials = grpc::CompositeChannelCredentials(
        credentials, grpc::AccessTokenCredentials(token));
  }
  return grpc::CreateCustomChannel(endpoint.address, credentials, args);
}

}  // namespace teamload::client
