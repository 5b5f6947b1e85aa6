#include "collectors/github/deployments.h"

#include "absl/strings/str_cat.h"
#include "collectors/github/test_inputs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::github {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The deployments, statuses and workflow runs lists in `dir` (under
// tests/fixtures), folded.
DeployHistory FromFixtures(std::set<std::string> environments,
                           std::set<std::string> workflows,
                           const std::string& dir = "github_deployments",
                           const std::string& runs = "workflow_runs.json") {
  DeployHistory history(std::move(environments), std::move(workflows));
  DeploymentsParser parser;
  for (const std::string& name :
       {std::string("deployments.json"), std::string("statuses.json"), runs}) {
    const std::string path = absl::StrCat("../", dir, "/", name);
    DeploymentsResult parsed = parser.Parse(Fixture(path), path);
    EXPECT_THAT(parsed.errors, IsEmpty()) << path;
    history.Add(parsed);
  }
  return history;
}

// The recorded payloads (tests/fixtures/real/github_deployments, cut out of
// real webhooks; see tests/fixtures/real/SOURCES.md).
DeployHistory FromRealFixtures(std::set<std::string> workflows) {
  return FromFixtures({"production"}, std::move(workflows),
                      "real/github_deployments", "runs.json");
}

absl::Time UtcSecond(int y, int mo, int d, int h, int mi, int s) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s),
                         absl::UTCTimeZone());
}

std::vector<std::string> Keys(const std::vector<Deploy>& deploys) {
  std::vector<std::string> keys;
  for (const Deploy& d : deploys) keys.push_back(d.key);
  return keys;
}

TEST(DeploymentsTest, DeploymentsThatReachedAFinalStatusAndDeployRuns) {
  const std::vector<Deploy> deploys =
      FromFixtures({"production"}, {"Deploy"}).Deploys();
  // Staging left out; 1820004 only queued; the CI run is not a deploy.
  ASSERT_THAT(Keys(deploys), ElementsAre("deployment:acme/payments/1820001",
                                         "deployment:acme/payments/1820002",
                                         "run:acme/payments/11950001",
                                         "run:acme/payments/11950003"));
  EXPECT_EQ(deploys[0].at, Utc(2026, 11, 16, 9, 9) + absl::Seconds(40));
  EXPECT_FALSE(deploys[0].failed);
  EXPECT_EQ(deploys[0].service, "acme/payments production");
  EXPECT_EQ(deploys[0].lead_time, absl::InfiniteDuration());
  EXPECT_TRUE(deploys[1].failed) << "health checks failed; rolled back";
  EXPECT_FALSE(deploys[2].failed);
  EXPECT_EQ(deploys[2].service, "acme/payments Deploy");
  EXPECT_EQ(deploys[2].lead_time, absl::Hours(18));
  EXPECT_TRUE(deploys[3].failed) << "timed out";
  EXPECT_EQ(deploys[3].lead_time, absl::Hours(2));
  // Every environment, and no workflow.
  EXPECT_THAT(Keys(FromFixtures({}, {}).Deploys()),
              ElementsAre("deployment:acme/payments/1820001",
                          "deployment:acme/payments/1820002",
                          "deployment:acme/payments/1820003"));
}

TEST(DeploymentsTest, ToDeploySignalMapsTheRepository) {
  const std::vector<Deploy> deploys =
      FromFixtures({"production"}, {"Deploy"}).Deploys();
  absl::StatusOr<TeamMapping> mapping = TeamMapping::Parse(
      "teams:\n  payments:\n    github: {repositories: [acme/payments]}\n",
      "teams.yaml");
  ASSERT_TRUE(mapping.ok()) << mapping.status();
  std::string why;
  std::optional<teamload::v1::Signal> failed =
      ToDeploySignal(deploys[1], *mapping, &why);
  ASSERT_TRUE(failed.has_value()) << why;
  EXPECT_EQ(failed->id(), "github:deployment:acme/payments/1820002");
  EXPECT_EQ(failed->team(), "payments");
  EXPECT_EQ(failed->deploy().service(), "acme/payments production");
  EXPECT_EQ(failed->deploy().outcome(), teamload::v1::DEPLOY_OUTCOME_FAILED);
  EXPECT_FALSE(failed->deploy().caused_incident());
  EXPECT_FALSE(failed->deploy().has_lead_time());
  std::optional<teamload::v1::Signal> run =
      ToDeploySignal(deploys[2], *mapping, &why);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->deploy().outcome(), teamload::v1::DEPLOY_OUTCOME_SUCCEEDED);
  EXPECT_EQ(run->deploy().lead_time().seconds(), 18 * 3600);

  absl::StatusOr<TeamMapping> other = TeamMapping::Parse(
      "teams:\n  search:\n    github: {repositories: [acme/search]}\n",
      "teams.yaml");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(ToDeploySignal(deploys[0], *other, &why).has_value());
  EXPECT_EQ(why,
            "deploy deployment:acme/payments/1820001 (repository "
            "acme/payments)");
}

