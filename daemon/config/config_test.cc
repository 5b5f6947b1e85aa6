#include "daemon/config/config.h"

#include "absl/strings/str_cat.h"
#include "daemon/config/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::config {
namespace {

using ::teamload::config::testing::BadInput;
using ::teamload::config::testing::ExpectRefused;
using ::testing::HasSubstr;

const std::string kGood = absl::StrCat(R"yaml(
listen: 127.0.0.1:7070
store: sqlite:data/teamload.db
limits:
  max_request_signals: 500
)yaml",
                                       testing::kPaymentsAndSearch);

TEST(ConfigTest, ParsesAGoodFileWithDefaults) {
  absl::StatusOr<Config> config =
      ParseConfig(kGood, "/etc/teamload/teamload.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen, "127.0.0.1:7070");
  EXPECT_EQ(config->metrics_listen, "");  // no metrics unless asked for
  EXPECT_EQ(config->store, "sqlite:/etc/teamload/data/teamload.db");
  EXPECT_EQ(config->limits.max_request_signals, 500);
  EXPECT_EQ(config->limits.max_request_bytes, 16 << 20);
  EXPECT_EQ(config->limits.max_ingest_calls, 12);
  EXPECT_EQ(config->limits.max_inflight_bytes, 20 << 20);
  EXPECT_EQ(config->limits.max_threads, 64);
  EXPECT_EQ(config->limits.max_streams_per_connection, 16);
  EXPECT_EQ(config->limits.max_transport_bytes, 256 << 20);
  ASSERT_EQ(config->teams.size(), 2u);
  EXPECT_EQ(config->teams[0].name, "payments");
  EXPECT_EQ(config->teams[0].timezone, "Europe/Berlin");
  EXPECT_EQ(config->teams[0].oncall_size, 5);
  EXPECT_THAT(config->teams[0].expected_sources,
              ::testing::ElementsAre("pagerduty", "jira"));
  EXPECT_EQ(config->teams[1].timezone, "UTC");
  EXPECT_EQ(config->teams[1].oncall_size, 1);
  // The zones are loaded once, here.
  EXPECT_EQ(config->teams[0].zone.name(), "Europe/Berlin");
  EXPECT_EQ(config->teams[1].zone.name(), "UTC");
}

TEST(ConfigTest, ReadsEveryLimit) {
  absl::StatusOr<Config> config = ParseConfig(
      absl::StrCat(
          "insecure_local: true\nstore: sqlite:x.db\nteams: [{name: a}]\n",
          "limits: {max_request_signals: 5, max_request_bytes: 2048, "
          "max_ingest_calls: 3, max_inflight_bytes: 4096, "
          "max_threads: 8, max_streams_per_connection: 2, "
          "max_transport_bytes: 33554432}\n"),
      "t.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->limits.max_request_signals, 5);
  EXPECT_EQ(config->limits.max_request_bytes, 2048);
  EXPECT_EQ(config->limits.max_ingest_calls, 3);
  EXPECT_EQ(config->limits.max_inflight_bytes, 4096);
  EXPECT_EQ(config->limits.max_threads, 8);
  EXPECT_EQ(config->limits.max_streams_per_connection, 2);
  EXPECT_EQ(config->limits.max_transport_bytes, 32 << 20);
}

TEST(TeamZoneTest, LoadZoneLoadsTheNamedZone) {
  TeamConfig team{.name = "payments", .timezone = "America/New_York"};
  ASSERT_TRUE(LoadZone(team).ok());
  EXPECT_EQ(team.zone.name(), "America/New_York");
  // 2026-07-01 12:00 UTC is 08:00 in New York (EDT).
  EXPECT_EQ(team.zone.At(absl::FromUnixSeconds(1'782'907'200)).cs.hour(), 8);
}

TEST(TeamZoneTest, LoadZoneRefusesAnUnknownNameAndKeepsTheZone) {
  TeamConfig team{.name = "payments", .timezone = "Mars/Olympus"};
  const absl::Status status = LoadZone(team);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "unknown time zone \"Mars/Olympus\" (use an IANA name such as "
            "Europe/Berlin)");
  EXPECT_EQ(team.zone.name(), "UTC");
}

TEST(TeamZoneTest, ATeamBuiltByHandIsInUtcUntilItsZoneIsLoaded) {
  EXPECT_EQ(TeamConfig{}.zone.name(), "UTC");
  EXPECT_EQ(WithZone({.name = "a", .timezone = "Asia/Kolkata"}).zone.name(),
            "Asia/Kolkata");
}

TEST(TeamZoneDeathTest, WithZoneDiesNamingAnUnknownZone) {
  EXPECT_DEATH(WithZone({.name = "a", .timezone = "Mars/Olympus"}),
               "team \"a\": unknown time zone \"Mars/Olympus\"");
}

class BadConfigTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadConfigTest, NamesFileLineAndProblem) {
  absl::StatusOr<Config> config = ParseConfig(GetParam().text, "t.yaml");
  ASSERT_FALSE(config.ok());
  ExpectRefused(config.status(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadConfigTest,
    ::testing::Values(
        BadInput{"store: sqlite:x.db\nteams:\n  - name: a\n    timezone: "
                 "Europe/Berln\n",
                 "t.yaml:4:15: teams[0].timezone: unknown time zone "
                 "\"Europe/Berln\""},
        BadInput{"store: sqlite:x.db\nlistn: 1:2\nteams: [{name: a}]\n",
                 "t.yaml:2:1: listn: unknown key (expected one of: listen, "
                 "metrics_listen, health_listen, store, store_password_env, "
                 "limits, analysis, teams, reports, smtp, reports_dir, tls, "
                 "auth, insecure_local, audit_log, themes, retention)"},
        BadInput{"teams: [{name: a}]\n", "t.yaml:1:1: store: is required"},
        BadInput{"store: mysql:x\nteams: [{name: a}]\n",
                 "t.yaml:1:8: store: \"mysql:x\" is not a store URL"},
        BadInput{"store: sqlite:x.db\nteams:\n  - name: a\n  - name: a\n",
                 "t.yaml:4:11: teams[1].name: team \"a\" is listed twice"},
        BadInput{
            "store: sqlite:x.db\nteams:\n  - name: a\n    oncall_size: 0\n",
            "t.yaml:4:18: teams[0].oncall_size: 0 is out of range 1..1000"},
        BadInput{
            "store: sqlite:x.db\nteams:\n  - name: a\n    oncall_size: many\n",
            "teams[0].oncall_size: must be a whole number"},
        BadInput{"store: sqlite:x.db\nteams:\n  - timezone: UTC\n",
                 "t.yaml:3:5: teams[0].name: is required"},
        BadInput{"store: sqlite:x.db\nteams: []\n",
                 "teams: must be a non-empty list of teams"},
        BadInput{"store: sqlite:x.db\nlimits: {max_request_bytes: 10}\nteams: "
                 "[{name: a}]\n",
                 "limits.max_request_bytes: 10 is out of range"},
        BadInput{"store: sqlite:x.db\nlimits: {max_inflight_bytes: 4096}\n"
                 "teams: [{name: a}]\n",
                 "t.yaml:2:9: limits.max_inflight_bytes: 4096 must be at "
                 "least max_request_bytes (16777216)"},
        BadInput{"store: sqlite:x.db\nlimits: {max_threads: 0}\nteams: "
                 "[{name: a}]\n",
                 "limits.max_threads: 0 is out of range 4..100000"},
        BadInput{"store: sqlite:x.db\nlimits: {max_queue: 1}\nteams: "
                 "[{name: a}]\n",
                 "limits.max_queue: unknown key (expected one of: "
                 "max_request_signals, max_request_bytes, max_ingest_calls, "
                 "max_inflight_bytes, max_threads, max_streams_per_connection, "
                 "max_transport_bytes)"},
        BadInput{"store: sqlite:x.db\nteams: [{name: a}\n",
                 "t.yaml:3:1: not valid YAML"},
        BadInput{"- just\n- a list\n", "(top level): must be a map"}));

TEST(ConfigTest, ReportsEveryProblemAtOnce) {
  absl::StatusOr<Config> config = ParseConfig(
      "listen: nope\nteams:\n  - name: a\n    timezone: Nowhere\n", "t.yaml");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("listen: \"nope\" is not HOST:PORT"));
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("store: is required"));
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("unknown time zone \"Nowhere\""));
}

TEST(ConfigTest, AnalysisThresholdsHaveDefaultsAndTeamOverrides) {
  absl::StatusOr<Config> config = ParseConfig(
      "store: sqlite:x.db\ninsecure_local: true\n"
      "analysis: {oops_writeup_days: 10, pager_watch_ratio: 1.75, "
      "migration_retro_days: 45}\n"
      "teams:\n"
      "  - name: a\n"
      "  - name: b\n"
      "    analysis: {oops_writeup_days: 21}\n",
      "t.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->teams[0].analysis.oops_writeup_days, 10);
  EXPECT_EQ(config->teams[1].analysis.oops_writeup_days, 21);
  EXPECT_EQ(config->teams[0].analysis.migration_retro_days, 45);
  EXPECT_EQ(config->teams[1].analysis.migration_retro_days, 45);
  EXPECT_EQ(config->teams[1].analysis.pager_watch_ratio, 1.75);
  EXPECT_EQ(config->teams[1].analysis.unwritten_attention, 3);
  EXPECT_EQ(config->teams[1].analysis.quote_min_respondents, 5);
}

TEST(ConfigTest, TheInterruptionMergeWindowIsSecondsUpToAnHour) {
  absl::StatusOr<Config> config = ParseConfig(
      "store: sqlite:x.db\ninsecure_local: true\n"
      "analysis: {interruption_merge_seconds: 120}\n"
      "teams:\n"
      "  - name: a\n"
      "  - name: b\n"
      "    analysis: {interruption_merge_seconds: 0}\n",
      "t.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(AnalysisConfig{}.interruption_merge_seconds, 60);  // PagerDuty's
  EXPECT_EQ(config->teams[0].analysis.interruption_merge_seconds, 120);
  EXPECT_EQ(config->teams[1].analysis.interruption_merge_seconds, 0);

  for (const char* bad : {"3601", "-1", "60s", "1.5"}) {
    absl::StatusOr<Config> refused = ParseConfig(
        absl::StrCat("store: sqlite:x.db\ninsecure_local: true\n"
                     "analysis: {interruption_merge_seconds: ",
                     bad, "}\n"),
        "t.yaml");
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_THAT(std::string(refused.status().message()),
                HasSubstr("analysis.interruption_merge_seconds: "))
        << bad;
  }
}

TEST(ConfigTest, QuotesNeverNeedFewerThanThreeRespondents) {
  absl::StatusOr<Config> config = ParseConfig(
      "store: sqlite:x.db\nteams:\n  - name: a\n    analysis:\n"
      "      quote_min_respondents: 2\n      theme_attention_share: 2\n",
      "t.yaml");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(
      std::string(config.status().message()),
      HasSubstr(
          "t.yaml:5:30: teams[0].analysis.quote_min_respondents: 2 is out "
          "of range 3..1000"));
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("teams[0].analysis.theme_attention_share: 2 is out of "
                        "range 0.01..1"));
}

TEST(ConfigTest, ThresholdsThatWouldSkipALevelOrNameOnePersonAreRefused) {
  absl::StatusOr<Config> config = ParseConfig(
      "store: sqlite:x.db\nanalysis: {pager_watch_ratio: 3, "
      "theme_watch_respondents: 1}\n"
      "teams:\n  - name: a\n    analysis: {unwritten_watch: 4}\n",
      "t.yaml");
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  EXPECT_THAT(
      message,
      HasSubstr("t.yaml:2:11: analysis.pager_watch_ratio: 3 must not exceed "
                "pager_attention_ratio (2)"));
  EXPECT_THAT(
      message,
      HasSubstr("analysis.theme_watch_respondents: 1 is out of range 2..1000"));
  EXPECT_THAT(message,
              HasSubstr("teams[0].analysis.unwritten_watch: 4 must not exceed "
                        "unwritten_attention (3)"));
}

TEST(ConfigTest, MissingFileIsNamed) {
  absl::StatusOr<Config> config = LoadConfig("/nonexistent/teamload.yaml");
  EXPECT_EQ(config.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(
      std::string(config.status().message()),
      HasSubstr("/nonexistent/teamload.yaml: cannot read the config file"));
}

}  // namespace
}  // namespace teamload::config
