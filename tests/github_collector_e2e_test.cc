// End to end: teamload-github against a real teamloadd, over the hand-made
// GitHub fixtures (tests/fixtures/github) and the recorded deployment and
// workflow run (tests/fixtures/real/github_deployments), checked through the
// API.
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

class GithubCollectorTest : public testing::CollectorE2eTest {
 protected:
  GithubCollectorTest()
      : CollectorE2eTest(
            "teams:\n  - name: payments\n    expected_sources: [github]\n"
            "  - name: search\n    expected_sources: [github]\n",
            "teams:\n  payments:\n    github: {repositories: [acme/payments]}\n"
            "  search:\n    github: {labels: [team-search]}\n") {}
  testing::ProcessResult Collect(std::vector<std::string> inputs) {
    inputs.insert(inputs.begin(), {"--deferral-label", "tech-debt",
                                   "--deferral-label", "deferred"});
    return CollectorE2eTest::Collect(TEAMLOAD_GITHUB_PATH, inputs);
  }
  v1::Narrative Story(const std::string& team) {
    return CtlJson<v1::Narrative>(
        {"narrative", team, "--as-of", "2026-11-27T00:00:00Z", "--json"});
  }
  const v1::Finding* DeferralDrift(const v1::Narrative& narrative) {
    for (const v1::Finding& f : narrative.findings()) {
      if (f.detector() == "deferral_drift") return &f;
    }
    return nullptr;
  }
};

TEST_F(GithubCollectorTest, SendsDeferredIssuesAndRevisesThemWhenClosed) {
  testing::ProcessResult first = Collect({TEAMLOAD_GITHUB_FIXTURES});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.err,
              HasSubstr("5 files, 18 records, 4 signals (signals: 4 accepted, "
                        "0 duplicate, 0 revised, 0 rejected"));
  EXPECT_THAT(first.err, HasSubstr("0 unmapped, 0 malformed; coverage: 2 teams "
                                   "through 2026-11-10T16:30:00Z"));
  v1::Team payments = Team("payments");
  // #42, #43 and #46.
  ASSERT_NO_FATAL_FAILURE(
      testing::ExpectSignalsAndCoverage(payments, "deferral", 3, "github"));
  v1::Team search = Team("search");
  EXPECT_EQ(search.signal_counts().at("deferral"), 1);  // acme/search#7
  ASSERT_EQ(search.coverage_size(), 1);

  // #42 was deferred three times and is still open: the story says so.
  const v1::Narrative before = Story("payments");
  const v1::Finding* drift = DeferralDrift(before);
  ASSERT_NE(drift, nullptr) << before.markdown();
  EXPECT_EQ(drift->level(), v1::LEVEL_WATCH);
  EXPECT_THAT(drift->summary(),
              HasSubstr("(most: acme/payments#42 \"Rotate the ledger signing "
                        "keys\", 3 times)"));
  EXPECT_THAT(drift->evidence().signal_ids(),
              ElementsAre("github:acme/payments#42"));

  // The webhook for #42's close arrives; the next run revises its signal.
  const auto closed = dir_.path() / "closed-42.json";
  std::ofstream(closed)
      << R"({"action":"closed","repository":{"full_name":"acme/payments"},)"
         R"("issue":{"number":42,"title":"Rotate the ledger signing keys",)"
         R"("repository_url":"https://api.github.com/repos/acme/payments",)"
         R"("labels":[{"name":"tech-debt"}],"state":"closed",)"
         R"("closed_at":"2026-11-20T09:00:00Z","updated_at":"2026-11-20T09:00:00Z"}})";
  testing::ProcessResult again =
      Collect({TEAMLOAD_GITHUB_FIXTURES, closed.string()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err,
              HasSubstr("4 signals (signals: 0 accepted, 3 duplicate, 1 "
                        "revised, 0 rejected"));
  EXPECT_EQ(Team("payments").signal_counts().at("deferral"), 3);
  const v1::Narrative after = Story("payments");
  EXPECT_EQ(DeferralDrift(after), nullptr) << after.markdown();
}

