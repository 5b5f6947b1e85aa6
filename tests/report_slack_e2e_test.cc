// Slack end to end: a real teamloadd whose report names slack_webhook_env,
// the variable pointing at a local HTTP server in this process
// (support/webhook_sink.h) that records what it received. The digest's
// JSON (team order, levels, headlines, what changed, hostile names shown
// inert), a 500 logged and counted as a failed run and a failed Slack
// delivery, a start refused for an unset or non-https URL, and two replicas
// on one SQLite store posting each slot once. The URL never reaches the log.
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "collectors/synthetic/generator.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "tests/support/http.h"
#include "tests/support/process.h"
#include "tests/support/send_history.h"
#include "tests/support/webhook_sink.h"

namespace teamload {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// A team name and an expected source that would mention @channel and @here
// and link away if they reached Slack as they are. The hostile team sorts
// first in the report; the team under pressure must still lead the digest.
constexpr char kTeams[] = R"yaml(teams:
  - name: "ops<!channel>&<https://evil.example|click>"
    timezone: Europe/Berlin
    expected_sources: ["<!here>"]
  - name: pager_surge
    timezone: Europe/Berlin
    expected_sources: [pagerduty, jira, oops, survey]
)yaml";

constexpr char kReport[] = R"yaml(reports:
  - name: daily
    schedule: Mon-Sun 00:00 UTC
    teams: ["*"]
    formats: [markdown]
    slack_webhook_env: TEAMLOAD_E2E_SLACK_WEBHOOK
)yaml";

constexpr char kSecretPath[] = "/services/T0E2E/B0E2E/s3cr3t-e2e";

std::string Today() {
  return absl::FormatTime("%Y-%m-%d", absl::Now(), absl::UTCTimeZone());
}

// Today's 00:00 UTC slot, as the log names it.
std::string SlotLine() {
  return absl::StrCat("report daily slot ", Today(), " 00:00 UTC: ");
}

// The digest in a posted body.
std::string DigestOf(const testing::ReceivedRequest& request) {
  google::protobuf::Struct payload;
  EXPECT_TRUE(
      google::protobuf::util::JsonStringToMessage(request.body, &payload).ok())
      << request.body;
  const auto text = payload.fields().find("text");
  return text == payload.fields().end() ? "" : text->second.string_value();
}

class ReportSlackE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("TEAMLOAD_E2E_SLACK_WEBHOOK",
             absl::StrCat(sink_.base_url(), kSecretPath).c_str(), 1);
  }
  void TearDown() override { ::unsetenv("TEAMLOAD_E2E_SLACK_WEBHOOK"); }

  // Fills the store in `dir` with 12 weeks of a pager surge up to today's
  // 00:00 UTC, through a daemon with no reports (so no slot runs yet).
  void FillStore(const std::filesystem::path& dir) {
    testing::Daemon filler(dir, kTeams);
    filler.Start();
    const absl::Time end = absl::FromCivil(
        absl::CivilDay(absl::ToCivilDay(absl::Now(), absl::UTCTimeZone())),
        absl::UTCTimeZone());
    auto channel = grpc::CreateChannel(filler.address(),
                                       grpc::InsecureChannelCredentials());
    auto ingest = v1::IngestService::NewStub(channel);
    ASSERT_NO_FATAL_FAILURE(testing::SendHistory(
        *ingest,
        synthetic::Generate({.name = "pager_surge",
                             .archetype = synthetic::Archetype::kPagerSurge},
                            {.weeks = 12, .end = end})));
    ingest.reset();
    channel.reset();
    EXPECT_EQ(filler.Stop(), 0);
  }

  testing::WebhookSink sink_;
  testing::TempDir dir_;
};

