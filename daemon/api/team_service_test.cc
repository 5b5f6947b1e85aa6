// TeamService in process (api/testing.h): the teams as configured, what each
// has received, and unknown teams named.
#include "daemon/api/team_service.h"

#include "daemon/api/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::api {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::kNow;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

constexpr char kConfig[] = R"yaml(
teams:
  - name: search
  - name: payments
    timezone: Europe/Berlin
    oncall_size: 5
    expected_sources: [pagerduty, jira]
)yaml";

class TeamServiceTest : public testing::ServiceTest {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(Start(kConfig)); }

  grpc::Status GetTeam(const std::string& name, v1::Team* team) {
    grpc::ClientContext context;
    v1::GetTeamRequest request;
    request.set_name(name);
    return teams_->GetTeam(&context, request, team);
  }
};

TEST_F(TeamServiceTest, ListsTheConfiguredTeamsSortedByName) {
  grpc::ClientContext context;
  v1::ListTeamsResponse list;
  ASSERT_TRUE(teams_->ListTeams(&context, {}, &list).ok());
  ASSERT_EQ(list.teams_size(), 2);
  const v1::Team& payments = list.teams(0);
  EXPECT_EQ(payments.name(), "payments");
  EXPECT_EQ(payments.timezone(), "Europe/Berlin");
  EXPECT_EQ(payments.oncall_size(), 5);
  EXPECT_THAT(payments.expected_sources(), ElementsAre("pagerduty", "jira"));
  EXPECT_THAT(payments.coverage(), IsEmpty());
  const v1::Team& search = list.teams(1);
  EXPECT_EQ(search.name(), "search");
  EXPECT_EQ(search.timezone(), "UTC");
  EXPECT_EQ(search.oncall_size(), 1);
  EXPECT_THAT(search.expected_sources(), IsEmpty());
}

TEST_F(TeamServiceTest, GetTeamCountsCurrentSignalsAndShowsCoverage) {
  v1::IngestRequest request;
  *request.add_signals() = testing::Page("pd:1", kNow - absl::Hours(5));
  *request.add_signals() = testing::Page("pd:2", kNow - absl::Hours(4));
  *request.add_signals() =
      testing::Page("pd:1", kNow - absl::Hours(5), "db down (resolved)");
  *request.add_coverage() = testing::Coverage("payments", "pagerduty", kNow);
  IngestOk(request);

  v1::Team payments;
  ASSERT_TRUE(GetTeam("payments", &payments).ok());
  // pd:1's revision replaces it: two current pages, not three.
  EXPECT_THAT(payments.signal_counts(),
              UnorderedElementsAre(Pair("page", 2), Pair("oops", 0),
                                   Pair("deferral", 0), Pair("survey_note", 0),
                                   Pair("migration", 0), Pair("deploy", 0),
                                   Pair("annotation", 0)));
  ASSERT_EQ(payments.coverage_size(), 1);
  EXPECT_EQ(payments.coverage(0).team(), "payments");
  EXPECT_EQ(payments.coverage(0).source(), "pagerduty");
  EXPECT_EQ(payments.coverage(0).covered_through().seconds(),
            absl::ToUnixSeconds(kNow));
}

TEST_F(TeamServiceTest, AnUnknownTeamIsNotFoundNamingTheKnownOnes) {
  v1::Team team;
  grpc::Status status = GetTeam("billing", &team);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(),
            "no team named \"billing\"; known teams: payments, search");
}

}  // namespace
}  // namespace teamload::api
