// Endpoint: how a program reaches teamloadd, its address and what it shows
// the daemon: the daemon's CA to verify it by, a bearer token (read from an
// environment variable, never from the command line, where `ps` would show
// it) and, when the daemon asks for one, a client certificate.
//
// A plain value; Connect is thread-safe.
#ifndef TEAMLOAD_CLIENT_ENDPOINT_H_
#define TEAMLOAD_CLIENT_ENDPOINT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/channel_arguments.h"

namespace teamload::client {

struct Endpoint {
  std::string address = "127.0.0.1:7070";
  // The environment variable holding the token; unset or empty: no token.
  std::string token_env = "TEAMLOAD_TOKEN";
  std::string tls_ca;    // PEM file; empty: the system's CAs
  std::string tls_cert;  // PEM client certificate chain, with tls_key
  std::string tls_key;
};

// A channel to `endpoint.address`. TLS whenever a CA, a client certificate
// or a token is given (a token never travels in clear), plaintext otherwise
// (a daemon with insecure_local). The token goes with every call as
// `authorization: Bearer TOKEN`. INVALID_ARGUMENT naming the file when a PEM
// file cannot be read, or naming the flag when only half of a client
// certificate is given.
absl::StatusOr<std::shared_ptr<grpc::Channel>> Connect(
    const Endpoint& endpoint,
    const grpc::ChannelArguments& args = grpc::ChannelArguments());

}  // namespace teamload::client

#endif  // TEAMLOAD_CLIENT_ENDPOINT_H_
