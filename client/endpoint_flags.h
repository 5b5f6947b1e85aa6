// The command-line flags of an Endpoint, shared by teamloadctl, every
// collector and teamload-synth (CLI11). Header-only, so that the client
// library itself does not depend on CLI11.
#ifndef TEAMLOAD_CLIENT_ENDPOINT_FLAGS_H_
#define TEAMLOAD_CLIENT_ENDPOINT_FLAGS_H_

#include "CLI/CLI.hpp"
#include "client/endpoint.h"

namespace teamload::client {

// --token-env, --tls-ca, --tls-cert, --tls-key: what to show the daemon.
inline void AddCredentialFlags(CLI::App& app, Endpoint& endpoint) {
  app.add_option("--token-env", endpoint.token_env,
                 "Environment variable holding the bearer token (a token is "
                 "never given on the command line); with a token the "
                 "connection uses TLS")
      ->capture_default_str();
  app.add_option("--tls-ca", endpoint.tls_ca,
                 "PEM CA file to verify teamloadd by (default: the system's "
                 "CAs); turns TLS on")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-cert", endpoint.tls_cert,
                 "PEM client certificate, when teamloadd asks for one "
                 "(tls.client_ca)")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-key", endpoint.tls_key, "PEM key of --tls-cert")
      ->check(CLI::ExistingFile);
}

// --addr (also TEAMLOAD_ADDR) and the credential flags above.
inline void AddEndpointFlags(CLI::App& app, Endpoint& endpoint) {
  app.add_option("--addr", endpoint.address,
                 "teamloadd's gRPC address, HOST:PORT")
      ->envname("TEAMLOAD_ADDR")
      ->capture_default_str();
  AddCredentialFlags(app, endpoint);
}

}  // namespace teamload::client

#endif  // TEAMLOAD_CLIENT_ENDPOINT_FLAGS_H_
