// Slack incoming webhooks for real: which URLs may be one, reading them from
// the environment at start, and posts to a local HTTP server (WebhookSink)
// that records what it received and answers 200, 500 or too late. No
// message ever holds the URL.
#include "daemon/reports/webhook.h"

#include <cstdlib>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/webhook_sink.h"

namespace teamload::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(CheckWebhookUrlTest, HttpsOrLoopbackHttpOnly) {
  for (const char* url :
       {"https://hooks.slack.com/services/T0/B0/secret",
        "https://chat.example.com:8443/hook",
        "http://127.0.0.1:8080/services/x", "http://127.1.2.3/x",
        "http://localhost:9/x", "http://LOCALHOST/x", "http://[::1]:9/x"}) {
    EXPECT_TRUE(CheckWebhookUrl(url).ok()) << url;
  }
  for (const char* url :
       {"http://hooks.slack.com/services/T0/B0/secret",
        "http://127.0.0.1.evil.example/x", "http://127.0.0.1@evil.example/x",
        "http://10.0.0.1/x", "ftp://hooks.slack.com/x", "hooks.slack.com/x",
        "https://", "not a url at all"}) {
    const absl::Status s = CheckWebhookUrl(url);
    EXPECT_FALSE(s.ok()) << url;
    EXPECT_THAT(std::string(s.message()), Not(HasSubstr("slack.com")));
    EXPECT_THAT(std::string(s.message()), Not(HasSubstr("evil")));
  }
  EXPECT_EQ(
      CheckWebhookUrl("http://hooks.slack.com/services/T0/B0/secret").message(),
      "is http:// to a host that is not loopback: a webhook URL is a "
      "secret and must travel over https://");
}

config::ReportConfig Report(std::string name, std::string env) {
  config::ReportConfig report{.name = std::move(name)};
  report.slack_webhook_env = std::move(env);
  return report;
}

TEST(WebhookPosterTest, AStartWithoutAUsableUrlFailsNamingReportAndVariable) {
  ::unsetenv("TEAMLOAD_TEST_HOOK_UNSET");
  absl::StatusOr<std::unique_ptr<WebhookPoster>> unset =
      WebhookPoster::FromEnvironment(
          {Report("mail-only", ""),
           Report("weekly", "TEAMLOAD_TEST_HOOK_UNSET")});
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(unset.status().message(),
            "report weekly: the environment variable TEAMLOAD_TEST_HOOK_UNSET "
            "(slack_webhook_env) is not set; set it to the Slack incoming "
            "webhook's URL");

  ::setenv("TEAMLOAD_TEST_HOOK_PLAIN",
           "http://hooks.slack.com/services/T0/B0/s3cr3t", 1);
  absl::StatusOr<std::unique_ptr<WebhookPoster>> plain =
      WebhookPoster::FromEnvironment(
          {Report("weekly", "TEAMLOAD_TEST_HOOK_PLAIN")});
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.status().message(),
            "report weekly: the environment variable TEAMLOAD_TEST_HOOK_PLAIN "
            "(slack_webhook_env) is http:// to a host that is not loopback: a "
            "webhook URL is a secret and must travel over https://");

  ::setenv("TEAMLOAD_TEST_HOOK_EMPTY", "", 1);
  absl::StatusOr<std::unique_ptr<WebhookPoster>> empty =
      WebhookPoster::FromEnvironment(
          {Report("daily", "TEAMLOAD_TEST_HOOK_EMPTY")});
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(std::string(empty.status().message()),
              HasSubstr("report daily: the environment variable "
                        "TEAMLOAD_TEST_HOOK_EMPTY (slack_webhook_env) is "
                        "empty"));

  absl::StatusOr<std::unique_ptr<WebhookPoster>> none =
      WebhookPoster::FromEnvironment({Report("mail-only", "")});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE((*none)->empty());
}

