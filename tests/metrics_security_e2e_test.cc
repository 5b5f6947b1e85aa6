// End to end: /metrics of a real teamloadd with `tls:` and `auth.tokens`,
// over real TLS with certificates made by openssl. Who gets the series (a
// metrics or admin token, as a Bearer header or a basic auth password),
// who gets 401 or 403, that the refusals are counted in
// teamload_auth_failures_total and logged with the peer but never the
// token, and what a client without the right certificate or without TLS
// gets: no answer at all.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/http.h"
#include "tests/support/process.h"
#include "tests/support/tls.h"

namespace teamload {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kMetricsToken[] = "tl_metrics_7f3a";
constexpr char kAdminToken[] = "tl_admin_19c2";
constexpr char kReaderToken[] = "tl_reader_55d0";
constexpr char kCollectorToken[] = "tl_collector_a81e";

std::string SecureConfig(const testing::TestPki& pki, bool client_ca,
                         const std::string& metrics_listen) {
  return absl::StrCat(
      "metrics_listen: \"", metrics_listen, "\"\n",
      "teams:\n  - name: payments\n", testing::TlsSection(pki, client_ca),
      "auth:\n  tokens:\n",
      testing::TokenEntry("prometheus", kMetricsToken, "metrics", ""),
      testing::TokenEntry("ops", kAdminToken, "admin", "[\"*\"]"),
      testing::TokenEntry("payments-lead", kReaderToken, "reader",
                          "[\"payments\"]"),
      testing::TokenEntry("pagerduty", kCollectorToken, "collector",
                          "[\"*\"]"));
}

// A daemon serving /metrics over TLS with the four tokens.
class MetricsSecurityTest : public ::testing::Test {
 protected:
  void StartDaemon(bool client_ca = false,
                   const std::string& metrics_listen = "127.0.0.1:0") {
    ASSERT_NO_FATAL_FAILURE(testing::MakeTestPki(dir_.path(), pki_));
    daemon_ = std::make_unique<testing::Daemon>(
        dir_.path(), SecureConfig(pki_, client_ca, metrics_listen));
    ASSERT_NO_FATAL_FAILURE(daemon_->Start());
    const std::string address = daemon_->MetricsAddress();
    ASSERT_FALSE(address.empty()) << daemon_->Log();
    port_ = address.substr(address.rfind(':') + 1);
  }
  void TearDown() override {
    if (daemon_ != nullptr) {
      EXPECT_EQ(daemon_->Stop(), 0) << daemon_->Log();
    }
  }

  // GET https://127.0.0.1:PORT/metrics trusting the test CA.
  testing::HttpRequest Request(std::vector<std::string> headers = {}) const {
    return {.url = absl::StrCat("https://127.0.0.1:", port_, "/metrics"),
            .headers = std::move(headers),
            .ca_file = pki_.ca_cert.string()};
  }
  testing::HttpResponse ScrapeWith(const std::string& token) const {
    return testing::HttpGet(Request({"Authorization: Bearer " + token}));
  }

