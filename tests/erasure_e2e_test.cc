// Erasure and retention with a real teamloadd over TLS with tokens: an admin
// erases a respondent's survey notes and one signal through teamloadctl, a
// reader may not; the counts come back, the narrative of an earlier as_of no
// longer shows the words, and the log and audit log name what was asked,
// never the content. The retention sweep at start erases an old note.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"
#include "tests/support/tls.h"

namespace teamload {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSecretWords[] = "zanzibar-otter cannot sleep before on-call";

std::string Note(const std::string& id, const std::string& respondent,
                 absl::Time at, const std::string& text) {
  return absl::StrFormat(
      R"({"id":"%s","team":"payments","source":"survey","occurredAt":"%s",)"
      R"("surveyNote":{"survey":"pulse","respondent":"%s","question":)"
      R"("How is on-call?","text":"%s","score":2}})"
      "\n",
      id, absl::FormatTime(absl::RFC3339_sec, at, absl::UTCTimeZone()),
      respondent, text);
}

class ErasureTest : public testing::SecuredDaemonTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StartSecured(
        {testing::TokenEntry("the-admin", "tl_admin", "admin", "[\"*\"]"),
         testing::TokenEntry("a-reader", "tl_reader", "reader", "[\"*\"]")}));
  }

  void Ingest(const std::string& lines) {
    const std::filesystem::path file = dir_.path() / "signals.jsonl";
    std::ofstream(file) << lines;
    const testing::ProcessResult sent =
        Ctl("tl_admin", {"ingest", file.string()});
    ASSERT_EQ(sent.exit_code, 0) << sent.out << sent.err;
  }
  int64_t SurveyNotes() {
    const testing::ProcessResult team =
        Ctl("tl_reader", {"team", "payments", "--json"});
    EXPECT_EQ(team.exit_code, 0) << team.err;
    const size_t at = team.out.find("\"survey_note\": \"");
    if (at == std::string::npos) return 0;
    return std::stoll(team.out.substr(at + 16));
  }
};

TEST_F(ErasureTest, AnAdminErasesARespondentAndASignalAReaderMayNot) {
  const absl::Time asked = absl::Now() - absl::Hours(24 * 3);
  std::string lines;
  // Six respondents, so the survey may be quoted; "r-otter" answered twice.
  for (int i = 0; i < 5; ++i) {
    lines += Note(absl::StrCat("pulse:", i), absl::StrCat("r-", i), asked,
                  "on-call wakes me every night and I am exhausted");
  }
  lines += Note("pulse:otter-1", "r-otter", asked, kSecretWords);
  lines += Note("pulse:otter-2", "r-otter", asked + absl::Minutes(1),
                "exhausted by the pager, again");
  ASSERT_NO_FATAL_FAILURE(Ingest(lines));
  // A revision: the first answer edited.
  ASSERT_NO_FATAL_FAILURE(Ingest(Note("pulse:otter-1", "r-otter", asked,
                                      absl::StrCat(kSecretWords, ", really"))));
  ASSERT_EQ(SurveyNotes(), 7);
  const std::string as_of = absl::FormatTime(
      absl::RFC3339_sec, absl::Now() - absl::Hours(1), absl::UTCTimeZone());

  const testing::ProcessResult refused =
      Ctl("tl_reader", {"erase", "--respondent", "r-otter"});
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_THAT(refused.err, HasSubstr("token \"a-reader\" has role reader, "
                                     "which may not call Erase (it needs the "
                                     "admin role)"));
  EXPECT_EQ(SurveyNotes(), 7);

  const testing::ProcessResult erased =
      Ctl("tl_admin", {"erase", "--respondent", "r-otter"});
  ASSERT_EQ(erased.exit_code, 0) << erased.err;
  EXPECT_EQ(erased.out, "erased 2 signals (3 revisions)\n");
  EXPECT_EQ(SurveyNotes(), 5);
  const testing::ProcessResult narrative =
      Ctl("tl_reader", {"narrative", "payments", "--as-of", as_of, "--json"});
  ASSERT_EQ(narrative.exit_code, 0) << narrative.err;
  EXPECT_THAT(narrative.out, Not(HasSubstr("zanzibar")));
  EXPECT_THAT(narrative.out, Not(HasSubstr("again")));

  const testing::ProcessResult one =
      Ctl("tl_admin", {"erase", "--signal", "pulse:0", "--json"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_THAT(one.out, HasSubstr("\"signals\": \"1\""));
  EXPECT_EQ(SurveyNotes(), 4);
  EXPECT_EQ(Ctl("tl_admin", {"erase", "--signal", "pulse:0"}).out,
            "erased 0 signals (0 revisions)\n");
  const testing::ProcessResult both =
      Ctl("tl_admin", {"erase", "--signal", "pulse:1", "--respondent", "r-1"});
  EXPECT_NE(both.exit_code, 0);
  EXPECT_EQ(SurveyNotes(), 4);

  const std::string log = daemon_->Log();
  EXPECT_THAT(log, HasSubstr("erased respondent \"r-otter\" at the request of "
                             "\"the-admin\": 2 signals, 3 revisions"));
  EXPECT_THAT(log, HasSubstr("erased signal \"pulse:0\" at the request of "
                             "\"the-admin\": 1 signals, 1 revisions"));
  EXPECT_THAT(log, Not(HasSubstr("zanzibar")));
  const std::string audit = testing::ReadFile(dir_.path() / "audit.jsonl");
  EXPECT_THAT(audit, HasSubstr("\"rpc\":\"Erase\""));
  EXPECT_THAT(audit, HasSubstr("\"teams\":[\"payments\"]"));
  EXPECT_THAT(audit, Not(HasSubstr("zanzibar")));
  EXPECT_THAT(audit, Not(HasSubstr("r-otter")));

  // Gone from the store too: a restart does not bring them back.
  EXPECT_EQ(daemon_->Stop(), 0);
  ASSERT_NO_FATAL_FAILURE(daemon_->Start());
  EXPECT_EQ(SurveyNotes(), 4);
}

TEST_F(ErasureTest, TheSweepAtStartErasesNotesPastTheirRetention) {
  const absl::Time now = absl::Now();
  ASSERT_NO_FATAL_FAILURE(Ingest(
      Note("pulse:old", "r-1", now - absl::Hours(24 * 401), kSecretWords) +
      Note("pulse:recent", "r-2", now - absl::Hours(24 * 30), "fine")));
  ASSERT_EQ(SurveyNotes(), 2);
  EXPECT_EQ(daemon_->Stop(), 0);
  ASSERT_NO_FATAL_FAILURE(daemon_->Start());
  EXPECT_EQ(SurveyNotes(), 1);
  EXPECT_THAT(daemon_->Log(),
              HasSubstr("retention: erased 1 survey_note signals (1 "
                        "revisions) that occurred before"));
  EXPECT_THAT(daemon_->Log(), Not(HasSubstr("zanzibar")));
}

}  // namespace
}  // namespace teamload
