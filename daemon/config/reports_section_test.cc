// The reports part of the config, through ParseConfig as an operator meets it.
#include "daemon/config/config.h"
#include "daemon/config/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::config {
namespace {

using ::teamload::config::testing::BadInput;
using ::teamload::config::testing::ExpectRefused;
using ::testing::ElementsAre;

constexpr char kTeams[] = R"yaml(store: sqlite:data/teamload.db
teams:
  - name: payments
  - name: platform-api
  - name: platform-db
  - name: search
)yaml";

absl::StatusOr<Config> Parse(const std::string& rest) {
  return ParseConfig(std::string(kTeams) + rest + "insecure_local: true\n",
                     "/etc/teamload/t.yaml");
}

TEST(ReportsConfigTest, ReadsReportsSmtpAndDefaults) {
  absl::StatusOr<Config> config = Parse(R"yaml(smtp:
  url: smtp://mail.example.com:587
  from: teamload@example.com
  username: teamload
  password_env: TEAMLOAD_SMTP_PASSWORD
reports:
  - name: weekly-platform
    schedule: Mon,Thu 08:30 America/New_York
    teams: [platform-*, payments, platform-api]
    recipients: [lead@example.com, vp@example.com]
  - name: search.md-only
    schedule: Fri 16:00 Europe/Berlin
    teams: [search]
    formats: [markdown]
    slack_webhook_env: TEAMLOAD_SLACK_SEARCH
)yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_TRUE(config->smtp.has_value());
  EXPECT_EQ(config->smtp->url, "smtp://mail.example.com:587");
  EXPECT_EQ(config->smtp->from, "teamload@example.com");
  EXPECT_EQ(config->smtp->username, "teamload");
  EXPECT_EQ(config->smtp->password_env, "TEAMLOAD_SMTP_PASSWORD");
  EXPECT_EQ(config->reports_dir, "/etc/teamload/data/reports");
  ASSERT_EQ(config->reports.size(), 2u);
  const ReportConfig& platform = config->reports[0];
  EXPECT_EQ(platform.name, "weekly-platform");
  EXPECT_EQ(FormatSchedule(platform.schedule),
            "Mon,Thu 08:30 America/New_York");
  EXPECT_THAT(platform.teams,
              ElementsAre("payments", "platform-api", "platform-db"));
  EXPECT_THAT(platform.recipients,
              ElementsAre("lead@example.com", "vp@example.com"));
  EXPECT_TRUE(platform.markdown);
  EXPECT_TRUE(platform.html);
  EXPECT_EQ(platform.slack_webhook_env, "");
  const ReportConfig& search = config->reports[1];
  EXPECT_EQ(search.slack_webhook_env, "TEAMLOAD_SLACK_SEARCH");
  EXPECT_THAT(search.teams, ElementsAre("search"));
  EXPECT_TRUE(search.recipients.empty());
  EXPECT_TRUE(search.markdown);
  EXPECT_FALSE(search.html);
}

TEST(ReportsConfigTest, RelativeReportsDirIsAnchoredAtTheConfigFile) {
  absl::StatusOr<Config> config = Parse("reports_dir: out/../outbox\n");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->reports_dir, "/etc/teamload/outbox");
  EXPECT_TRUE(config->reports.empty());
  EXPECT_FALSE(config->smtp.has_value());
}

class BadReportsConfigTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadReportsConfigTest, NamesFileLineFieldAndProblem) {
  absl::StatusOr<Config> config = Parse(GetParam().text);
  ASSERT_FALSE(config.ok());
  ExpectRefused(config.status(), GetParam().message);
}