  testing::TempDir dir_;
  testing::TestPki pki_;
  std::unique_ptr<testing::Daemon> daemon_;
  std::string port_;
};

TEST_F(MetricsSecurityTest, TheTokenDecidesTheAnswerAndRefusalsAreCounted) {
  ASSERT_NO_FATAL_FAILURE(StartDaemon());
  struct Case {
    const char* what;
    testing::HttpRequest request;
    long status;
  };
  const auto basic = [&](const std::string& user_and_password) {
    testing::HttpRequest request = Request();
    request.basic_auth = user_and_password;
    return request;
  };
  const std::vector<Case> cases = {
      {"metrics token as Bearer",
       Request({absl::StrCat("Authorization: Bearer ", kMetricsToken)}), 200},
      {"metrics token as basic password",
       basic(absl::StrCat("prometheus:", kMetricsToken)), 200},
      {"admin token, any user name", basic(absl::StrCat("me:", kAdminToken)),
       200},
      {"admin token as Bearer",
       Request({absl::StrCat("Authorization: bearer ", kAdminToken)}), 200},
      {"reader token",
       Request({absl::StrCat("Authorization: Bearer ", kReaderToken)}), 403},
      {"collector token as basic password",
       basic(absl::StrCat("x:", kCollectorToken)), 403},
      {"no token", Request(), 401},
      {"a wrong token", Request({"Authorization: Bearer tl_wrong_0000"}), 401},
      {"a wrong basic password", basic("prometheus:tl_wrong_0000"), 401},
      {"another scheme", Request({"Authorization: Token abc"}), 401},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const testing::HttpResponse response = testing::HttpGet(c.request);
    EXPECT_EQ(response.status, c.status) << response.error;
    if (c.status == 200) {
      EXPECT_THAT(response.body,
                  HasSubstr("# TYPE teamload_team_finding gauge"));
      EXPECT_THAT(response.content_type, HasSubstr("text/plain"));
    } else {
      EXPECT_THAT(response.body, Not(HasSubstr("teamload_")));
    }
    if (c.status == 401) {
      EXPECT_EQ(response.www_authenticate,
                "Bearer realm=\"teamload\", Basic realm=\"teamload\"");
    }
  }

  const testing::HttpResponse scrape = ScrapeWith(kMetricsToken);
  ASSERT_EQ(scrape.status, 200);
  for (const auto& [reason, count] : std::map<std::string, int>{
           {"missing", 1}, {"unknown", 2}, {"malformed", 1}, {"denied", 2}}) {
    EXPECT_THAT(scrape.body,
                HasSubstr(absl::StrCat("teamload_auth_failures_total{reason=\"",
                                       reason, "\"} ", count, "\n")));
  }
  // Logged with the peer, at most a few lines a second, never a token.
  const std::string log = daemon_->Log();
  EXPECT_THAT(log, HasSubstr("auth: refused a call without a token from "
                             "ipv4:127.0.0.1:"));
  EXPECT_THAT(log, HasSubstr("token \"payments-lead\" (role reader) calling "
                             "/metrics from ipv4:127.0.0.1:"));
  for (const char* token : {kMetricsToken, kAdminToken, kReaderToken,
                            kCollectorToken, "tl_wrong_0000"}) {
    EXPECT_THAT(log, Not(HasSubstr(token)));
  }
}

TEST_F(MetricsSecurityTest, PlainHttpOrAnUntrustedServerGetsNoAnswer) {
  ASSERT_NO_FATAL_FAILURE(StartDaemon());
  const testing::HttpResponse plain = testing::HttpGet(
      {.url = absl::StrCat("http://127.0.0.1:", port_, "/metrics"),
       .headers = {absl::StrCat("Authorization: Bearer ", kMetricsToken)}});
  EXPECT_EQ(plain.status, 0) << plain.body;
  testing::HttpRequest system_cas = Request();
  system_cas.ca_file.clear();
  EXPECT_EQ(testing::HttpGet(system_cas).status, 0);
  // The daemon still serves those who do it right.
  EXPECT_EQ(ScrapeWith(kMetricsToken).status, 200);
}

TEST_F(MetricsSecurityTest, WithAClientCaOnlyAClientCertificateGetsIn) {
  ASSERT_NO_FATAL_FAILURE(StartDaemon(/*client_ca=*/true));
  const testing::HttpResponse without = ScrapeWith(kMetricsToken);
  EXPECT_EQ(without.status, 0) << without.body;
  // A certificate the client CA did not sign: the server's own.
  testing::HttpRequest wrong_cert =
      Request({absl::StrCat("Authorization: Bearer ", kMetricsToken)});
  wrong_cert.client_cert = pki_.server_cert.string();
  wrong_cert.client_key = pki_.server_key.string();
  EXPECT_EQ(testing::HttpGet(wrong_cert).status, 0);

  testing::HttpRequest with =
      Request({absl::StrCat("Authorization: Bearer ", kMetricsToken)});
  with.client_cert = pki_.client_cert.string();
  with.client_key = pki_.client_key.string();
  const testing::HttpResponse answer = testing::HttpGet(with);
  EXPECT_EQ(answer.status, 200) << answer.error;
  EXPECT_THAT(answer.body, HasSubstr("teamload_team_finding"));
  // The certificate admits the connection, not the scrape: a token is
  // still needed.
  with.headers.clear();
  EXPECT_EQ(testing::HttpGet(with).status, 401);
}

TEST_F(MetricsSecurityTest, EveryAddressWithTlsAndTokensStartsAndServes) {
  ASSERT_NO_FATAL_FAILURE(StartDaemon(false, "[::]:0"));
  EXPECT_TRUE(absl::StartsWith(daemon_->MetricsAddress(), "0.0.0.0:"))
      << daemon_->MetricsAddress();
  EXPECT_EQ(ScrapeWith(kMetricsToken).status, 200);
  EXPECT_EQ(ScrapeWith(kReaderToken).status, 403);
  const testing::ProcessResult check = testing::Run(
      {testing::TeamloaddPath(), "--check-config", daemon_->config_path()});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

}  // namespace
}  // namespace teamload