TEST_F(ReportSlackE2eTest, TheDaemonPostsTheSlotsDigestWithEveryNameInert) {
  ASSERT_NO_FATAL_FAILURE(FillStore(dir_.path()));
  testing::Daemon daemon(dir_.path(), absl::StrCat(kTeams, kReport));
  daemon.Start();
  // Today's slot was missed before the start: caught up, and posted.
  ASSERT_TRUE(testing::WaitFor([&] {
    return daemon.Log().find(SlotLine() + "sent to Slack") != std::string::npos;
  })) << daemon.Log();
  const std::vector<testing::ReceivedRequest> received = sink_.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "POST");
  EXPECT_EQ(received[0].target, kSecretPath);
  EXPECT_EQ(received[0].content_type, "application/json");
  const std::string digest = DigestOf(received[0]);
  const absl::Time slot = absl::FromCivil(
      absl::CivilDay(absl::ToCivilDay(absl::Now(), absl::UTCTimeZone())),
      absl::UTCTimeZone());
  EXPECT_THAT(
      digest,
      StartsWith(absl::StrCat(
          "*Team load report daily, ", Today(), "*\nAs of ",
          absl::FormatTime("%A %Y-%m-%d", slot, absl::UTCTimeZone()),
          " 00:00 (UTC), 2 teams, 1 under pressure.\n\n*What changed "
          "since ",
          absl::FormatTime("%A %Y-%m-%d 00:00*\n", slot - absl::Hours(24),
                           absl::UTCTimeZone()))))
      << digest;
  // The team under pressure first, whatever the report's order.
  EXPECT_THAT(digest,
              HasSubstr("\n*Where the pressure is*\n• *pager_surge*: workload "
                        "*ATTENTION*"))
      << digest;
  const std::size_t surge = digest.find("• *pager_surge*");
  const std::size_t hostile = digest.find(
      "• *ops&lt;!channel&gt;&amp;&lt;https://evil.example|click&gt;*: "
      "workload - · economic - · safety -\n");
  ASSERT_NE(hostile, std::string::npos) << digest;
  EXPECT_LT(surge, hostile);
  // Its headline names the source it cannot see, inert too.
  EXPECT_THAT(digest.substr(hostile), HasSubstr("&lt;!here&gt;")) << digest;
  for (const char* live : {"<!channel>", "<!here>", "<https://", "&<"})
    EXPECT_THAT(digest, Not(HasSubstr(live))) << live;
  EXPECT_THAT(digest,
              HasSubstr(absl::StrCat("Full report: in teamloadd's outbox as "
                                     "daily/",
                                     Today(),
                                     ".md. `teamloadctl report daily "
                                     "--as-of ")));
  // The secret never reaches the log.
  EXPECT_THAT(daemon.Log(), Not(HasSubstr("s3cr3t")));
  EXPECT_THAT(daemon.Log(), Not(HasSubstr(sink_.base_url())));
  EXPECT_EQ(daemon.Stop(), 0);

  // A restart finds the slot claimed: no second post.
  daemon.Start();
  ASSERT_TRUE(testing::WaitFor([&] {
    return daemon.Log().find(SlotLine() + "skipped: already claimed") !=
           std::string::npos;
  })) << daemon.Log();
  EXPECT_EQ(sink_.Received().size(), 1u);
  EXPECT_EQ(daemon.Stop(), 0);
}

// The Prometheus samples of `metric` on the daemon's /metrics.
std::vector<std::string> Samples(const testing::Daemon& daemon,
                                 absl::string_view metric) {
  const testing::HttpResponse response = testing::HttpGet(
      absl::StrCat("http://", daemon.MetricsAddress(), "/metrics"));
  EXPECT_EQ(response.status, 200) << response.error;
  std::vector<std::string> samples;
  for (absl::string_view line : absl::StrSplit(response.body, '\n')) {
    if (absl::StartsWith(line, metric)) samples.emplace_back(line);
  }
  return samples;
}

