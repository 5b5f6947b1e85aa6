// End to end: a team's migration register through teamload-migrations into a
// real teamloadd, and the migration_load story it tells, then the register
// revised (a retrospective written) and the story moving with it.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "teamload/v1/narrative.pb.h"
#include "teamload/v1/team.pb.h"
#include "tests/support/collector_test.h"
#include "tests/support/process.h"
#include "tests/support/team_state.h"

namespace teamload {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kRegister[] = TEAMLOAD_FIXTURES "/migrations/payments.yaml";
constexpr char kAsOf[] = "2026-11-26T00:00:00Z";

const v1::Finding* FindingOf(const v1::Narrative& story,
                             const std::string& detector) {
  for (const v1::Finding& f : story.findings())
    if (f.detector() == detector) return &f;
  return nullptr;
}

class MigrationsCollectorTest : public testing::CollectorE2eTest {
 protected:
  MigrationsCollectorTest()
      : CollectorE2eTest(
            "teams:\n  - name: payments\n    oncall_size: 3\n"
            "    expected_sources: [migrations]\n",
            "teams:\n  payments:\n    migrations: {teams: [payments]}\n") {}
  testing::ProcessResult Collect(const std::string& file) {
    return CollectorE2eTest::Collect(TEAMLOAD_MIGRATIONS_PATH, {file});
  }
  v1::Narrative Story() {
    return CtlJson<v1::Narrative>(
        {"narrative", "payments", "--as-of", kAsOf, "--json"});
  }
};

TEST_F(MigrationsCollectorTest, ARegisterTellsTheMigrationLoadStory) {
  testing::ProcessResult sent = Collect(kRegister);
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_THAT(sent.err,
              HasSubstr("teamload-migrations: 1 files, 4 records, 4 signals "
                        "(signals: 4 accepted, 0 duplicate, 0 revised, 0 "
                        "rejected"));
  // A register is the team's whole list when it is read: seen through then.
  EXPECT_THAT(sent.err, HasSubstr("coverage: 1 teams through "));
  EXPECT_EQ(testing::SignalCount(Team("payments"), "migration"), 4);

  v1::Narrative story = Story();
  const v1::Finding* finding = FindingOf(story, "migration_load");
  ASSERT_NE(finding, nullptr) << story.markdown();
  EXPECT_EQ(finding->level(), v1::LEVEL_ATTENTION);
  EXPECT_EQ(finding->trend(), v1::TREND_RISING);
  EXPECT_EQ(finding->summary(),
            "2 migrations in flight (usually 2 over the half year before) for "
            "an on-call rotation of 3; 1 is past the planned end (longest: "
            "\"Kubernetes 1.31\", 25 days past 2026-11-01); 1 migration "
            "finished with no retrospective after 30 days (oldest: \"Move "
            "the ledger to PostgreSQL 16\", finished 2026-10-01).");
  EXPECT_THAT(finding->evidence().signal_ids(),
              ElementsAre("migrations:payments/postgres-16",
                          "migrations:payments/k8s-1-31",
                          "migrations:payments/ledger-v2"));
  EXPECT_THAT(story.questions(),
              ::testing::Contains(
                  "Nobody has looked back on migrations:payments/postgres-16 "
                  "yet: what would make the next migration easier?"));
  EXPECT_EQ(story.headline(),
            "Workload boundary under pressure: 2 migrations in flight for 3 "
            "people on call.");

  // Across teams: one finished in the last 13 weeks (Kafka 3 finished
  // before them), not looked back on.
  auto themes =
      CtlJson<v1::ListThemesResponse>({"themes", "--as-of", kAsOf, "--json"});
  EXPECT_EQ(themes.migrations().period_days(), 91);
  EXPECT_EQ(themes.migrations().finished(), 1);
  EXPECT_EQ(themes.migrations().looked_back_on(), 0);
  EXPECT_THAT(themes.migrations().teams(), ElementsAre("payments"));

  // The team writes its retrospective: the register gains two lines.
  std::string text = testing::ReadFile(kRegister);
  const std::string marker = "    # No retrospective yet.\n";
  ASSERT_NE(text.find(marker), std::string::npos);
  text.replace(text.find(marker), marker.size(),
               "    retrospective: 2026-11-20\n"
               "    retrospective_url: https://wiki.example.com/pg16-retro\n");
  const std::string revised = (dir_.path() / "payments.yaml").string();
  std::ofstream(revised) << text;
  testing::ProcessResult again = Collect(revised);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("0 accepted, 3 duplicate, 1 revised"));

  story = Story();
  finding = FindingOf(story, "migration_load");
  ASSERT_NE(finding, nullptr);
  EXPECT_THAT(finding->summary(), ::testing::Not(HasSubstr("retrospective")));
  EXPECT_THAT(story.questions(),
              ::testing::Contains(
                  "What is holding migrations:payments/k8s-1-31 past its "
                  "planned end, and which migration could wait until it is "
                  "done?"));
  themes =
      CtlJson<v1::ListThemesResponse>({"themes", "--as-of", kAsOf, "--json"});
  EXPECT_EQ(themes.migrations().finished(), 1);
  EXPECT_EQ(themes.migrations().looked_back_on(), 1);
}

TEST_F(MigrationsCollectorTest, AnEntryInErrorIsNamedAndSkipped) {
  const std::string file = (dir_.path() / "broken.yaml").string();
  std::ofstream(file) << "team: payments\n"
                         "migrations:\n"
                         "  - name: good\n"
                         "    started: 2026-10-01\n"
                         "  - name: bad\n"
                         "    started: 2026-10-01\n"
                         "    finished: next week\n";
  testing::ProcessResult sent = Collect(file);
  EXPECT_EQ(sent.exit_code, 1) << sent.err;
  EXPECT_THAT(sent.err,
              HasSubstr("broken.yaml:7:15: skipped: migrations[1].finished: "
                        "\"next week\" is not a date (YYYY-MM-DD) or an RFC "
                        "3339 time"));
  EXPECT_EQ(testing::SignalCount(Team("payments"), "migration"), 1);
}

}  // namespace
}  // namespace teamload
