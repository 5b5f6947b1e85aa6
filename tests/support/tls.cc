#include "tests/support/tls.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/token.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload::testing {
namespace {

void Openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  const ProcessResult result = Run(argv);
  ASSERT_EQ(result.exit_code, 0) << args[0] << ": " << result.err;
}

// A self-signed CA: NAME.crt and NAME.key in `dir`.
void MakeCa(const std::filesystem::path& dir, const std::string& name) {
  Openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt",
           "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
           "/CN=" + name, "-keyout", (dir / (name + ".key")).string(), "-out",
           (dir / (name + ".crt")).string()});
}

// NAME.crt and NAME.key, signed by CA, with `extensions` (subjectAltName).
void MakeLeaf(const std::filesystem::path& dir, const std::string& name,
              const std::string& ca, const std::string& extensions) {
  const std::string csr = (dir / (name + ".csr")).string();
  Openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
           "-nodes", "-subj", "/CN=" + name, "-keyout",
           (dir / (name + ".key")).string(), "-out", csr});
  const std::filesystem::path ext = dir / (name + ".ext");
  {
    std::FILE* f = std::fopen(ext.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs(extensions.c_str(), f);
    std::fclose(f);
  }
  Openssl({"x509", "-req", "-in", csr, "-CA", (dir / (ca + ".crt")).string(),
           "-CAkey", (dir / (ca + ".key")).string(), "-CAcreateserial", "-days",
           "2", "-extfile", ext.string(), "-out",
           (dir / (name + ".crt")).string()});
}

}  // namespace

std::string TestPki::ca_pem() const { return ReadFile(ca_cert); }

void MakeTestPki(const std::filesystem::path& dir, TestPki& pki) {
  ASSERT_NO_FATAL_FAILURE(MakeCa(dir, "ca"));
  ASSERT_NO_FATAL_FAILURE(MakeLeaf(dir, "server", "ca",
                                   "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                                   "extendedKeyUsage=serverAuth\n"));
  ASSERT_NO_FATAL_FAILURE(MakeCa(dir, "client-ca"));
  ASSERT_NO_FATAL_FAILURE(
      MakeLeaf(dir, "client", "client-ca", "extendedKeyUsage=clientAuth\n"));
  pki = {.ca_cert = dir / "ca.crt",
         .server_cert = dir / "server.crt",
         .server_key = dir / "server.key",
         .client_ca_cert = dir / "client-ca.crt",
         .client_cert = dir / "client.crt",
         .client_key = dir / "client.key"};
}

std::string TlsSection(const TestPki& pki, bool client_ca) {
  return absl::StrCat(
      "tls:\n  cert: ", pki.server_cert.string(),
      "\n  key: ", pki.server_key.string(), "\n",
      client_ca
          ? absl::StrCat("  client_ca: ", pki.client_ca_cert.string(), "\n")
          : "");
}

std::string TokenEntry(const std::string& name, const std::string& token,
                       const std::string& role, const std::string& teams) {
  return absl::StrCat(
      "    - {name: ", name, ", sha256: ", client::TokenDigest(token),
      ", role: ", role, teams.empty() ? "" : absl::StrCat(", teams: ", teams),
      "}\n");
}

ProcessResult RunTeamloadctl(const std::string& address, const TestPki& pki,
                             const std::string& token,
                             const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/env",
                                   "TEAMLOAD_TOKEN=" + token,
                                   TeamloadctlPath(),
                                   "--addr",
                                   address,
                                   "--tls-ca",
                                   pki.ca_cert.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(argv);
}

namespace {

// The whole config StartSecured starts its daemon with.
std::string SecuredConfig(const TestPki& pki, const std::filesystem::path& dir,
                          const std::vector<std::string>& tokens) {
  return absl::StrCat(TlsSection(pki), "auth:\n  tokens:\n",
                      absl::StrJoin(tokens, ""),
                      "audit_log: ", (dir / "audit.jsonl").string(),
                      "\nteams:\n  - name: payments\n  - name: search\n");
}

}  // namespace

void SecuredDaemonTest::StartSecured(const std::vector<std::string>& tokens) {
  ASSERT_NO_FATAL_FAILURE(MakeTestPki(dir_.path(), pki_));
  daemon_ = std::make_unique<Daemon>(dir_.path(),
                                     SecuredConfig(pki_, dir_.path(), tokens));
  ASSERT_NO_FATAL_FAILURE(daemon_->Start());
}

}  // namespace teamload::testing
