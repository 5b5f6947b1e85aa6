// Annotations with a real teamloadd over TLS with tokens, written through
// teamloadctl: a reader notes what happened in their team's week, the
// narrative lists it under Context, only its author corrects it, tokens
// out of role or scope are turned away, it survives a restart and an admin
// can erase it.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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

class AnnotationsTest : public testing::SecuredDaemonTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StartSecured(
        {testing::TokenEntry("maria", "tl_maria", "reader", "[\"payments\"]"),
         testing::TokenEntry("sam", "tl_sam", "reader", "[\"payments\"]"),
         testing::TokenEntry("a-collector", "tl_bot", "collector", "[\"*\"]"),
         testing::TokenEntry("the-admin", "tl_admin", "admin", "[\"*\"]")}));
    daemon_->PinAddress();
  }

  std::string Narrative() {
    const testing::ProcessResult story =
        Ctl("tl_sam", {"narrative", "payments"});
    EXPECT_EQ(story.exit_code, 0) << story.err;
    return story.out;
  }
};

TEST_F(AnnotationsTest, AReaderNotesItsAuthorCorrectsItAnAdminErasesIt) {
  const std::string day = absl::FormatTime(
      "%Y-%m-%d", absl::Now() - absl::Hours(24 * 3), absl::UTCTimeZone());
  const testing::ProcessResult noted =
      Ctl("tl_maria", {"annotate", "payments",
                       "reorg: two people moved to platform", "--at", day});
  ASSERT_EQ(noted.exit_code, 0) << noted.err;
  ASSERT_THAT(noted.out, ::testing::StartsWith("noted as annotation:"));
  const std::string id = noted.out.substr(
      9, noted.out.find(' ', 9) - 9);  // "noted as ID (correct ..."
  EXPECT_EQ(noted.out, absl::StrCat("noted as ", id, " (correct it with --id ",
                                    id, ")\n"));
  EXPECT_EQ(
      Ctl("tl_maria", {"annotate", "payments",
                       "reorg: two people moved to platform", "--at", day})
          .out,
      absl::StrCat(id, " was noted already, word for word\n"));
  EXPECT_THAT(Narrative(),
              HasSubstr(absl::StrCat("## Context\n\nWhat people noted about "
                                     "these weeks (context, not evidence):\n\n"
                                     "- ",
                                     day,
                                     ", maria: reorg: two people moved to "
                                     "platform\n")));

  // Out of scope, out of role, not the author: turned away, nothing changes.
  const struct {
    std::string token;
    std::vector<std::string> args;
    std::string refusal;
  } refused[] = {
      {"tl_maria",
       {"annotate", "search", "launch week"},
       "team \"search\" is not in the scope of token \"maria\" (teams: "
       "payments)"},
      {"tl_bot",
       {"annotate", "payments", "from a bot"},
       "token \"a-collector\" has role collector, which may not call "
       "Annotate"},
      {"tl_sam",
       {"annotate", "payments", "no reorg at all", "--id", id, "--author",
        "maria"},
       absl::StrCat("annotation \"", id,
                    "\" was written by \"maria\" with token \"maria\": only "
                    "its author may correct it")},
  };
  for (const auto& [token, args, refusal] : refused) {
    const testing::ProcessResult result = Ctl(token, args);
    EXPECT_EQ(result.exit_code, 2) << token;
    EXPECT_THAT(result.err, HasSubstr(refusal));
  }
  EXPECT_THAT(Narrative(), Not(HasSubstr("no reorg")));

  const testing::ProcessResult corrected =
      Ctl("tl_maria",
          {"annotate", "payments", "reorg: three people moved to platform",
           "--at", day, "--id", id});
  ASSERT_EQ(corrected.exit_code, 0) << corrected.err;
  EXPECT_EQ(corrected.out, absl::StrCat("corrected ", id, "\n"));

  // Durable: a restarted daemon tells the corrected note, once.
  ASSERT_EQ(daemon_->Stop(), 0) << daemon_->Log();
  ASSERT_NO_FATAL_FAILURE(daemon_->Start());
  std::string story = Narrative();
  EXPECT_THAT(story, HasSubstr(absl::StrCat(
                         "- ", day,
                         ", maria: reorg: three people moved to platform\n"
                         "\n## ")));
  EXPECT_THAT(story, Not(HasSubstr("two people")));

  const testing::ProcessResult erased =
      Ctl("tl_admin", {"erase", "--signal", id});
  ASSERT_EQ(erased.exit_code, 0) << erased.err;
  EXPECT_EQ(erased.out, "erased 1 signals (2 revisions)\n");
  EXPECT_THAT(Narrative(), Not(HasSubstr("## Context")));

  EXPECT_THAT(daemon_->Log(),
              HasSubstr(absl::StrCat("recorded annotation ", id,
                                     " for team \"payments\" by \"maria\" "
                                     "(token \"maria\")")));
}

}  // namespace
}  // namespace teamload
