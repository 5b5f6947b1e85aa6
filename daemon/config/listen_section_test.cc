// The listeners of the config, through ParseConfig as an operator meets
// them: listen, metrics_listen and health_listen, each on a port of its own.
#include "daemon/config/listen_section.h"

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

// A loopback daemon without TLS and the listeners given in `listeners`.
absl::StatusOr<Config> Parse(const std::string& listeners) {
  return ParseConfig(absl::StrCat("store: sqlite:x.db\n", listeners,
                                  testing::kPaymentsAndSearch),
                     "t.yaml");
}

TEST(ListenSectionTest, ServesNoMetricsAndNoHealthPortUnlessAskedFor) {
  absl::StatusOr<Config> config = Parse("");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen, "127.0.0.1:7070");
  EXPECT_EQ(config->metrics_listen, "");
  EXPECT_EQ(config->health_listen, "");
}

TEST(ListenSectionTest, MetricsListenTakesIpv4AndIpv6Addresses) {
  for (const char* address : {"127.0.0.1:0", "[::1]:9470"}) {
    absl::StatusOr<Config> config =
        Parse(absl::StrCat("metrics_listen: \"", address, "\"\n"));
    ASSERT_TRUE(config.ok()) << config.status();
    EXPECT_EQ(config->metrics_listen, address);
  }
}

TEST(ListenSectionTest, HealthListenTakesAnyHostGrpcResolves) {
  for (const char* address :
       {"127.0.0.1:7071", "localhost:7071", "[::1]:7071", "127.0.0.1:0"}) {
    absl::StatusOr<Config> config =
        Parse(absl::StrCat("health_listen: \"", address, "\"\n"));
    ASSERT_TRUE(config.ok()) << config.status();
    EXPECT_EQ(config->health_listen, address);
  }
}

// Health carries no team data and takes no writes, so a trial daemon on
// loopback may still answer a probe from outside.
TEST(ListenSectionTest, InsecureLocalLetsHealthListenOffLoopback) {
  absl::StatusOr<Config> config =
      Parse("listen: 127.0.0.1:7070\nhealth_listen: 0.0.0.0:7071\n");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->insecure_local);
  EXPECT_EQ(config->health_listen, "0.0.0.0:7071");
}

TEST(ListenSectionTest, PortZeroNeverClashes) {
  absl::StatusOr<Config> config = Parse(
      "listen: 127.0.0.1:0\nmetrics_listen: 127.0.0.1:0\n"
      "health_listen: 127.0.0.1:0\n");
  EXPECT_TRUE(config.ok()) << config.status();
}

TEST(ListenPortTest, ReadsOnlyANumberAfterAHost) {
  EXPECT_EQ(ListenPort("0.0.0.0:7071"), 7071);
  EXPECT_EQ(ListenPort("[::]:0"), 0);
  EXPECT_EQ(ListenPort("localhost:65535"), 65535);
  EXPECT_EQ(ListenPort(":7071"), std::nullopt);
  EXPECT_EQ(ListenPort("7071"), std::nullopt);
  EXPECT_EQ(ListenPort("0.0.0.0:"), std::nullopt);
  EXPECT_EQ(ListenPort("0.0.0.0:65536"), std::nullopt);
  EXPECT_EQ(ListenPort("0.0.0.0:+80"), std::nullopt);
  EXPECT_EQ(ListenPort("0.0.0.0:http"), std::nullopt);
}

class ListenSectionRefusesTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(ListenSectionRefusesTest, NamesTheFieldAndTheProblem) {
  ExpectRefused(Parse(GetParam().text).status(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    BadListeners, ListenSectionRefusesTest,
    ::testing::Values(
        BadInput{"metrics_listen: localhost:9470\n",
                 "t.yaml:2:17: metrics_listen: \"localhost:9470\" is not "
                 "IP:PORT (e.g. 127.0.0.1:9470; port 0 picks a free port; "
                 "leave it out to serve no metrics)"},
        BadInput{"metrics_listen: 127.0.0.1:70000\n",
                 "t.yaml:2:17: metrics_listen: \"127.0.0.1:70000\" is not "
                 "IP:PORT"},
        BadInput{"metrics_listen: \"[fd00::2]:9470\"\n",
                 "metrics_listen: \"[fd00::2]:9470\": the metrics server "
                 "listens on IPv4 only; use an IPv4 address, or [::] for "
                 "every address"},
        BadInput{"metrics_listen: 9470\n",
                 "metrics_listen: \"9470\" is not IP:PORT"},
        BadInput{"health_listen: 7071\n",
                 "t.yaml:2:16: health_listen: \"7071\" is not HOST:PORT "
                 "(e.g. 0.0.0.0:7071; port 0 picks a free port; leave it "
                 "out to serve no health port)"},
        BadInput{"health_listen: 127.0.0.1:health\n",
                 "health_listen: \"127.0.0.1:health\" is not HOST:PORT"},
        BadInput{"health_listen: \"127.0.0.1:99999\"\n",
                 "health_listen: \"127.0.0.1:99999\" is not HOST:PORT"},
        BadInput{"health_listen: [127.0.0.1:7071]\n", "health_listen: must be"},
        BadInput{"listen: 127.0.0.1:7070\nhealth_listen: 127.0.0.1:7070\n",
                 "t.yaml:3:16: health_listen: \"127.0.0.1:7070\" takes port "
                 "7070, which listen (\"127.0.0.1:7070\") already has: give "
                 "each listener a port of its own"},
        // One port, whatever the hosts: teamloadd would fail to bind the
        // second on any host that both name.
        BadInput{"listen: 127.0.0.1:7070\nhealth_listen: localhost:7070\n",
                 "health_listen: \"localhost:7070\" takes port 7070, which "
                 "listen (\"127.0.0.1:7070\") already has"},
        BadInput{"metrics_listen: 127.0.0.1:9470\n"
                 "health_listen: \"[::1]:9470\"\n",
                 "health_listen: \"[::1]:9470\" takes port 9470, which "
                 "metrics_listen (\"127.0.0.1:9470\") already has"},
        // listen's default port is taken too.
        BadInput{"metrics_listen: 127.0.0.1:7070\n",
                 "metrics_listen: \"127.0.0.1:7070\" takes port 7070, which "
                 "listen (\"127.0.0.1:7070\") already has"}));

}  // namespace
}  // namespace teamload::config
