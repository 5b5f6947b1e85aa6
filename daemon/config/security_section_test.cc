// The access-control part of the config, through ParseConfig as an operator
// meets it: TLS with tokens, or insecure_local on loopback only.
#include "daemon/config/security_section.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "daemon/config/config.h"
#include "daemon/config/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::config {
namespace {

using ::teamload::config::testing::BadInput;
using ::teamload::config::testing::ExpectRefused;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kDigest[] =
    "3f1c0a5e9b7d2c4f6e8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e";

constexpr char kTeams[] = R"yaml(store: sqlite:x.db
teams:
  - name: payments
  - name: payments-api
  - name: search
)yaml";

// A folder with tls.crt and tls.key beside the config file: the config
// checks that the files it names can be read.
class SecurityConfigTest : public ::testing::Test {
 protected:
  SecurityConfigTest()
      : dir_(std::filesystem::temp_directory_path() /
             absl::StrCat("security_config_test.", getpid())) {
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "tls.crt") << "certificate";
    std::ofstream(dir_ / "tls.key") << "key";
  }
  ~SecurityConfigTest() override { std::filesystem::remove_all(dir_); }

  absl::StatusOr<Config> Parse(const std::string& rest) {
    return ParseConfig(absl::StrCat(kTeams, rest), (dir_ / "t.yaml").string());
  }

  std::filesystem::path dir_;
};

TEST_F(SecurityConfigTest, ReadsTlsAndTokens) {
  absl::StatusOr<Config> config = Parse(absl::StrCat(
      "listen: 0.0.0.0:7070\nmetrics_listen: \"[::]:9470\"\n"
      "tls: {cert: tls.crt, key: tls.key}\naudit_log: audit.jsonl\nauth:\n"
      "  tokens:\n"
      "    - {name: pagerduty-collector, sha256: ",
      kDigest,
      ", role: collector, teams: [\"*\"]}\n"
      "    - {name: payments-lead, sha256: ",
      std::string(64, 'A'),
      ", role: reader, teams: [payments, payments-*]}\n"
      "    - {name: prometheus, sha256: ",
      std::string(64, 'b'), ", role: metrics}\n"));
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_TRUE(config->tls.has_value());
  EXPECT_EQ(config->tls->cert, (dir_ / "tls.crt").string());
  EXPECT_EQ(config->tls->key, (dir_ / "tls.key").string());
  EXPECT_EQ(config->tls->client_ca, "");
  EXPECT_EQ(config->audit_log, (dir_ / "audit.jsonl").string());
  EXPECT_FALSE(config->insecure_local);
  ASSERT_EQ(config->tokens.size(), 3);
  EXPECT_EQ(config->tokens[0].role, Role::kCollector);
  EXPECT_THAT(config->tokens[0].teams, ElementsAre("*"));
  EXPECT_EQ(config->tokens[1].name, "payments-lead");
  EXPECT_EQ(config->tokens[1].sha256, std::string(64, 'a'));  // lower case
  EXPECT_THAT(config->tokens[1].teams, ElementsAre("payments", "payments-*"));
  EXPECT_EQ(config->tokens[2].role, Role::kMetrics);
  EXPECT_TRUE(config->tokens[2].teams.empty());
}

TEST_F(SecurityConfigTest, InsecureLocalServesLoopbackOnly) {
  for (const char* listen : {"127.0.0.1:0", "localhost:7070", "[::1]:7070"}) {
    absl::StatusOr<Config> config =
        Parse(absl::StrCat("insecure_local: true\nlisten: \"", listen,
                           "\"\nmetrics_listen: 127.0.0.2:9470\n"));
    EXPECT_TRUE(config.ok()) << listen << ": " << config.status();
  }
}

class SecurityConfigRefusesTest
    : public SecurityConfigTest,
      public ::testing::WithParamInterface<BadInput> {};

