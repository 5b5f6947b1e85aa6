// Test certificates, made for real with the openssl command into a folder:
// a CA and a server certificate it signs for localhost and 127.0.0.1, and a
// second CA with a client certificate, for daemons that ask for one
// (tls.client_ca). Plus the config lines of a daemon that serves TLS with
// tokens.
#ifndef TEAMLOAD_TESTS_SUPPORT_TLS_H_
#define TEAMLOAD_TESTS_SUPPORT_TLS_H_

#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload::testing {

struct TestPki {
  std::filesystem::path ca_cert;  // signs server_cert
  std::filesystem::path server_cert;
  std::filesystem::path server_key;
  std::filesystem::path client_ca_cert;  // signs client_cert
  std::filesystem::path client_cert;
  std::filesystem::path client_key;
  // The PEM text of ca_cert, for gRPC channel credentials.
  std::string ca_pem() const;
};

// Makes the certificates in `dir` (which must exist); fails the test (a
// fatal gtest failure: wrap in ASSERT_NO_FATAL_FAILURE) if openssl does.
void MakeTestPki(const std::filesystem::path& dir, TestPki& pki);

// `tls:` for a daemon config: the server certificate and key, and with
// `client_ca` the client CA.
std::string TlsSection(const TestPki& pki, bool client_ca = false);

// One `auth.tokens` entry for `token` (its digest, never the token).
// `teams` is YAML flow list text such as "[\"*\"]"; empty leaves it out.
std::string TokenEntry(const std::string& name, const std::string& token,
                       const std::string& role, const std::string& teams);

// Runs teamloadctl `args` against the daemon at `address` over TLS (trusting
// pki.ca_cert), with `token` in TEAMLOAD_TOKEN, as a person would.
ProcessResult RunTeamloadctl(const std::string& address, const TestPki& pki,
                             const std::string& token,
                             const std::vector<std::string>& args);

// A fixture with a real teamloadd that serves TLS and knows `tokens` (each
// a TokenEntry), with an audit log and the teams payments and search,
// started by StartSecured, and teamloadctl as a person runs
// it against that daemon.
class SecuredDaemonTest : public ::testing::Test {
 protected:
  // Makes the certificates and starts the daemon; fatal failures on error
  // (wrap in ASSERT_NO_FATAL_FAILURE).
  void StartSecured(const std::vector<std::string>& tokens);

  ProcessResult Ctl(const std::string& token,
                    const std::vector<std::string>& args) {
    return RunTeamloadctl(daemon_->address(), pki_, token, args);
  }

  TempDir dir_;
  TestPki pki_;
  std::unique_ptr<Daemon> daemon_;
};

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_TLS_H_
