// End to end: teamload-survey against a real teamloadd, and what happens to
// the respondents' identities on the way (nothing raw may arrive).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "teamload/v1/team.pb.h"
#include "tests/support/collector_test.h"
#include "tests/support/process.h"
#include "tests/support/team_state.h"

namespace teamload {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kFixture[] = TEAMLOAD_FIXTURES "/survey/pulse-2026-11.csv";
constexpr char kSalt[] = "e2e-salt-0123456789abcdef";

int64_t Notes(const v1::Team& team) {
  return testing::SignalCount(team, "survey_note");
}

class SurveyCollectorTest : public testing::CollectorE2eTest {
 protected:
  SurveyCollectorTest()
      : CollectorE2eTest(
            "teams:\n  - name: payments\n    expected_sources: [survey]\n"
            "  - name: search\n    expected_sources: [survey]\n",
            "teams:\n  payments:\n    survey: {teams: [Payments]}\n"
            "  search:\n    survey: {teams: [Search]}\n") {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(CollectorE2eTest::SetUp());
    setenv("TEAMLOAD_SURVEY_SALT", kSalt, 1);
  }
  void TearDown() override { unsetenv("TEAMLOAD_SURVEY_SALT"); }
  testing::ProcessResult Collect(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--team-column",
                                     "Team",
                                     "--respondent-column",
                                     "Email Address",
                                     "--submitted-column",
                                     "Timestamp",
                                     "--submitted-format",
                                     "%m/%d/%Y %H:%M:%S",
                                     "--likert",
                                     "How sustainable is your workload?",
                                     "--likert",
                                     "How rested are you before on-call?",
                                     "--text",
                                     "What gets in your way?"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(kFixture);
    return CollectorE2eTest::Collect(TEAMLOAD_SURVEY_PATH, args);
  }
};

TEST_F(SurveyCollectorTest, SendsOneNoteAnAnswerAndReportsWhatItSkipped) {
  testing::ProcessResult first = Collect();
  EXPECT_EQ(first.exit_code, 1) << "a bad answer and an unmapped team";
  EXPECT_THAT(first.err,
              HasSubstr("pulse-2026-11.csv:3: column \"How sustainable is "
                        "your workload?\": skipped: \"six\" is not an answer "
                        "from 1 to 5"));
  EXPECT_THAT(first.err, HasSubstr("pulse-2026-11.csv:8: column \"Email "
                                   "Address\": skipped: is empty"));
  EXPECT_THAT(first.err,
              HasSubstr("unmapped: survey team \"Platfrom\" (1 responses) "
                        "belongs to no team in " +
                        Mapping()));
  // ana answered twice (3 notes, her latest), bo 2 (the bad one dropped), cy 1.
  EXPECT_THAT(first.err,
              HasSubstr("teamload-survey: 1 files, 5 records, 6 signals "
                        "(signals: 6 accepted, 0 duplicate, 0 revised, 0 "
                        "rejected"));
  EXPECT_THAT(first.err, HasSubstr("1 unmapped, 2 malformed; coverage: 2 "
                                   "teams through 2026-11-03T09:12:00Z"));

  v1::Team payments = Team("payments");
  EXPECT_EQ(Notes(payments), 5);
  ASSERT_EQ(payments.coverage_size(), 1);
  EXPECT_EQ(payments.coverage(0).source(), "survey");
  EXPECT_EQ(payments.coverage(0).covered_through().seconds(),
            1'793'697'120);  // 2026-11-03T09:12:00Z, the newest response
  v1::Team search = Team("search");
  EXPECT_EQ(Notes(search), 1);
  ASSERT_EQ(search.coverage_size(), 1);

  testing::ProcessResult again = Collect({"--allow-partial"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("0 accepted, 6 duplicate, 0 revised"));
}

TEST_F(SurveyCollectorTest, TheRawRespondentIdAppearsNowhere) {
  testing::ProcessResult dry = Collect({"--dry-run"});
  EXPECT_THAT(dry.out, HasSubstr("\"surveyNote\""));
  testing::ProcessResult sent = Collect();
  ASSERT_THAT(sent.err, HasSubstr("6 accepted"));
  std::string seen = dry.out + dry.err + sent.out + sent.err;
  for (const char* team : {"payments", "search"}) {
    testing::ProcessResult state = Ctl({"team", team, "--json"});
    testing::ProcessResult story = Ctl({"narrative", team, "--json"});
    ASSERT_EQ(state.exit_code, 0) << state.err;
    ASSERT_EQ(story.exit_code, 0) << story.err;
    seen += state.out + story.out;
  }
  ASSERT_EQ(daemon_.Stop(), 0);
  // Everything teamloadd wrote: the store (and its WAL) and its log.
  int files = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(dir_.path())) {
    if (!entry.is_regular_file() || entry.path() == Mapping()) continue;
    seen += testing::ReadFile(entry.path());
    ++files;
  }
  EXPECT_GE(files, 2) << "the store and the log";
  // ana@example.com under this salt, in the dry run and the store.
  EXPECT_THAT(seen, HasSubstr("c9ba63ecd35aef7d")) << "the signals were seen";
  for (const char* raw : {"ana@example.com", "Ana@Example.com",
                          "bo@example.com", "cy@example.com", "example.com"}) {
    EXPECT_THAT(seen, Not(HasSubstr(raw)));
  }
}

TEST_F(SurveyCollectorTest, RefusesToRunWithoutASalt) {
  unsetenv("TEAMLOAD_SURVEY_SALT");
  testing::ProcessResult result = Collect();
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err,
              HasSubstr("teamload-survey: no salt to hash respondents with: "
                        "set TEAMLOAD_SURVEY_SALT or pass --salt-file FILE"));
  EXPECT_EQ(Notes(Team("payments")), 0);
}

}  // namespace
}  // namespace teamload
