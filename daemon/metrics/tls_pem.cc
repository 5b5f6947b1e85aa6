#include "daemon/metrics/tls_pem.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/str_format.h"

namespace teamload::metrics {
namespace {

absl::Status Refused(absl::string_view key, const std::string& path,
                     absl::string_view what, absl::string_view reason) {
  return absl::FailedPreconditionError(
      absl::StrFormat("%s: cannot use %s as %s: %s", key, path, what, reason));
}

absl::StatusOr<std::string> ReadPem(absl::string_view key,
                                    const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  if (!file || !(text << file.rdbuf())) {
    return Refused(key, path, "a PEM file", std::strerror(errno));
  }
  return std::move(text).str();
}

gnutls_datum_t Datum(const std::string& text) {
  return {
      .data = reinterpret_cast<unsigned char*>(const_cast<char*>(text.data())),
      .size = static_cast<unsigned int>(text.size())};
}

struct CredentialsDeleter {
  void operator()(gnutls_certificate_credentials_st* credentials) const {
    gnutls_certificate_free_credentials(credentials);
  }
};

// Parses each file on its own first, so that the error names the file
// that is wrong.
absl::Status Check(const config::TlsConfig& tls, const TlsPem& pem) {
  const gnutls_datum_t cert = Datum(pem.cert);
  const gnutls_datum_t key = Datum(pem.key);
  gnutls_x509_crt_t* chain = nullptr;
  unsigned int length = 0;
  if (const int error = gnutls_x509_crt_list_import2(&chain, &length, &cert,
                                                     GNUTLS_X509_FMT_PEM, 0);
      error < 0) {
    return Refused("tls.cert", tls.cert, "a PEM certificate chain",
                   gnutls_strerror(error));
  }
  for (unsigned int i = 0; i < length; ++i) gnutls_x509_crt_deinit(chain[i]);
  gnutls_free(chain);
  gnutls_x509_privkey_t private_key = nullptr;
  gnutls_x509_privkey_init(&private_key);
  const int key_error = gnutls_x509_privkey_import2(
      private_key, &key, GNUTLS_X509_FMT_PEM, nullptr, 0);
  gnutls_x509_privkey_deinit(private_key);
  if (key_error < 0) {
    return Refused("tls.key", tls.key, "a PEM private key",
                   gnutls_strerror(key_error));
  }
  gnutls_certificate_credentials_t raw = nullptr;
  if (gnutls_certificate_allocate_credentials(&raw) < 0) {
    return absl::InternalError("GnuTLS cannot allocate credentials");
  }
  const std::unique_ptr<gnutls_certificate_credentials_st, CredentialsDeleter>
      credentials(raw);
  if (const int error = gnutls_certificate_set_x509_key_mem2(
          raw, &cert, &key, GNUTLS_X509_FMT_PEM, nullptr, 0);
      error < 0) {
    return Refused("tls.key", tls.key, "the key of tls.cert",
                   gnutls_strerror(error));
  }
  if (pem.client_ca.empty()) return absl::OkStatus();
  const gnutls_datum_t client_ca = Datum(pem.client_ca);
  const int added = gnutls_certificate_set_x509_trust_mem(raw, &client_ca,
                                                          GNUTLS_X509_FMT_PEM);
  if (added <= 0) {
    return Refused("tls.client_ca", tls.client_ca, "PEM CA certificates",
                   added < 0 ? gnutls_strerror(added) : "no certificate in it");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<TlsPem> LoadTlsPem(const config::TlsConfig& tls) {
  TlsPem pem;
  absl::StatusOr<std::string> cert = ReadPem("tls.cert", tls.cert);
  if (!cert.ok()) return cert.status();
  pem.cert = *std::move(cert);
  absl::StatusOr<std::string> key = ReadPem("tls.key", tls.key);
  if (!key.ok()) return key.status();
  pem.key = *std::move(key);
  if (!tls.client_ca.empty()) {
    absl::StatusOr<std::string> client_ca =
        ReadPem("tls.client_ca", tls.client_ca);
    if (!client_ca.ok()) return client_ca.status();
    pem.client_ca = *std::move(client_ca);
  }
  if (absl::Status checked = Check(tls, pem); !checked.ok()) return checked;
  return pem;
}

}  // namespace teamload::metrics