// kTeams takes lines 1-6, so the report's first line is line 7.
INSTANTIATE_TEST_SUITE_P(
    Cases, BadReportsConfigTest,
    ::testing::Values(
        BadInput{"reports:\n  - name: w\n    schedule: Mon 9am UTC\n"
                 "    teams: [search]\n",
                 "/etc/teamload/t.yaml:9:15: reports[0].schedule: \"9am\" is "
                 "not a 24-hour time HH:MM"},
        BadInput{"reports:\n  - name: w\n    schedule: Mon 09:00 Mars/Olympus\n"
                 "    teams: [search]\n",
                 "t.yaml:9:15: reports[0].schedule: unknown time zone "
                 "\"Mars/Olympus\""},
        BadInput{"reports:\n  - name: w\n    schedule: Mon 09:00 UTC\n"
                 "    teams: [search, serch]\n",
                 "t.yaml:10:21: reports[0].teams[1]: unknown team \"serch\" "
                 "(not under teams:)"},
        BadInput{"reports:\n  - name: w\n    schedule: Mon 09:00 UTC\n"
                 "    teams: [infra-*]\n",
                 "t.yaml:10:13: reports[0].teams[0]: \"infra-*\" matches no "
                 "team"},
        BadInput{"reports:\n  - name: w\n    schedule: Mon 09:00 UTC\n"
                 "    teams: []\n",
                 "reports[0].teams: must name at least one team"},
        BadInput{"reports:\n  - name: w\n    schedule: Mon 09:00 UTC\n",
                 "t.yaml:8:5: reports[0].teams: is required"},
        BadInput{"reports:\n  - name: ../w\n    schedule: Mon 09:00 UTC\n"
                 "    teams: [search]\n",
                 "reports[0].name: \"../w\" must be 1..64 letters"},
        BadInput{"reports:\n  - {name: w, schedule: Mon 09:00 UTC, teams: "
                 "[search]}\n  - {name: w, schedule: Tue 09:00 UTC, teams: "
                 "[search]}\n",
                 "t.yaml:9:12: reports[1].name: report \"w\" is listed twice"},
        BadInput{"reports:\n  - {name: w, schedule: Mon 09:00 UTC, teams: "
                 "[search], formats: [pdf]}\n",
                 "reports[0].formats[0]: unknown format \"pdf\" (expected "
                 "markdown or html)"},
        BadInput{"reports:\n  - {name: w, schedule: Mon 09:00 UTC, teams: "
                 "[search], recipients: [a@example.com]}\n",
                 "reports[0].recipients: there is no smtp: section to send to "
                 "them with"},
        BadInput{"smtp: {url: smtp://m, from: t@example.com}\nreports:\n"
                 "  - {name: w, schedule: Mon 09:00 UTC, teams: [search], "
                 "recipients: [lead]}\n",
                 "reports[0].recipients[0]: \"lead\" is not an e-mail address"},
        BadInput{
            "smtp: {url: http://m, from: t@example.com}\n",
            "t.yaml:7:13: smtp.url: \"http://m\" is not smtp://HOST[:PORT]"},
        BadInput{"smtp: {url: smtp://m}\n", "smtp.from: is required"},
        BadInput{"smtp: {url: smtp://m, from: t@example.com, password: "
                 "hunter2}\n",
                 "smtp.password: never put the password in the file: set "
                 "password_env"},
        BadInput{"smtp: {url: smtp://m, from: t@example.com, username: u, "
                 "password_env: 1PASS}\n",
                 "smtp.password_env: \"1PASS\" is not an environment variable "
                 "name"},
        BadInput{"smtp: {url: smtp://m, from: t@example.com, password_env: "
                 "PASS}\n",
                 "smtp.username: is required when password_env is set"},
        BadInput{"reports:\n  - {name: w, schedule: Mon 09:00 UTC, teams: "
                 "[search], slack_webhook_env: hooks.slack.com}\n",
                 "t.yaml:8:76: reports[0].slack_webhook_env: "
                 "\"hooks.slack.com\" is not an environment variable name"},
        BadInput{"reports:\n  - {name: w, schedule: Mon 09:00 UTC, teams: "
                 "[search], slack_webhook: https://hooks.slack.com/x}\n",
                 "reports[0].slack_webhook: never put the webhook URL in the "
                 "file: set slack_webhook_env"},
        BadInput{"reports: {name: w}\n",
                 "t.yaml:7:10: reports: must be a list of reports"}));

}  // namespace
}  // namespace teamload::config
