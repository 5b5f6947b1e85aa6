// ReportRunner with a real SQLite store in a temporary folder, a real model,
// a FakeClock, and a Mailer and a SlackPoster that record (or refuse) what
// they are given: each outcome, what the outbox keeps, what the mail says,
// what goes to Slack, and what each delivery tells its observer.
#include "daemon/reports/runner.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "daemon/reports/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload::reports {
namespace {

using ::teamload::testing::ReadFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using testing::RecordingMailer;
using testing::RecordingSlackPoster;

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<store::Store>> store =
        store::Store::Open("sqlite:" + (dir_ / "teamload.db").string());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    report_.name = "weekly";
    report_.schedule = *config::ParseSchedule("Mon 09:00 Europe/Berlin");
    report_.teams = {"payments", "search"};
    report_.recipients = {"lead@example.com", "vp@example.com"};
  }

  // Runs the Monday 2026-11-30 09:00 Berlin slot, mailing through `mailer`
  // and posting through `slack`.
  RunOutcome RunSlot(Mailer* mailer, SlackPoster* slack = nullptr) {
    ReportRunner runner(
        (dir_ / "reports").string(), &model_, store_.get(), &clock_,
        {.mailer = mailer, .slack = slack},
        [this](absl::string_view report, RunOutcome outcome) {
          observed_.push_back(
              absl::StrCat(report, " ", RunOutcomeName(outcome)));
        },
        [this](absl::string_view report, Channel channel, bool ok) {
          deliveries_.push_back(absl::StrCat(report, " ", ChannelName(channel),
                                             ok ? " ok" : " failed"));
        });
    return runner.RunSlot(report_, kSlot);
  }
  std::filesystem::path Outbox() const { return dir_ / "reports/weekly"; }

  // 2026-11-30 09:00 Europe/Berlin.
  const absl::Time kSlot = absl::FromUnixSeconds(1'796'025'600);
  teamload::testing::TempDir temp_;
  const std::filesystem::path dir_ = temp_.path();
  std::unique_ptr<store::Store> store_;
  config::ReportConfig report_;
  model::Model model_{
      {config::WithZone({.name = "payments", .timezone = "Europe/Berlin"}),
       config::TeamConfig{.name = "search"}}};
  // The scheduler runs a slot a little after it is due.
  util::FakeClock clock_{kSlot + absl::Minutes(3)};
  std::vector<std::string> observed_;
  std::vector<std::string> deliveries_;
};

TEST_F(RunnerTest, MailsTheOutboxFilesToTheRecipientsDatedByTheClock) {
  RecordingMailer mailer;
  RecordingSlackPoster slack;  // the report names no webhook
  EXPECT_EQ(RunSlot(&mailer, &slack), RunOutcome::kSent);
  EXPECT_THAT(observed_, ElementsAre("weekly sent"));
  EXPECT_THAT(deliveries_, ElementsAre("weekly mail ok"));
  EXPECT_THAT(slack.posted(), IsEmpty());

  const std::string markdown = ReadFile(Outbox() / "2026-11-30.md");
  const std::string html = ReadFile(Outbox() / "2026-11-30.html");
  EXPECT_THAT(markdown, HasSubstr("# Team load report weekly, 2026-11-30\n"));
  const std::vector<MailMessage> sent = mailer.sent();
  ASSERT_EQ(sent.size(), 1u);
  const MailMessage& mail = sent[0];
  EXPECT_EQ(mail.from, "teamload@example.com");
  EXPECT_THAT(mail.to, ElementsAre("lead@example.com", "vp@example.com"));
  EXPECT_EQ(mail.subject, "Team load report weekly, 2026-11-30");
  EXPECT_EQ(mail.date, kSlot + absl::Minutes(3));
  EXPECT_EQ(mail.text,
            "Team load report weekly, 2026-11-30\n\nThe narratives of 2 teams "
            "as of 2026-11-30 09:00 (Europe/Berlin), with an overview of "
            "where the pressure is, are attached: weekly-2026-11-30.md and "
            "weekly-2026-11-30.html.\n\nSent by teamloadd.\n");
  EXPECT_EQ(mail.html, html);
  ASSERT_EQ(mail.attachments.size(), 2u);
  EXPECT_EQ(mail.attachments[0].filename, "weekly-2026-11-30.md");
  EXPECT_EQ(mail.attachments[0].content_type, "text/markdown; charset=utf-8");
  EXPECT_EQ(mail.attachments[0].content, markdown);
  EXPECT_EQ(mail.attachments[1].filename, "weekly-2026-11-30.html");
  EXPECT_EQ(mail.attachments[1].content_type, "text/html; charset=utf-8");
  EXPECT_EQ(mail.attachments[1].content, html);
}

