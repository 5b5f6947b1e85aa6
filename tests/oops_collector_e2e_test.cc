// End to end: teamload-oops against a real teamloadd, checked through the
// team's state and its narrative (teamloadctl over the public API).
#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
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

// The mention in #oops-payments on 2026-11-03 that nobody wrote up.
constexpr char kUnwritten[] = "slack:oops-payments:1793714520.000200";

class OopsCollectorTest : public testing::CollectorE2eTest {
 protected:
  OopsCollectorTest()
      : CollectorE2eTest(
            "teams:\n  - name: payments\n    expected_sources: [oops]\n"
            "  - name: search\n    expected_sources: [oops]\n",
            "teams:\n"
            "  payments:\n    oops: {teams: [payments], channels: "
            "[oops-payments]}\n"
            "  search:\n    oops: {teams: [search], channels: "
            "[oops-search]}\n") {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(CollectorE2eTest::SetUp());
    // The write-ups in a folder of our own, so a test can add to them.
    std::filesystem::copy(TEAMLOAD_OOPS_FIXTURES "/writeups", Writeups(),
                          std::filesystem::copy_options::recursive);
  }
  std::string Writeups() const { return (dir_.path() / "writeups").string(); }
  testing::ProcessResult Collect() {
    return CollectorE2eTest::Collect(
        TEAMLOAD_OOPS_PATH, {Writeups(), TEAMLOAD_OOPS_FIXTURES "/slack"});
  }
  // The unwritten_oops finding of payments as of `day`, or nullptr.
  std::optional<v1::Finding> Unwritten(const std::string& day) {
    const v1::Narrative narrative = CtlJson<v1::Narrative>(
        {"narrative", "payments", "--as-of", day, "--json"});
    for (const v1::Finding& f : narrative.findings()) {
      if (f.detector() == "unwritten_oops") return f;
    }
    return std::nullopt;
  }
  static double Figure(const v1::Finding& f, const std::string& name) {
    for (const auto& figure : f.evidence().figures())
      if (figure.name() == name) return figure.value();
    return -1;
  }
};

TEST_F(OopsCollectorTest, MentionsWriteUpsAndTheUnwrittenOops) {
  testing::ProcessResult first = Collect();
  // #random is no team's channel: named, counted, and the exit code says so.
  EXPECT_EQ(first.exit_code, 1) << first.err;
  EXPECT_THAT(first.err,
              HasSubstr("unmapped: 1 mention in #random (the channel is not "
                        "in the mapping's oops.channels)"));
  EXPECT_THAT(first.err,
              HasSubstr("teamload-oops: 4 mentions (4 messages were not "
                        "mentions); written up: 1 by slack: reference, 1 by "
                        "team, date and title; 1 write-ups without a mention; "
                        "1 mentions not written up"));
  EXPECT_THAT(first.err,
              HasSubstr("8 files, 7 records, 4 signals (signals: 4 accepted, "
                        "0 duplicate, 0 revised, 0 rejected"));
  EXPECT_THAT(first.err, HasSubstr("1 unmapped, 0 malformed"));

  const v1::Team payments = Team("payments");
  ASSERT_NO_FATAL_FAILURE(
      testing::ExpectSignalsAndCoverage(payments, "oops", 3, "oops"));
  // The newest record read: the reindex write-up, 2026-11-10.
  EXPECT_EQ(payments.coverage(0).covered_through().seconds(), 1'794'268'800);
  EXPECT_EQ(Team("search").signal_counts().at("oops"), 1);

  // A week after the mention it is still within the grace period; three
  // weeks after, it is the one unwritten oops.
  EXPECT_FALSE(Unwritten("2026-11-10").has_value());
  std::optional<v1::Finding> finding = Unwritten("2026-11-25");
  ASSERT_TRUE(finding.has_value());
  EXPECT_EQ(finding->level(), v1::LEVEL_WATCH);
  EXPECT_EQ(Figure(*finding, "unwritten_oopses"), 1);
  EXPECT_THAT(finding->evidence().signal_ids(), ElementsAre(kUnwritten));
  EXPECT_THAT(finding->summary(),
              HasSubstr("(oldest: \"near miss: the deploy pipeline almost "
                        "pushed the staging config to prod"));

  // Someone writes it up: the same signal is revised, nothing is counted
  // twice, and the finding goes away.
  std::ofstream(Writeups() + "/payments/staging-config.md")
      << "---\ntitle: Staging config nearly pushed to prod\nteam: payments\n"
         "date: 2026-11-03\nwritten_up: 2026-11-12\n"
         "slack: oops-payments/1793714520.000200\n---\nThe diff step "
         "caught it.\n";
  testing::ProcessResult second = Collect();
  EXPECT_EQ(second.exit_code, 1) << second.err;  // #random still unmapped
  EXPECT_THAT(second.err,
              HasSubstr("4 signals (signals: 0 accepted, 3 duplicate, 1 "
                        "revised, 0 rejected"));
  EXPECT_EQ(Team("payments").signal_counts().at("oops"), 3);
  EXPECT_FALSE(Unwritten("2026-11-25").has_value());
}

TEST_F(OopsCollectorTest, BadWriteUpsAreNamedSkippedAndCounted) {
  std::ofstream(Writeups() + "/unclosed.md")
      << "---\ntitle: t\nteam: payments\ndate: 2026-11-04\n\nbody\n";
  std::ofstream(Writeups() + "/unknown-team.md")
      << "---\ntitle: t\nteam: paymnets\ndate: 2026-11-04\n---\n";
  testing::ProcessResult result = CollectorE2eTest::Collect(
      TEAMLOAD_OOPS_PATH, {"--allow-partial", Writeups(),
                           TEAMLOAD_OOPS_FIXTURES "/slack/channels.json"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(
      result.err,
      HasSubstr(Writeups() + "/unclosed.md:1: skipped: the front matter opened "
                             "here is never closed with a `---` line"));
  EXPECT_THAT(result.err,
              HasSubstr("unmapped: write-up " + Writeups() +
                        "/unknown-team.md (team \"paymnets\" is not in the "
                        "mapping's oops.teams)"));
  EXPECT_THAT(result.err, HasSubstr("1 unmapped, 1 malformed"));
  // Without the export's days, the refund write-up still names its
  // mention's signal (its permalink resolved by channels.json), and the
  // certificate write-up is its own oops.
  EXPECT_EQ(Team("payments").signal_counts().at("oops"), 2);
}

}  // namespace
}  // namespace teamload