class PostTest : public ::testing::Test {
 protected:
  // A poster for report "weekly" whose URL points at the sink, under a
  // path as secret as Slack's.
  std::unique_ptr<WebhookPoster> Poster(
      absl::Duration timeout = absl::Seconds(10)) {
    ::setenv("TEAMLOAD_TEST_HOOK", url_.c_str(), 1);
    absl::StatusOr<std::unique_ptr<WebhookPoster>> poster =
        WebhookPoster::FromEnvironment({report_}, timeout);
    EXPECT_TRUE(poster.ok()) << poster.status();
    return poster.ok() ? *std::move(poster) : nullptr;
  }

  testing::WebhookSink sink_;
  const std::string url_ = sink_.base_url() + "/services/T0/B0/s3cr3t";
  const config::ReportConfig report_ = Report("weekly", "TEAMLOAD_TEST_HOOK");
  const std::string payload_ = SlackPayload("*hello* &amp; welcome");
};

TEST_F(PostTest, PostsTheJsonToTheWebhook) {
  std::unique_ptr<WebhookPoster> poster = Poster();
  ASSERT_NE(poster, nullptr);
  EXPECT_FALSE(poster->empty());
  ASSERT_TRUE(poster->Post(report_, payload_).ok());
  const std::vector<testing::ReceivedRequest> received = sink_.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "POST");
  EXPECT_EQ(received[0].target, "/services/T0/B0/s3cr3t");
  EXPECT_EQ(received[0].content_type, "application/json");
  EXPECT_EQ(received[0].body, payload_);
}

TEST_F(PostTest, AnErrorAnswerSaysWhatTheServerSaidNeverTheUrl) {
  std::unique_ptr<WebhookPoster> poster = Poster();
  ASSERT_NE(poster, nullptr);
  sink_.Answer(500, "internal\x1b[2J error");
  const absl::Status s = poster->Post(report_, payload_);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(s.message(),
            "slack: the webhook answered HTTP 500: internal\\x1b[2J error");

  sink_.Answer(404, "no_service");
  EXPECT_EQ(poster->Post(report_, payload_).message(),
            "slack: the webhook answered HTTP 404: no_service");
  EXPECT_EQ(sink_.Received().size(), 2u);  // each post tried once
}

TEST_F(PostTest, ASlowOrAbsentServerTimesOutWithoutTheUrl) {
  std::unique_ptr<WebhookPoster> poster = Poster(absl::Milliseconds(300));
  ASSERT_NE(poster, nullptr);
  sink_.Answer(200, "ok", std::chrono::seconds(3));
  const absl::Status late = poster->Post(report_, payload_);
  EXPECT_EQ(late.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(late.message()),
              HasSubstr("slack: the webhook did not answer: Timeout was "
                        "reached (curl error 28)"));

  // A port nobody listens on: the sink's own, once it is gone.
  {
    testing::WebhookSink other;
    ::setenv("TEAMLOAD_TEST_HOOK", (other.base_url() + "/s3cr3t").c_str(), 1);
  }
  absl::StatusOr<std::unique_ptr<WebhookPoster>> gone =
      WebhookPoster::FromEnvironment({report_}, absl::Seconds(5));
  ASSERT_TRUE(gone.ok());
  const absl::Status refused = (*gone)->Post(report_, payload_);
  EXPECT_EQ(refused.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(refused.message()),
              HasSubstr("slack: the webhook did not answer: "));
  for (const absl::Status& s : {late, refused}) {
    EXPECT_THAT(std::string(s.message()), Not(HasSubstr("s3cr3t")));
    EXPECT_THAT(std::string(s.message()), Not(HasSubstr("127.0.0.1")));
  }
}

TEST_F(PostTest, AReportWithoutAUrlIsNotPosted) {
  std::unique_ptr<WebhookPoster> poster = Poster();
  ASSERT_NE(poster, nullptr);
  EXPECT_EQ(poster->Post(Report("other", "X"), payload_).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(sink_.Received().empty());
}

}  // namespace
}  // namespace teamload::reports
