#include "daemon/model/model.h"

#include "gmock/gmock.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"

namespace teamload::model {
namespace {

using google::protobuf::util::TimeUtil;
using testing::Pair;
using testing::UnorderedElementsAre;

std::vector<config::TeamConfig> Teams() {
  return {{.name = "search", .timezone = "UTC", .oncall_size = 2},
          {.name = "payments",
           .timezone = "Europe/Berlin",
           .oncall_size = 5,
           .expected_sources = {"pagerduty", "jira"}}};
}

TEST(ModelTest, CountsCurrentSignalsByKindAndFollowsRevisions) {
  Model model(Teams());
  model.Apply({{"pd:1", 1, 11, "payments", Kind::kPage},
               {"pd:2", 1, 22, "payments", Kind::kPage},
               {"oops:1", 1, 33, "search", Kind::kOops}},
              {});
  // A revision that moves pd:2 to another team moves its count too.
  model.Apply({{"pd:2", 2, 23, "search", Kind::kPage}}, {});

  EXPECT_THAT(
      model.GetTeam("payments")->signal_counts(),
      UnorderedElementsAre(Pair("page", 1), Pair("oops", 0),
                           Pair("deferral", 0), Pair("survey_note", 0)));
  EXPECT_THAT(
      model.GetTeam("search")->signal_counts(),
      UnorderedElementsAre(Pair("page", 1), Pair("oops", 1),
                           Pair("deferral", 0), Pair("survey_note", 0)));
  EXPECT_EQ(model.Lookup("pd:2", 23).revision, 2);
  EXPECT_TRUE(model.Lookup("pd:2", 23).seen);
  // An earlier revision's content is known too, so replaying it changes
  // nothing.
  EXPECT_TRUE(model.Lookup("pd:2", 22).seen);
  EXPECT_FALSE(model.Lookup("pd:2", 99).seen);
  EXPECT_EQ(model.Lookup("pd:3", 1).revision, 0);
  EXPECT_FALSE(model.Lookup("pd:3", 1).seen);
  EXPECT_EQ(model.SignalCount(), 3);
}

TEST(ModelTest, CoverageKeepsTheLatestMarkSortedBySource) {
  Model model(Teams());
  const absl::Time t = absl::FromUnixSeconds(1'795'000'000);
  model.Apply({}, {{"payments", "pagerduty", t},
                   {"payments", "jira", t},
                   {"payments", "pagerduty", t - absl::Hours(1)}});
  teamload::v1::Team team = *model.GetTeam("payments");
  ASSERT_EQ(team.coverage_size(), 2);
  EXPECT_EQ(team.coverage(0).source(), "jira");
  EXPECT_EQ(team.coverage(1).source(), "pagerduty");
  EXPECT_EQ(TimeUtil::TimestampToSeconds(team.coverage(1).covered_through()),
            1'795'000'000);
  EXPECT_THAT(team.expected_sources(),
              testing::ElementsAre("pagerduty", "jira"));
  EXPECT_EQ(team.timezone(), "Europe/Berlin");
  EXPECT_EQ(team.oncall_size(), 5);
}

TEST(ModelTest, ListsTeamsByNameAndNamesKnownTeamsWhenOneIsUnknown) {
  Model model(Teams());
  std::vector<teamload::v1::Team> teams = model.ListTeams();
  ASSERT_EQ(teams.size(), 2u);
  EXPECT_EQ(teams[0].name(), "payments");
  EXPECT_EQ(teams[1].name(), "search");
  absl::StatusOr<teamload::v1::Team> missing = model.GetTeam("billing");
  EXPECT_EQ(missing.status(),
            absl::NotFoundError(
                "no team named \"billing\"; known teams: payments, search"));
}

TEST(ModelTest, RebuildsCurrentRevisionsFromTheStore) {
  auto store = *store::Store::Open("sqlite::memory:");
  const absl::Time t = absl::FromUnixSeconds(1'795'000'000);
  ASSERT_TRUE(
      store
          ->Write({.revisions = {{"pd:1", 1, "payments", "page", t, t, "a"},
                                 {"pd:1", 2, "payments", "page", t, t, "b"},
                                 {"d:1", 1, "search", "deferral", t, t, "c"}},
                   .coverage = {{"search", "jira", t}, {"gone", "jira", t}}})
          .ok());
  Model model(Teams());
  ASSERT_TRUE(model.Rebuild(*store).ok());
  EXPECT_EQ(model.SignalCount(), 2);
  EXPECT_EQ(model.Lookup("pd:1", ContentHash("b")).revision, 2);
  EXPECT_TRUE(model.Lookup("pd:1", ContentHash("a")).seen);
  EXPECT_FALSE(model.Lookup("pd:1", ContentHash("c")).seen);
  EXPECT_EQ(model.GetTeam("search")->signal_counts().at("deferral"), 1);
  EXPECT_EQ(model.GetTeam("search")->coverage_size(), 1);
}

TEST(ModelTest, RebuildRefusesSignalsOfATeamMissingFromTheConfig) {
  auto store = *store::Store::Open("sqlite::memory:");
  const absl::Time t = absl::FromUnixSeconds(1'795'000'000);
  ASSERT_TRUE(
      store->Write({.revisions = {{"pd:9", 1, "billing", "page", t, t, "x"}}})
          .ok());
  Model model(Teams());
  absl::Status status = model.Rebuild(*store);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()),
              testing::HasSubstr("team \"billing\""));
}

}  // namespace
}  // namespace teamload::model
