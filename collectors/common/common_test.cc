#include "collectors/common/team_mapping.h"
#include "collectors/common/timestamps.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors {
namespace {

TEST(TimestampsTest, ReadsEveryFormTheSourcesWrite) {
  const absl::Time expected =
      absl::FromUnixMillis(1'650'818'513'123);  // 2022-04-24T16:41:53.123Z
  EXPECT_EQ(*ParseTimestamp("2022-04-24T16:41:53.123Z"), expected);
  EXPECT_EQ(*ParseTimestamp("2022-04-24T16:41:53.123+00:00"), expected);
  EXPECT_EQ(*ParseTimestamp("2022-04-24T16:41:53.123+0000"), expected);  // Jira
  EXPECT_EQ(*ParseTimestamp("2022-04-24T18:41:53.123+0200"), expected);
  EXPECT_EQ(*ParseTimestamp("1650818513123"), expected);  // Opsgenie createdAt
  EXPECT_EQ(*ParseTimestamp("1650818513123000000"),
            expected);  // Opsgenie updatedAt
  absl::TimeZone berlin;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &berlin));
  EXPECT_EQ(*ParseTimestamp("2022-04-24T18:41:53.123", berlin),
            expected);  // no zone
  EXPECT_EQ(*ParseTimestamp("2022-04-24 16:41:53.123"),
            expected);  // Analytics rows
}

TEST(TimestampsTest, NamesWhatItCannotRead) {
  EXPECT_EQ(ParseTimestamp("yesterday").status(),
            absl::InvalidArgumentError("\"yesterday\" is not a timestamp (RFC "
                                       "3339, or epoch milliseconds or "
                                       "nanoseconds)"));
  EXPECT_FALSE(ParseTimestamp("2022-13-40T00:00:00Z").ok());
  EXPECT_FALSE(FromEpochNumber(500'000'000'000'000).ok());
}

TEST(TeamMappingTest, MapsSourceObjectsToTeams) {
  absl::StatusOr<TeamMapping> mapping = TeamMapping::Parse(R"yaml(
teams:
  payments:
    pagerduty: {services: [PA2P440], escalation_policies: [PY82TC6]}
    opsgenie: {teams: [payments-oncall]}
  search:
    pagerduty: {teams: [PT4KHLK]}
)yaml",
                                                           "map.yaml");
  ASSERT_TRUE(mapping.ok()) << mapping.status();
  EXPECT_EQ(mapping->TeamFor("pagerduty", "services", "PA2P440"), "payments");
  EXPECT_EQ(mapping->TeamFor("pagerduty", "teams", "PT4KHLK"), "search");
  EXPECT_EQ(mapping->TeamFor("opsgenie", "teams", "payments-oncall"),
            "payments");
  EXPECT_EQ(mapping->TeamFor("pagerduty", "services", "PNOPE"), std::nullopt);
  EXPECT_THAT(mapping->TeamsOf("pagerduty"),
              ::testing::ElementsAre("payments", "search"));
  EXPECT_THAT(mapping->TeamsOf("opsgenie"), ::testing::ElementsAre("payments"));
}

TEST(TeamMappingTest, TheShippedExampleLoads) {
  absl::StatusOr<TeamMapping> mapping =
      TeamMapping::Load(TEAMLOAD_DEPLOY "/teams.example.yaml");
  ASSERT_TRUE(mapping.ok()) << mapping.status();
  EXPECT_EQ(mapping->TeamFor("jira", "components", "CORE/ledger"), "payments");
  EXPECT_EQ(mapping->TeamFor("github", "repositories", "acme/payments"),
            "payments");
}

TEST(TeamMappingTest, RefusesAmbiguityAndTyposWithTheirPlace) {
  EXPECT_EQ(TeamMapping::Parse("teams:\n  a:\n    pagerduty: {services: [P1]}\n"
                               "  b:\n    pagerduty: {services: [P1]}\n",
                               "m.yaml")
                .status(),
            absl::InvalidArgumentError(
                "m.yaml:5:28: teams.b.pagerduty.services: P1 is "
                "already mapped to team \"a\""));
  EXPECT_EQ(TeamMapping::Parse("teams:\n  a:\n    pagerduty: {servics: [P1]}\n",
                               "m.yaml")
                .status(),
            absl::InvalidArgumentError(
                "m.yaml:3:17: teams.a.pagerduty.servics: unknown key "
                "(expected one of: services, escalation_policies, teams)"));
  EXPECT_EQ(TeamMapping::Parse("teams:\n  a:\n    pagerdoody: {}\n", "m.yaml")
                .status(),
            absl::InvalidArgumentError(
                "m.yaml:3:5: teams.a.pagerdoody: unknown source "
                "(expected one of: pagerduty, opsgenie, jira, github, oops, "
                "survey, migrations)"));
}

}  // namespace
}  // namespace teamload::collectors
