// SMTP delivery end to end: a ReportRunner mails a report to a real local
// SMTP server (aiosmtpd, started by the test), which keeps what it received;
// the test reads the message back with Python's own MIME parser's help.
// When the server cannot be reached, the outbox still gets the report and
// the run counts as failed.
#include <unistd.h>

#include <chrono>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "daemon/reports/runner.h"
#include "daemon/reports/smtp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

bool WaitForFile(const std::filesystem::path& path) {
  return testing::WaitFor([&] { return std::filesystem::exists(path); });
}

class ReportSmtpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    report_.name = "weekly";
    report_.schedule = *config::ParseSchedule("Mon 09:00 Europe/Berlin");
    report_.teams = {"payments", "search"};
    report_.recipients = {"lead@example.com", "vp@example.com"};
    store_ = *store::Store::Open("sqlite:" + (dir_.path() / "t.db").string());
  }

  // Runs the Monday 2026-11-30 09:00 slot through `smtp`.
  reports::RunOutcome RunSlot(const config::SmtpConfig& smtp) {
    reports::SmtpMailer mailer(smtp);
    reports::ReportRunner runner(
        (dir_.path() / "reports").string(), &model_, store_.get(), &clock_,
        {.mailer = &mailer},
        [this](absl::string_view report, reports::RunOutcome outcome) {
          observed_.push_back(
              absl::StrCat(report, " ", reports::RunOutcomeName(outcome)));
        });
    return runner.RunSlot(report_, kSlot);
  }

  const absl::Time kSlot = absl::FromUnixSeconds(1'796'025'600);
  util::SystemClock clock_;
  testing::TempDir dir_;
  config::ReportConfig report_;
  model::Model model_{{config::TeamConfig{.name = "payments"},
                       config::TeamConfig{.name = "search"}}};
  std::unique_ptr<store::Store> store_;
  std::vector<std::string> observed_;
};

TEST_F(ReportSmtpTest, TheMessageReachesTheServerWithTheReportAttached) {
  const auto sink = dir_.path() / "sink";
  testing::Process server(
      {"/usr/bin/python3", TEAMLOAD_SMTP_SINK, "--dir", sink.string(),
       "--port-file", (dir_.path() / "port").string()},
      dir_.path() / "sink.log");
  server.Start();
  ASSERT_TRUE(WaitForFile(dir_.path() / "port"))
      << testing::ReadFile(dir_.path() / "sink.log");
  const std::string port(
      absl::StripAsciiWhitespace(testing::ReadFile(dir_.path() / "port")));

  EXPECT_EQ(RunSlot({.url = "smtp://127.0.0.1:" + port,
                     .from = "teamload@example.com"}),
            reports::RunOutcome::kSent);
  EXPECT_THAT(observed_, ElementsAre("weekly sent"));

  ASSERT_TRUE(WaitForFile(sink / "1"));
  EXPECT_EQ(testing::ReadFile(sink / "1/envelope.txt"),
            "MAIL FROM: teamload@example.com\n"
            "RCPT TO: lead@example.com\n"
            "RCPT TO: vp@example.com\n");
  EXPECT_EQ(testing::ReadFile(sink / "1/subject.txt"),
            "Team load report weekly, 2026-11-30");
  // A text body and the HTML as its alternative, then both files attached.
  const std::vector<std::string> parts = absl::StrSplit(
      testing::ReadFile(sink / "1/parts.txt"), '\n', absl::SkipEmpty());
  ASSERT_EQ(parts.size(), 4u) << testing::ReadFile(sink / "1/parts.txt");
  const auto field = [](const std::string& line, int i) {
    return std::string(
        std::vector<absl::string_view>(absl::StrSplit(line, '\t'))[i]);
  };
  EXPECT_EQ(field(parts[0], 1) + " " + field(parts[0], 2), "text/plain body");
  EXPECT_EQ(field(parts[1], 1) + " " + field(parts[1], 2), "text/html body");
  EXPECT_EQ(
      field(parts[2], 1) + " " + field(parts[2], 2) + " " + field(parts[2], 3),
      "text/markdown attachment weekly-2026-11-30.md");
  EXPECT_EQ(
      field(parts[3], 1) + " " + field(parts[3], 2) + " " + field(parts[3], 3),
      "text/html attachment weekly-2026-11-30.html");
  EXPECT_THAT(testing::ReadFile(sink / "1" / field(parts[0], 0)),
              HasSubstr("The narratives of 2 teams as of 2026-11-30 09:00 "
                        "(Europe/Berlin)"));
  // The attachments are the very files the outbox got.
  const auto outbox = dir_.path() / "reports/weekly";
  const std::string markdown = testing::ReadFile(outbox / "2026-11-30.md");
  EXPECT_THAT(markdown, HasSubstr("# Team load report weekly, 2026-11-30\n"));
  EXPECT_EQ(testing::ReadFile(sink / "1" / field(parts[2], 0)), markdown);
  EXPECT_EQ(testing::ReadFile(sink / "1" / field(parts[3], 0)),
            testing::ReadFile(outbox / "2026-11-30.html"));
  EXPECT_EQ(testing::ReadFile(sink / "1" / field(parts[1], 0)),
            testing::ReadFile(outbox / "2026-11-30.html"));

  // The slot is claimed: running it again sends nothing.
  EXPECT_EQ(RunSlot({.url = "smtp://127.0.0.1:" + port,
                     .from = "teamload@example.com"}),
            reports::RunOutcome::kSkipped);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(std::filesystem::exists(sink / "2"));
}