TEST_F(RunnerTest, ASecondRunOfTheSameSlotIsSkippedAndSendsNothing) {
  RecordingMailer mailer;
  EXPECT_EQ(RunSlot(&mailer), RunOutcome::kSent);
  std::filesystem::remove_all(Outbox());
  clock_.Advance(absl::Hours(1));  // e.g. after a restart

  EXPECT_EQ(RunSlot(&mailer), RunOutcome::kSkipped);
  EXPECT_THAT(observed_, ElementsAre("weekly sent", "weekly skipped"));
  EXPECT_EQ(mailer.sent().size(), 1u);
  EXPECT_FALSE(std::filesystem::exists(Outbox()));
}

TEST_F(RunnerTest, WithoutAMailerOrRecipientsTheReportIsOnlyWritten) {
  EXPECT_EQ(RunSlot(/*mailer=*/nullptr), RunOutcome::kWritten);
  EXPECT_TRUE(std::filesystem::exists(Outbox() / "2026-11-30.md"));
  EXPECT_TRUE(std::filesystem::exists(Outbox() / "2026-11-30.html"));

  RecordingMailer mailer;
  report_.name = "quiet";
  report_.recipients.clear();
  report_.html = false;
  EXPECT_EQ(RunSlot(&mailer), RunOutcome::kWritten);
  EXPECT_THAT(mailer.sent(), IsEmpty());
  EXPECT_TRUE(std::filesystem::exists(dir_ / "reports/quiet/2026-11-30.md"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "reports/quiet/2026-11-30.html"));
  EXPECT_THAT(observed_, ElementsAre("weekly written", "quiet written"));
}

TEST_F(RunnerTest, AFailedMailFailsTheRunAndTheOutboxKeepsTheReport) {
  RecordingMailer mailer(absl::UnavailableError("smtp: connection refused"));
  EXPECT_EQ(RunSlot(&mailer), RunOutcome::kFailed);
  EXPECT_THAT(observed_, ElementsAre("weekly failed"));
  EXPECT_THAT(deliveries_, ElementsAre("weekly mail failed"));
  EXPECT_EQ(mailer.sent().size(), 1u);
  EXPECT_THAT(ReadFile(Outbox() / "2026-11-30.md"),
              HasSubstr("# Team load report weekly, 2026-11-30\n"));
  EXPECT_TRUE(std::filesystem::exists(Outbox() / "2026-11-30.html"));

  // The slot stays claimed: delivery is at most once, never a resend.
  EXPECT_EQ(RunSlot(&mailer), RunOutcome::kSkipped);
  EXPECT_EQ(mailer.sent().size(), 1u);
}

TEST_F(RunnerTest, PostsTheDigestToSlackBesideTheMail) {
  report_.slack_webhook_env = "TEAMLOAD_TEST_SLACK";
  RecordingMailer mailer;
  RecordingSlackPoster slack;
  EXPECT_EQ(RunSlot(&mailer, &slack), RunOutcome::kSent);
  EXPECT_THAT(observed_, ElementsAre("weekly sent"));
  EXPECT_THAT(deliveries_, ElementsAre("weekly mail ok", "weekly slack ok"));
  EXPECT_EQ(mailer.sent().size(), 1u);
  const std::vector<RecordingSlackPoster::Posted> posted = slack.posted();
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_EQ(posted[0].report, "weekly");
  EXPECT_THAT(posted[0].payload,
              HasSubstr("*Team load report weekly, 2026-11-30*\\nAs of Monday "
                        "2026-11-30 09:00 (Europe/Berlin), 2 teams, 0 under "
                        "pressure."));
  EXPECT_THAT(posted[0].payload,
              HasSubstr("mailed to 2 recipients as weekly-2026-11-30.md and "
                        "weekly-2026-11-30.html"));

  // Slack alone, no recipients: still sent.
  report_.name = "slack-only";
  report_.recipients.clear();
  EXPECT_EQ(RunSlot(&mailer, &slack), RunOutcome::kSent);
  EXPECT_EQ(mailer.sent().size(), 1u);
  EXPECT_EQ(slack.posted().size(), 2u);
  EXPECT_EQ(deliveries_.back(), "slack-only slack ok");
}

TEST_F(RunnerTest, AFailedPostFailsTheRunLikeAFailedMailAndIsNotRetried) {
  report_.slack_webhook_env = "TEAMLOAD_TEST_SLACK";
  RecordingMailer mailer;
  RecordingSlackPoster slack(
      absl::UnavailableError("slack: the webhook answered HTTP 500"));
  EXPECT_EQ(RunSlot(&mailer, &slack), RunOutcome::kFailed);
  EXPECT_THAT(observed_, ElementsAre("weekly failed"));
  EXPECT_THAT(deliveries_,
              ElementsAre("weekly mail ok", "weekly slack failed"));
  // The mail went; the outbox has the report.
  EXPECT_EQ(mailer.sent().size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(Outbox() / "2026-11-30.md"));

  // The slot stays claimed: no second post, no second mail.
  EXPECT_EQ(RunSlot(&mailer, &slack), RunOutcome::kSkipped);
  EXPECT_EQ(slack.posted().size(), 1u);
  EXPECT_EQ(mailer.sent().size(), 1u);
}

}  // namespace
}  // namespace teamload::reports
