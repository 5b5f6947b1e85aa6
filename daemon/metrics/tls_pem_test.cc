#include "daemon/metrics/tls_pem.h"

#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"
#include "tests/support/tls.h"

namespace teamload::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class TlsPemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(testing::MakeTestPki(dir_.path(), pki_));
    std::ofstream(not_pem_) << "not a certificate\n";
  }
  config::TlsConfig Tls() const {
    return {.cert = pki_.server_cert.string(),
            .key = pki_.server_key.string(),
            .client_ca = pki_.client_ca_cert.string()};
  }

  testing::TempDir dir_;
  testing::TestPki pki_;
  const std::string not_pem_ = (dir_.path() / "not.pem").string();
};

TEST_F(TlsPemTest, ReadsTheThreeFiles) {
  const absl::StatusOr<TlsPem> pem = LoadTlsPem(Tls());
  ASSERT_TRUE(pem.ok()) << pem.status();
  EXPECT_THAT(pem->cert, StartsWith("-----BEGIN CERTIFICATE-----"));
  EXPECT_THAT(pem->key, HasSubstr("PRIVATE KEY-----"));
  EXPECT_THAT(pem->client_ca, StartsWith("-----BEGIN CERTIFICATE-----"));
  config::TlsConfig no_client_ca = Tls();
  no_client_ca.client_ca.clear();
  ASSERT_TRUE(LoadTlsPem(no_client_ca).ok());
  EXPECT_EQ(LoadTlsPem(no_client_ca)->client_ca, "");
}

TEST_F(TlsPemTest, NamesTheFileItCannotUse) {
  struct Case {
    const char* what;
    config::TlsConfig tls;
    std::string message;
  };
  const std::string missing = (dir_.path() / "missing.pem").string();
  const std::vector<Case> cases = {
      {"cert missing",
       {.cert = missing, .key = pki_.server_key.string()},
       "tls.cert: cannot use " + missing +
           " as a PEM file: No such file or directory"},
      {"cert not PEM",
       {.cert = not_pem_, .key = pki_.server_key.string()},
       "tls.cert: cannot use " + not_pem_ + " as a PEM certificate chain: "},
      {"key not PEM",
       {.cert = pki_.server_cert.string(), .key = not_pem_},
       "tls.key: cannot use " + not_pem_ + " as a PEM private key: "},
      {"another certificate's key",
       {.cert = pki_.server_cert.string(), .key = pki_.client_key.string()},
       "tls.key: cannot use " + pki_.client_key.string() +
           " as the key of tls.cert: "},
      {"client CA not PEM",
       {.cert = pki_.server_cert.string(),
        .key = pki_.server_key.string(),
        .client_ca = not_pem_},
       "tls.client_ca: cannot use " + not_pem_ + " as PEM CA certificates: "},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const absl::Status status = LoadTlsPem(c.tls).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(std::string(status.message()), StartsWith(c.message));
  }
}

}  // namespace
}  // namespace teamload::metrics