TEST_F(ReportSmtpTest, AnUnreachableServerFailsTheRunButTheOutboxHasTheReport) {
  EXPECT_EQ(RunSlot({.url = absl::StrCat("smtp://127.0.0.1:",
                                         testing::FreeLoopbackPort()),
                     .from = "teamload@example.com"}),
            reports::RunOutcome::kFailed);
  EXPECT_THAT(observed_, ElementsAre("weekly failed"));
  EXPECT_THAT(testing::ReadFile(dir_.path() / "reports/weekly/2026-11-30.md"),
              HasSubstr("# Team load report weekly, 2026-11-30\n"));
  EXPECT_TRUE(
      std::filesystem::exists(dir_.path() / "reports/weekly/2026-11-30.html"));
}

TEST_F(ReportSmtpTest, AMissingPasswordVariableIsNamed) {
  unsetenv("TEAMLOAD_TEST_UNSET_PASSWORD");
  absl::Status sent = reports::SendMail(
      {.url = absl::StrCat("smtp://127.0.0.1:", testing::FreeLoopbackPort()),
       .from = "teamload@example.com",
       .username = "teamload",
       .password_env = "TEAMLOAD_TEST_UNSET_PASSWORD"},
      {.from = "teamload@example.com", .to = {"lead@example.com"}});
  EXPECT_EQ(sent, absl::FailedPreconditionError(
                      "smtp: the environment variable "
                      "TEAMLOAD_TEST_UNSET_PASSWORD (smtp.password_env) is "
                      "not set"));
}

TEST_F(ReportSmtpTest, AnUnreachableServerIsNamedWithCurlsReason) {
  const int port = testing::FreeLoopbackPort();
  absl::Status sent = reports::SendMail(
      {.url = absl::StrCat("smtp://127.0.0.1:", port),
       .from = "teamload@example.com"},
      {.from = "teamload@example.com", .to = {"lead@example.com"}});
  EXPECT_EQ(sent.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(sent.message()),
              HasSubstr(absl::StrCat("smtp smtp://127.0.0.1:", port, ": ")));
  EXPECT_THAT(std::string(sent.message()), HasSubstr("onnect"));
}

}  // namespace
}  // namespace teamload