TEST_P(SecurityConfigRefusesTest, NamesTheFieldAndTheRule) {
  ExpectRefused(Parse(GetParam().text).status(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    BadSecurity, SecurityConfigRefusesTest,
    ::testing::Values(
        BadInput{"",
                 "t.yaml:1:1: tls: is required: without it survey answers "
                 "and tokens travel in clear"},
        BadInput{"",
                 "auth: is required: without tokens anyone who reaches "
                 "the port reads every team's story"},
        BadInput{"insecure_local: true\nlisten: 0.0.0.0:7070\n",
                 "t.yaml:7:9: listen: \"0.0.0.0:7070\" is not a loopback "
                 "address: with insecure_local (no TLS, no tokens)"},
        BadInput{"insecure_local: true\nmetrics_listen: \"[::]:9470\"\n",
                 "metrics_listen: \"[::]:9470\" is not a loopback address"},
        BadInput{"insecure_local: true\nlisten: 10.0.0.7:7070\n",
                 "listen: \"10.0.0.7:7070\" is not a loopback address"},
        // The health port is plaintext: it cannot share a TLS port.
        BadInput{"tls: {cert: tls.crt, key: tls.key}\nlisten: 0.0.0.0:7070\n"
                 "health_listen: 0.0.0.0:7070\n",
                 "health_listen: \"0.0.0.0:7070\" takes port 7070, which "
                 "listen (\"0.0.0.0:7070\") already has"},
        BadInput{"insecure_local: yes please\n",
                 "insecure_local: must be true or false"},
        BadInput{"insecure_local: true\ntls: {cert: tls.crt, key: tls.key}\n",
                 "insecure_local: turns TLS and tokens off, so it cannot "
                 "stand with tls: or auth:"},
        BadInput{"tls: {cert: tls.crt}\n", "tls.key: is required (a PEM file)"},
        BadInput{"tls: {cert: tls.crt, key: missing.key}\n",
                 "tls.key: cannot read \""},
        BadInput{"tls: {cert: tls.crt, key: tls.key, ca: x}\n",
                 "tls.ca: unknown key (expected one of: cert, key, "
                 "client_ca)"},
        BadInput{"auth: {tokens: []}\n",
                 "auth.tokens: must be a non-empty list of {name, sha256, "
                 "role, teams}"},
        BadInput{"auth:\n  tokens:\n    - {name: t, sha256: abc, role: "
                 "admin, teams: [\"*\"]}\n",
                 "auth.tokens[0].sha256: must be 64 hex digits, the SHA-256 "
                 "digest of the token (never the token itself)"},
        BadInput{
            "auth:\n  tokens:\n    - {name: t, sha256: "
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
            "role: root, teams: [\"*\"]}\n",
            "auth.tokens[0].role: unknown role \"root\" (expected "
            "collector, reader, admin or metrics)"},
        BadInput{
            "auth:\n  tokens:\n    - {name: t, sha256: "
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
            "role: reader}\n",
            "auth.tokens[0].teams: is required: the teams this token "
            "may see"},
        BadInput{
            "auth:\n  tokens:\n    - {name: t, sha256: "
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
            "role: metrics, teams: [\"*\"]}\n",
            "auth.tokens[0].teams: a metrics token reads /metrics only"},
        BadInput{
            "auth:\n  tokens:\n    - {name: t, sha256: "
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
            "role: reader, teams: [paymnets]}\n",
            "auth.tokens[0].teams[0]: unknown team \"paymnets\""},
        BadInput{
            "auth:\n  tokens:\n    - {name: t, sha256: "
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
            "role: reader, teams: [billing-*]}\n",
            "auth.tokens[0].teams[0]: \"billing-*\" matches no team"},
        BadInput{
            "auth:\n  tokens:\n    - {name: t, sha256: "
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
            "role: reader, teams: [search]}\n"
            "    - {name: t, sha256: "
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
            "role: admin, "
            "teams: [\"*\"]}\n",
            "auth.tokens[1].name: token \"t\" is listed twice"},
        BadInput{
            "auth:\n  tokens:\n    - {name: t, sha256: "
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
            "role: reader, teams: [search]}\n"
            "    - {name: u, sha256: "
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, "
            "role: admin, "
            "teams: [\"*\"]}\n",
            "auth.tokens[1].sha256: the same digest is listed twice"},
        BadInput{"auth:\n  tokens:\n    - {name: \"a b\", sha256: "
                 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc"
                 "def, role: metrics}\n",
                 "auth.tokens[0].name: \"a b\" must be 1..64 of"}));

TEST(LoopbackTest, KnowsThisMachineFromTheNetwork) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1:7070"));
  EXPECT_TRUE(IsLoopbackAddress("127.8.9.10:0"));
  EXPECT_TRUE(IsLoopbackAddress("localhost:7070"));
  EXPECT_TRUE(IsLoopbackAddress("[::1]:7070"));
  EXPECT_FALSE(IsLoopbackAddress("0.0.0.0:7070"));
  EXPECT_FALSE(IsLoopbackAddress("[::]:7070"));
  EXPECT_FALSE(IsLoopbackAddress("192.168.1.2:7070"));
  EXPECT_FALSE(IsLoopbackAddress("example.com:7070"));
  EXPECT_FALSE(IsLoopbackAddress("127.0.0.1"));
}

TEST(MatchesTeamTest, NamesPrefixesAndEverything) {
  EXPECT_TRUE(MatchesTeam("payments", "payments"));
  EXPECT_FALSE(MatchesTeam("payments", "payments-api"));
  EXPECT_TRUE(MatchesTeam("payments-*", "payments-api"));
  EXPECT_FALSE(MatchesTeam("payments-*", "payments"));
  EXPECT_TRUE(MatchesTeam("*", "search"));
}

}  // namespace
}  // namespace teamload::config
