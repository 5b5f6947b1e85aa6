// The metrics listener's TLS: an OpenSSL context given the config's
// certificate chain and key (two files, as the gRPC listener takes them),
// and with tls.client_ca, a demand for a client certificate that CA signed,
// as the gRPC listener makes (GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE
// _AND_VERIFY). TLS 1.2 at least.
//
// Stateless and thread-safe.
// REQUIRES: called before the context makes its first connection.
#ifndef TEAMLOAD_DAEMON_METRICS_TLS_CONTEXT_H_
#define TEAMLOAD_DAEMON_METRICS_TLS_CONTEXT_H_

#include "absl/status/status.h"
#include "daemon/config/config.h"

struct ssl_ctx_st;  // OpenSSL's SSL_CTX

namespace teamload::metrics {

// FAILED_PRECONDITION naming the key (tls.cert, tls.key, tls.client_ca),
// the file and OpenSSL's reason when a file cannot be used.
absl::Status ConfigureTls(ssl_ctx_st* context, const config::TlsConfig& tls);

}  // namespace teamload::metrics

#endif  // TEAMLOAD_DAEMON_METRICS_TLS_CONTEXT_H_
