#include "daemon/metrics/tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <string>

#include "absl/strings/str_format.h"

namespace teamload::metrics {
namespace {

// Client certificates are checked again on resumed sessions only if the
// context names its sessions (OpenSSL refuses resumption otherwise).
constexpr unsigned char kSessionContext[] = "teamload-metrics";

absl::Status Refused(absl::string_view key, const std::string& path,
                     absl::string_view what) {
  const unsigned long code = ERR_get_error();  // the first, most specific
  ERR_clear_error();
  char reason[256] = "unknown reason";
  if (code != 0) ERR_error_string_n(code, reason, sizeof(reason));
  return absl::FailedPreconditionError(
      absl::StrFormat("%s: cannot use %s as %s: %s", key, path, what, reason));
}

}  // namespace

absl::Status ConfigureTls(ssl_ctx_st* context, const config::TlsConfig& tls) {
  ERR_clear_error();
  SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(context, tls.cert.c_str()) != 1) {
    return Refused("tls.cert", tls.cert, "a PEM certificate chain");
  }
  if (SSL_CTX_use_PrivateKey_file(context, tls.key.c_str(), SSL_FILETYPE_PEM) !=
      1) {
    return Refused("tls.key", tls.key, "a PEM private key");
  }
  if (SSL_CTX_check_private_key(context) != 1) {
    return Refused("tls.key", tls.key, "the key of tls.cert");
  }
  if (tls.client_ca.empty()) return absl::OkStatus();
  if (SSL_CTX_load_verify_locations(context, tls.client_ca.c_str(), nullptr) !=
      1) {
    return Refused("tls.client_ca", tls.client_ca, "PEM CA certificates");
  }
  STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(tls.client_ca.c_str());
  if (names == nullptr) {
    return Refused("tls.client_ca", tls.client_ca, "PEM CA certificates");
  }
  SSL_CTX_set_client_CA_list(context, names);  // takes ownership
  SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                     nullptr);
  SSL_CTX_set_session_id_context(context, kSessionContext,
                                 sizeof(kSessionContext) - 1);
  return absl::OkStatus();
}

}  // namespace teamload::metrics
