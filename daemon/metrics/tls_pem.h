// The metrics listener's TLS files, read and checked: the config's
// certificate chain and key (two files, as the gRPC listener takes them)
// and, with tls.client_ca, the CAs whose client certificates are let in.
// GnuTLS (the TLS library libmicrohttpd is built on) parses each one here,
// so a file it cannot use is named before the server starts, not after.
//
// Stateless and thread-safe.
#ifndef TEAMLOAD_DAEMON_METRICS_TLS_PEM_H_
#define TEAMLOAD_DAEMON_METRICS_TLS_PEM_H_

#include <string>

#include "absl/status/statusor.h"
#include "daemon/config/config.h"

namespace teamload::metrics {

// The PEM text of the three files.
struct TlsPem {
  std::string cert;
  std::string key;
  std::string client_ca;  // empty: no client certificate asked
};

// FAILED_PRECONDITION naming the key (tls.cert, tls.key, tls.client_ca),
// the file and the reason when a file cannot be read or used, or when the
// key is not the certificate's.
absl::StatusOr<TlsPem> LoadTlsPem(const config::TlsConfig& tls);

}  // namespace teamload::metrics

#endif  // TEAMLOAD_DAEMON_METRICS_TLS_PEM_H_
