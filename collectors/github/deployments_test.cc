#include "collectors/github/deployments.h"

#include "collectors/github/test_inputs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::github {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

DeployHistory FromFixtures(std::set<std::string> environments,
                           std::set<std::string> workflows) {
  DeployHistory history(std::move(environments), std::move(workflows));
  DeploymentsParser parser;
  for (const char* path : {"../github_deployments/deployments.json",
                           "../github_deployments/statuses.json",
                           "../github_deployments/workflow_runs.json"}) {
    DeploymentsResult parsed = parser.Parse(Fixture(path), path);
    EXPECT_THAT(parsed.errors, IsEmpty()) << path;
    history.Add(parsed);
  }
  return history;
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