TEST(DeploymentsTest, ReadsTheRecordedDeploymentAndWorkflowRun) {
  // The run GitHub sent has "name": "" and no "path": only its workflow id
  // names it.
  const std::vector<Deploy> deploys = FromRealFixtures({"2823525"}).Deploys();
  ASSERT_THAT(Keys(deploys),
              ElementsAre("deployment:baxterthehacker/public-repo/710692",
                          "run:octo-org/octo-repo/289782451"));
  // Two final statuses in the same second, listed newest first: the newest
  // by id (1115123, failure) decides, not the one read last (1115122).
  EXPECT_EQ(deploys[0].repository, "baxterthehacker/public-repo");
  EXPECT_EQ(deploys[0].service, "baxterthehacker/public-repo production");
  EXPECT_EQ(deploys[0].at, UtcSecond(2015, 5, 5, 23, 40, 39));
  EXPECT_TRUE(deploys[0].failed);
  EXPECT_EQ(deploys[0].lead_time, absl::InfiniteDuration());
  // Completed successfully at updated_at; its head commit was made at
  // 16:32:07, 102 s before.
  EXPECT_EQ(deploys[1].repository, "octo-org/octo-repo");
  EXPECT_EQ(deploys[1].service, "octo-org/octo-repo 2823525");
  EXPECT_EQ(deploys[1].at, UtcSecond(2020, 10, 5, 16, 33, 49));
  EXPECT_FALSE(deploys[1].failed);
  EXPECT_EQ(deploys[1].lead_time, absl::Seconds(102));
  // The webhook's workflow was called "test", but the run does not say so.
  EXPECT_THAT(Keys(FromRealFixtures({"test"}).Deploys()),
              ElementsAre("deployment:baxterthehacker/public-repo/710692"));

  absl::StatusOr<TeamMapping> mapping = TeamMapping::Parse(
      "teams:\n  platform:\n    github: {repositories: "
      "[baxterthehacker/public-repo, octo-org/octo-repo]}\n",
      "teams.yaml");
  ASSERT_TRUE(mapping.ok()) << mapping.status();
  std::string why;
  std::optional<teamload::v1::Signal> deployment =
      ToDeploySignal(deploys[0], *mapping, &why);
  ASSERT_TRUE(deployment.has_value()) << why;
  EXPECT_EQ(deployment->id(),
            "github:deployment:baxterthehacker/public-repo/710692");
  EXPECT_EQ(deployment->team(), "platform");
  EXPECT_EQ(deployment->occurred_at().seconds(), 1430869239);
  EXPECT_EQ(deployment->deploy().outcome(),
            teamload::v1::DEPLOY_OUTCOME_FAILED);
  EXPECT_FALSE(deployment->deploy().has_lead_time());
  std::optional<teamload::v1::Signal> run =
      ToDeploySignal(deploys[1], *mapping, &why);
  ASSERT_TRUE(run.has_value()) << why;
  EXPECT_EQ(run->id(), "github:run:octo-org/octo-repo/289782451");
  EXPECT_EQ(run->occurred_at().seconds(), 1601915629);
  EXPECT_EQ(run->deploy().service(), "octo-org/octo-repo 2823525");
  EXPECT_EQ(run->deploy().outcome(), teamload::v1::DEPLOY_OUTCOME_SUCCEEDED);
  EXPECT_EQ(run->deploy().lead_time().seconds(), 102);
}

TEST(DeploymentsTest, AnUnnamedRunIsKnownByItsWorkflowFile) {
  DeploymentsParser parser;
  DeploymentsResult parsed = parser.Parse(
      R"({"workflow_runs": [{"id": 9, "name": "", "workflow_id": 7,)"
      R"( "path": ".github/workflows/deploy.yml", "status": "completed",)"
      R"( "conclusion": "success", "updated_at": "2026-11-16T09:09:40Z",)"
      R"( "repository": {"full_name": "acme/payments"}}]})",
      "runs.json");
  ASSERT_THAT(parsed.errors, IsEmpty());
  ASSERT_EQ(parsed.runs.size(), 1u);
  EXPECT_EQ(parsed.runs[0].workflow, ".github/workflows/deploy.yml");
}

TEST(DeploymentsTest, MalformedRecordsSayWhere) {
  DeploymentsParser parser;
  DeploymentsResult parsed = parser.Parse(
      R"([{"id": 7, "repository_url": "https://api.github.com/repos/a/b",)"
      R"( "created_at": "yesterday"},)"
      R"( {"state": "success", "deployment_url": "https://x/deployments/",)"
      R"( "created_at": "2026-11-16T09:09:40Z"}])",
      "d.json");
  ASSERT_EQ(parsed.errors.size(), 2u);
  EXPECT_EQ(parsed.errors[0].where, "d.json: $[0].created_at");
  EXPECT_EQ(parsed.errors[1].where, "d.json: $[1].deployment_url");
  EXPECT_EQ(parsed.errors[1].reason,
            "\"https://x/deployments/\" does not end in a deployment's id");
  EXPECT_EQ(parser.Parse("{\"x\": 1}", "x.json").errors[0].reason,
            "neither a deployments or deployment statuses list ([...]) nor a "
            "workflow runs page ({\"workflow_runs\": [...]})");
}

}  // namespace
}  // namespace teamload::collectors::github
