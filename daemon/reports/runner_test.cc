// ReportRunner with a real SQLite store in a temporary folder, a real model,
// a FakeClock and a Mailer that records (or refuses) what it is given: each
// outcome, what the outbox keeps, and what the mail says.
#include "daemon/reports/runner.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload::reports {
namespace {

using ::teamload::testing::ReadFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Keeps every message it is asked to send; answers `result`.
class RecordingMailer final : public Mailer {
 public:
  explicit RecordingMailer(absl::Status result = absl::OkStatus())
      : result_(std::move(result)) {}

  const std::string& from() const override { return from_; }
  absl::Status Send(const MailMessage& message) override {
    absl::MutexLock lock(&mu_);
    sent_.push_back(message);
    return result_;
  }

  std::vector<MailMessage> sent() const {
    absl::MutexLock lock(&mu_);
    return sent_;
  }

 private:
  const std::string from_ = "teamload@example.com";
  const absl::Status result_;
  mutable absl::Mutex mu_;
  std::vector<MailMessage> sent_ ABSL_GUARDED_BY(mu_);
};

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

  // Runs the Monday 2026-11-30 09:00 Berlin slot, mailing through `mailer`.
  RunOutcome RunSlot(Mailer* mailer) {
    ReportRunner runner((dir_ / "reports").string(), &model_, store_.get(),
                        &clock_, mailer,
                        [this](absl::string_view report, RunOutcome outcome) {
                          observed_.push_back(absl::StrCat(
                              report, " ", RunOutcomeName(outcome)));
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
};

TEST_F(RunnerTest, MailsTheOutboxFilesToTheRecipientsDatedByTheClock) {
  RecordingMailer mailer;
  EXPECT_EQ(RunSlot(&mailer), RunOutcome::kSent);
  EXPECT_THAT(observed_, ElementsAre("weekly sent"));

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
  EXPECT_EQ(mailer.sent().size(), 1u);
  EXPECT_THAT(ReadFile(Outbox() / "2026-11-30.md"),
              HasSubstr("# Team load report weekly, 2026-11-30\n"));
  EXPECT_TRUE(std::filesystem::exists(Outbox() / "2026-11-30.html"));

  // The slot stays claimed: delivery is at most once, never a resend.
  EXPECT_EQ(RunSlot(&mailer), RunOutcome::kSkipped);
  EXPECT_EQ(mailer.sent().size(), 1u);
}

}  // namespace
}  // namespace teamload::reports