TEST_F(ReportSlackE2eTest, AFailedPostIsLoggedAndCountedLikeAFailedMail) {
  sink_.Answer(500, "no_service");
  testing::Daemon daemon(
      dir_.path(),
      absl::StrCat("metrics_listen: 127.0.0.1:0\n", kTeams, kReport));
  daemon.Start();
  const std::string failed =
      absl::StrCat(SlotLine(),
                   "failed: slack: the webhook answered HTTP 500: no_service; "
                   "wrote ");
  ASSERT_TRUE(testing::WaitFor([&] {
    return daemon.Log().find(failed) != std::string::npos;
  })) << daemon.Log();
  EXPECT_EQ(sink_.Received().size(), 1u);
  EXPECT_THAT(
      Samples(daemon, "teamload_report_runs_total{"),
      ::testing::ElementsAre(
          R"(teamload_report_runs_total{outcome="failed",report="daily"} 1)"));
  EXPECT_THAT(
      Samples(daemon, "teamload_report_deliveries_total{"),
      ::testing::ElementsAre(
          R"(teamload_report_deliveries_total{channel="slack",outcome="failed",report="daily"} 1)"));
  // The outbox has the report all the same.
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "data/reports/daily" /
                                      (Today() + ".md")));
  EXPECT_THAT(daemon.Log(), Not(HasSubstr("s3cr3t")));
  EXPECT_THAT(daemon.Log(), Not(HasSubstr(sink_.base_url())));
  EXPECT_EQ(daemon.Stop(), 0);
}

TEST_F(ReportSlackE2eTest, AStartWithoutAUsableWebhookUrlIsRefused) {
  testing::Daemon daemon(dir_.path(), absl::StrCat(kTeams, kReport));
  ::unsetenv("TEAMLOAD_E2E_SLACK_WEBHOOK");
  testing::ProcessResult unset = testing::Run(
      {testing::TeamloaddPath(), "--config", daemon.config_path().string()});
  EXPECT_EQ(unset.exit_code, 1);
  EXPECT_THAT(unset.err,
              HasSubstr("report daily: the environment variable "
                        "TEAMLOAD_E2E_SLACK_WEBHOOK (slack_webhook_env) is not "
                        "set"));

  ::setenv("TEAMLOAD_E2E_SLACK_WEBHOOK",
           "http://hooks.example.com/services/T0/B0/s3cr3t-plain", 1);
  testing::ProcessResult plain = testing::Run(
      {testing::TeamloaddPath(), "--config", daemon.config_path().string()});
  EXPECT_EQ(plain.exit_code, 1);
  EXPECT_THAT(plain.err,
              HasSubstr("report daily: the environment variable "
                        "TEAMLOAD_E2E_SLACK_WEBHOOK (slack_webhook_env) is "
                        "http:// to a host that is not loopback"));
  EXPECT_THAT(plain.err, Not(HasSubstr("s3cr3t")));
  EXPECT_THAT(plain.err, Not(HasSubstr("hooks.example.com")));
  EXPECT_TRUE(sink_.Received().empty());
}

TEST_F(ReportSlackE2eTest, TwoReplicasOnOneSqliteStorePostEachSlotOnce) {
  // Replica b's data folder is replica a's: one SQLite file, one outbox.
  testing::TempDir other;
  std::filesystem::create_directories(dir_.path() / "data");
  std::filesystem::create_directory_symlink(dir_.path() / "data",
                                            other.path() / "data");
  testing::Daemon a(dir_.path(), absl::StrCat(kTeams, kReport));
  testing::Daemon b(other.path(), absl::StrCat(kTeams, kReport));
  a.Start();
  b.Start();
  const auto ran = [&](const testing::Daemon& d) {
    const std::string log = d.Log();
    return log.find(SlotLine() + "sent to Slack") != std::string::npos ||
           log.find(SlotLine() + "skipped: already claimed") !=
               std::string::npos;
  };
  ASSERT_TRUE(testing::WaitFor([&] { return ran(a) && ran(b); }))
      << a.Log() << b.Log();
  const int sent =
      (a.Log().find(SlotLine() + "sent to Slack") != std::string::npos) +
      (b.Log().find(SlotLine() + "sent to Slack") != std::string::npos);
  EXPECT_EQ(sent, 1) << a.Log() << b.Log();
  EXPECT_EQ(sink_.Received().size(), 1u);
  EXPECT_EQ(a.Stop(), 0);
  EXPECT_EQ(b.Stop(), 0);
}

}  // namespace
}  // namespace teamload