TEST_F(GithubCollectorTest, NamesBadAndUnmappedRecordsAndSendsTheRest) {
  const auto events = dir_.path() / "events.json";
  std::ofstream(events)
      << R"([{"id":1,"event":"demilestoned","created_at":"2026-10-01T10:00:00Z",)"
         R"("issue":{"number":3,"repository_url":"https://api.github.com/repos/acme/legacy",)"
         R"("title":"old","state":"open","updated_at":"2026-10-01T10:00:00Z"}},)"
         R"({"id":2,"event":"demilestoned","created_at":"yesterday",)"
         R"("issue":{"number":4,"repository_url":"https://api.github.com/repos/acme/payments",)"
         R"("title":"new","state":"open","updated_at":"2026-10-01T10:00:00Z"}}])";
  testing::ProcessResult result =
      Collect({events.string(), TEAMLOAD_GITHUB_FIXTURES "/issues.json",
               TEAMLOAD_GITHUB_FIXTURES "/events.json"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr(events.string() +
                                    ": $[1].created_at: skipped: \"yesterday\" "
                                    "is not a timestamp"));
  EXPECT_THAT(result.err, HasSubstr("unmapped: issue acme/legacy#3 (repository "
                                    "acme/legacy, labels [])"));
  EXPECT_THAT(result.err, HasSubstr("1 unmapped, 1 malformed"));
  EXPECT_EQ(Team("payments").signal_counts().at("deferral"), 2);  // #42, #43

  result = Collect({"--allow-partial", events.string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST_F(GithubCollectorTest, DeploymentsAndDeployRunsAreContextBesidePages) {
  testing::ProcessResult sent =
      Collect({"--deployments", "--deploy-workflow", "Deploy",
               TEAMLOAD_GITHUB_FIXTURES "/../github_deployments"});
  EXPECT_EQ(sent.exit_code, 0) << sent.err;
  // 4 deployments, 5 statuses, 3 runs; staging, the queued deployment and
  // the CI run are not production deploys.
  EXPECT_THAT(sent.err,
              HasSubstr("3 files, 12 records, 4 signals (signals: 4 accepted, "
                        "0 duplicate, 0 revised, 0 rejected"));
  EXPECT_EQ(testing::SignalCount(Team("payments"), "deploy"), 4);

  const v1::Narrative story = Story("payments");
  ASSERT_TRUE(story.has_delivery()) << story.markdown();
  EXPECT_EQ(story.delivery().deploys(), 4);
  EXPECT_EQ(story.delivery().change_failures(), 2);
  EXPECT_EQ(story.delivery().median_lead_time().seconds(), 18 * 3600);
  EXPECT_EQ(story.delivery().summary(),
            "Pages held steady (0, against 0 before) over the last 4 weeks "
            "while deploys rose (0 to 4). 1 deploy a week, change failure "
            "rate 50% (2 of 4), median lead time 18h.");
  EXPECT_THAT(story.markdown(),
              HasSubstr("## Delivery context\n\nPages held steady"));
  // Context only: no finding comes of deploys.
  EXPECT_THAT(story.findings(), ::testing::IsEmpty());
}

// The recorded payloads (tests/fixtures/real/github_deployments, cut out of
// real webhooks; see tests/fixtures/real/SOURCES.md), their two repositories
// one team's.
class RealDeploymentsCollectorTest : public testing::CollectorE2eTest {
 protected:
  RealDeploymentsCollectorTest()
      : CollectorE2eTest(
            "teams:\n  - name: platform\n    expected_sources: [github]\n",
            "teams:\n  platform:\n    github: {repositories: "
            "[baxterthehacker/public-repo, octo-org/octo-repo]}\n") {}
};

TEST_F(RealDeploymentsCollectorTest, SendsTheRecordedDeployAndRun) {
  // The recorded run has no name: its workflow id names it.
  testing::ProcessResult sent =
      Collect(TEAMLOAD_GITHUB_PATH,
              {"--deployments", "--deploy-workflow", "2823525",
               TEAMLOAD_GITHUB_FIXTURES "/../real/github_deployments"});
  EXPECT_EQ(sent.exit_code, 0) << sent.err;
  // 1 deployment, 2 statuses, 1 run.
  EXPECT_THAT(sent.err,
              HasSubstr("3 files, 4 records, 2 signals (signals: 2 accepted, "
                        "0 duplicate, 0 revised, 0 rejected"));
  EXPECT_THAT(sent.err, HasSubstr("0 unmapped, 0 malformed; coverage: 1 teams "
                                  "through 2020-10-05T16:33:49Z"));
  EXPECT_EQ(testing::SignalCount(Team("platform"), "deploy"), 2);

  // Sent again, nothing changes.
  testing::ProcessResult again =
      Collect(TEAMLOAD_GITHUB_PATH,
              {"--deployments", "--deploy-workflow", "2823525",
               TEAMLOAD_GITHUB_FIXTURES "/../real/github_deployments"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("2 signals (signals: 0 accepted, 2 "
                                   "duplicate, 0 revised, 0 rejected"));
}

}  // namespace
}  // namespace teamload
