#include "daemon/model/model.h"

#include <map>
#include <thread>

#include "absl/strings/str_format.h"
#include "absl/synchronization/notification.h"
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
          config::WithZone({.name = "payments",
                            .timezone = "Europe/Berlin",
                            .oncall_size = 5,
                            .expected_sources = {"pagerduty", "jira"}})};
}

teamload::v1::Signal Make(const std::string& id, const std::string& team,
                          Kind kind, int64_t seconds = 1'795'000'000) {
  teamload::v1::Signal signal;
  signal.set_id(id);
  signal.set_team(team);
  signal.set_source("test");
  signal.mutable_occurred_at()->set_seconds(seconds);
  switch (kind) {
    case Kind::kPage:
      signal.mutable_page()->set_urgency(teamload::v1::URGENCY_HIGH);
      break;
    case Kind::kOops:
      signal.mutable_oops()->set_title("near miss");
      break;
    case Kind::kDeferral:
      signal.mutable_deferral()->set_times_deferred(1);
      break;
    case Kind::kSurveyNote:
      signal.mutable_survey_note()->set_score(3);
      break;
    case Kind::kMigration:
      signal.mutable_migration()->set_name("pg16");
      break;
    case Kind::kDeploy:
      signal.mutable_deploy()->set_service("api");
      break;
    case Kind::kAnnotation:
      signal.mutable_annotation()->set_text("reorg");
      signal.mutable_annotation()->set_author("maria");
      break;
  }
  return signal;
}

// A row as another replica stored it.
store::Revision Stored(const teamload::v1::Signal& signal, int64_t revision) {
  store::Revision r{.id = signal.id(),
                    .revision = revision,
                    .team = signal.team(),
                    .kind = "page",
                    .received_at = absl::FromUnixSeconds(1'795'000'900)};
  signal.SerializeToString(&r.body);
  return r;
}

TEST(ModelTest, StoredRowsApplyOnceWhoeverAppliesThemFirst) {
  Model model(Teams());
  const auto first = Make("pd:1", "payments", Kind::kPage);
  const auto second = Make("pd:1", "payments", Kind::kPage, 1'795'000'500);
  const auto elsewhere = Make("pd:9", "billing", Kind::kPage);
  std::string body;
  first.SerializeToString(&body);
  // This replica wrote revision 1 and applied it; the feed brings it back,
  // with another replica's revision 2 and a team this config lacks.
  model.Apply(
      {{.signal = &first, .content_hash = ContentHash(body), .revision = 1}},
      {});
  absl::StatusOr<Model::StoredCounts> counts = model.ApplyStored(
      {Stored(first, 1), Stored(second, 2), Stored(elsewhere, 1)},
      {{"search", "jira", absl::FromUnixSeconds(1'795'000'000)}});
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->applied, 2);  // revision 2 and the coverage mark
  EXPECT_EQ(counts->known, 1);
  EXPECT_EQ(counts->unknown_team, 1);
  EXPECT_EQ(model.Lookup("pd:1", 0).revision, 2);
  // Read again (a follower's overlap), and applied late by the ingestor
  // that wrote it: nothing changes.
  ASSERT_TRUE(
      model.ApplyStored({Stored(first, 1), Stored(second, 2)}, {}).ok());
  std::string second_body;
  second.SerializeToString(&second_body);
  model.Apply({{.signal = &second,
                .content_hash = ContentHash(second_body),
                .revision = 2}},
              {});
  EXPECT_EQ(model.Lookup("pd:1", 0).revision, 2);
  EXPECT_EQ(model.SignalCount(), 1);
  EXPECT_EQ(model.GetTeam("payments")->signal_counts().at("page"), 1);
  EXPECT_EQ(model.GetTeam("search")->coverage_size(), 1);

  store::Revision broken = Stored(first, 3);
  broken.body = "not a signal";
  EXPECT_EQ(model.ApplyStored({broken}, {}).status(),
            absl::DataLossError("revision 3 of pd:1 is not a readable signal"));
}

TEST(ModelTest, CountsCurrentSignalsByKindAndFollowsRevisions) {
  Model model(Teams());
  const auto pd1 = Make("pd:1", "payments", Kind::kPage);
  const auto pd2 = Make("pd:2", "payments", Kind::kPage);
  const auto oops1 = Make("oops:1", "search", Kind::kOops);
  const auto note = Make("annotation:1", "payments", Kind::kAnnotation);
  model.Apply({{&pd1, 11}, {&pd2, 22}, {&oops1, 33}, {&note, 44}}, {});
  // A revision that moves pd:2 to another team moves its fact too.
  const auto pd2_moved = Make("pd:2", "search", Kind::kPage, 1'795'000'500);
  model.Apply({{&pd2_moved, 23}}, {});

  EXPECT_THAT(model.GetTeam("payments")->signal_counts(),
              UnorderedElementsAre(Pair("page", 1), Pair("oops", 0),
                                   Pair("deferral", 0), Pair("survey_note", 0),
                                   Pair("migration", 0), Pair("deploy", 0),
                                   Pair("annotation", 1)));
  EXPECT_THAT(model.GetTeam("search")->signal_counts(),
              UnorderedElementsAre(Pair("page", 1), Pair("oops", 1),
                                   Pair("deferral", 0), Pair("survey_note", 0),
                                   Pair("migration", 0), Pair("deploy", 0),
                                   Pair("annotation", 0)));
  // An annotation is found by its id, with its team; other kinds are not.
  const auto found = model.FindAnnotation("annotation:1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->team, "payments");
  EXPECT_EQ(found->annotation.text, "reorg");
  EXPECT_EQ(found->annotation.author, "maria");
  EXPECT_FALSE(model.FindAnnotation("pd:1").has_value());
  EXPECT_FALSE(model.FindAnnotation("annotation:2").has_value());
  EXPECT_EQ(model.Lookup("pd:2", 23).revision, 2);
  EXPECT_TRUE(model.Lookup("pd:2", 23).seen);
  // An earlier revision's content is known too, so replaying it changes
  // nothing.
  EXPECT_TRUE(model.Lookup("pd:2", 22).seen);
  EXPECT_FALSE(model.Lookup("pd:2", 99).seen);
  EXPECT_EQ(model.Lookup("pd:3", 1).revision, 0);
  EXPECT_FALSE(model.Lookup("pd:3", 1).seen);
  EXPECT_EQ(model.Generation(), 2u);

  // The detectors' view follows the revision: pd:2 left payments.
  ASSERT_TRUE(
      model
          .VisitTeam(
              "payments",
              [](const config::TeamConfig& config, const TeamHistory& history) {
                EXPECT_EQ(config.name, "payments");
                ASSERT_EQ(history.pages.size(), 1u);
                EXPECT_EQ(history.PageId(history.pages[0]), "pd:1");
                EXPECT_TRUE(history.pages[0].high_urgency);
              })
          .ok());
  ASSERT_TRUE(
      model
          .VisitTeam("search",
                     [](const config::TeamConfig&, const TeamHistory& history) {
                       ASSERT_EQ(history.pages.size(), 1u);
                       EXPECT_EQ(history.pages[0].occurred_at(),
                                 absl::FromUnixSeconds(1'795'000'500));
                       EXPECT_EQ(history.PageId(history.pages[0]), "pd:2");
                       ASSERT_EQ(history.oopses.size(), 1u);
                       EXPECT_EQ(history.oopses[0].written_up_at,
                                 absl::InfiniteFuture());
                     })
          .ok());
  EXPECT_EQ(model.VisitTeam("billing", [](const auto&, const auto&) {}).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(model.SignalCount(), 4);
}

TEST(ModelTest, MovingAFactOutRepointsTheOneThatTakesItsPlace) {
  Model model(Teams());
  const auto p1 = Make("pd:1", "payments", Kind::kPage, 1'795'000'001);
  const auto p2 = Make("pd:2", "payments", Kind::kPage, 1'795'000'002);
  const auto p3 = Make("pd:3", "payments", Kind::kPage, 1'795'000'003);
  model.Apply({{&p1, 1}, {&p2, 2}, {&p3, 3}}, {});
  // pd:1 is first, so pd:3 (last) moves into its place...
  const auto p1_moved = Make("pd:1", "search", Kind::kPage, 1'795'000'001);
  model.Apply({{&p1_moved, 11}}, {});
  // ...and a revision of pd:3 must land on pd:3, not on a stale index.
  auto p3_revised = Make("pd:3", "payments", Kind::kPage, 1'795'000'033);
  p3_revised.mutable_page()->set_urgency(teamload::v1::URGENCY_LOW);
  model.Apply({{&p3_revised, 33}}, {});
  ASSERT_TRUE(
      model
          .VisitTeam("payments",
                     [](const config::TeamConfig&, const TeamHistory& history) {
                       std::map<std::string, int64_t> pages;
                       for (const auto& p : history.pages) {
                         pages[std::string(history.PageId(p))] = p.occurred_s;
                       }
                       EXPECT_THAT(pages, UnorderedElementsAre(
                                              Pair("pd:2", 1'795'000'002),
                                              Pair("pd:3", 1'795'000'033)));
                     })
          .ok());
  EXPECT_EQ(model.Lookup("pd:3", 33).revision, 2);
  EXPECT_EQ(model.GetTeam("search")->signal_counts().at("page"), 1);
}

TEST(ModelTest, DeploysKeepTheirIdsInAnArenaLikePages) {
  Model model(Teams());
  const auto d1 = Make("gh:deploy:1", "payments", Kind::kDeploy, 1'795'000'001);
  const auto d2 = Make("gh:deploy:2", "payments", Kind::kDeploy, 1'795'000'002);
  const auto m1 = Make("mig:1", "payments", Kind::kMigration, 1'795'000'003);
  model.Apply({{&d1, 1}, {&d2, 2}, {&m1, 3}}, {});
  // gh:deploy:1 turns out to be a migration: gh:deploy:2 takes its place...
  const auto d1_moved =
      Make("gh:deploy:1", "payments", Kind::kMigration, 1'795'000'001);
  model.Apply({{&d1_moved, 11}}, {});
  // ...and its revision lands on it, with a lead time and a failure.
  auto d2_revised =
      Make("gh:deploy:2", "payments", Kind::kDeploy, 1'795'000'002);
  d2_revised.mutable_deploy()->set_outcome(teamload::v1::DEPLOY_OUTCOME_FAILED);
  d2_revised.mutable_deploy()->mutable_lead_time()->set_seconds(7200);
  model.Apply({{&d2_revised, 22}}, {});
  ASSERT_TRUE(
      model
          .VisitTeam("payments",
                     [](const config::TeamConfig&, const TeamHistory& history) {
                       ASSERT_EQ(history.deploys.size(), 1u);
                       const DeployFact& d = history.deploys[0];
                       EXPECT_EQ(history.DeployId(d), "gh:deploy:2");
                       EXPECT_TRUE(d.failed);
                       EXPECT_TRUE(d.ChangeFailure());
                       EXPECT_EQ(d.lead_time_s, 7200u);
                       ASSERT_EQ(history.migrations.size(), 2u);
                     })
          .ok());
  EXPECT_EQ(model.Lookup("gh:deploy:2", 22).revision, 2);
  const auto counts = model.GetTeam("payments")->signal_counts();
  EXPECT_EQ(counts.at("deploy"), 1);
  EXPECT_EQ(counts.at("migration"), 2);
}

TEST(ModelTest, ErasingForgetsEveryRevisionAndRepointsTheMovedFact) {
  Model model(Teams());
  auto note = [](const std::string& id, const std::string& respondent) {
    auto signal = Make(id, "payments", Kind::kSurveyNote);
    signal.mutable_survey_note()->set_respondent(respondent);
    signal.mutable_survey_note()->set_text("words of " + respondent);
    return signal;
  };
  const auto n1 = note("s:1", "r-ann");
  const auto n2 = note("s:2", "r-bob");
  const auto n3 = note("s:3", "r-ann");
  auto n1_revised = note("s:1", "r-ann");
  n1_revised.mutable_survey_note()->set_score(5);
  model.Apply({{&n1, 1}, {&n2, 2}, {&n3, 3}, {&n1_revised, 11}}, {});
  EXPECT_THAT(model.SurveyNotesOf("r-ann"), testing::ElementsAre("s:1", "s:3"));
  const uint64_t generation = model.Generation();

  EXPECT_EQ(model.Erase({"s:1", "s:unknown"}), 1);
  EXPECT_GT(model.Generation(), generation);
  EXPECT_EQ(model.SignalCount(), 2);
  EXPECT_EQ(model.Lookup("s:1", 11).revision, 0);  // unknown again
  EXPECT_THAT(model.SurveyNotesOf("r-ann"), testing::ElementsAre("s:3"));
  // s:3 moved into s:1's place: a revision of it still lands on it.
  auto n3_revised = note("s:3", "r-ann");
  n3_revised.mutable_survey_note()->set_score(1);
  model.Apply({{&n3_revised, 33}}, {});
  EXPECT_EQ(model.Lookup("s:3", 33).revision, 2);
  // Sent again, an erased id is a new signal.
  model.Apply({{&n1, 1}}, {});
  EXPECT_EQ(model.Lookup("s:1", 1).revision, 1);
  ASSERT_TRUE(
      model
          .VisitTeam("payments",
                     [](const config::TeamConfig&, const TeamHistory& history) {
                       std::map<std::string, int> scores;
                       for (const SurveyFact& n : history.survey_notes) {
                         scores[n.id] = n.score;
                       }
                       EXPECT_THAT(scores, UnorderedElementsAre(
                                               Pair("s:1", 3), Pair("s:2", 3),
                                               Pair("s:3", 1)));
                     })
          .ok());
  EXPECT_EQ(model.Erase({"s:1", "s:2", "s:3"}), 3);
  EXPECT_EQ(model.GetTeam("payments")->signal_counts().at("survey_note"), 0);
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

TEST(ModelTest, EachHistoryCountsTheChangesThatTouchedIt) {
  Model model(Teams());
  const auto changes = [&](absl::string_view team) {
    uint64_t n = 0;
    EXPECT_TRUE(
        model
            .VisitTeam(team, [&](const config::TeamConfig&,
                                 const TeamHistory& h) { n = h.changes; })
            .ok());
    return n;
  };
  const auto pd1 = Make("pd:1", "payments", Kind::kPage);
  model.Apply({{&pd1, 1}}, {});
  EXPECT_EQ(changes("payments"), 1u);
  EXPECT_EQ(changes("search"), 0u);
  // A revision moving the page to search changes both teams.
  const auto pd1_moved = Make("pd:1", "search", Kind::kPage);
  model.Apply({{&pd1_moved, 2}}, {});
  EXPECT_EQ(changes("payments"), 2u);
  EXPECT_EQ(changes("search"), 1u);
  model.Apply({}, {{"search", "pagerduty", absl::FromUnixSeconds(1)}});
  EXPECT_EQ(changes("payments"), 2u);
  EXPECT_EQ(changes("search"), 2u);
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
  auto pd1 = Make("pd:1", "payments", Kind::kPage);
  const std::string a = pd1.SerializeAsString();
  pd1.mutable_page()->set_title("resolved");
  const std::string b = pd1.SerializeAsString();
  const std::string c =
      Make("d:1", "search", Kind::kDeferral).SerializeAsString();
  ASSERT_TRUE(
      store
          ->Write({.revisions = {{"pd:1", 1, "payments", "page", t, t, a},
                                 {"pd:1", 2, "payments", "page", t, t, b},
                                 {"d:1", 1, "search", "deferral", t, t, c}},
                   .coverage = {{"search", "jira", t}, {"gone", "jira", t}}})
          .ok());
  Model model(Teams());
  ASSERT_TRUE(model.Rebuild(*store).ok());
  EXPECT_EQ(model.SignalCount(), 2);
  EXPECT_EQ(model.Lookup("pd:1", ContentHash(b)).revision, 2);
  EXPECT_TRUE(model.Lookup("pd:1", ContentHash(a)).seen);
  EXPECT_FALSE(model.Lookup("pd:1", ContentHash(c)).seen);
  EXPECT_EQ(model.GetTeam("search")->signal_counts().at("deferral"), 1);
  EXPECT_EQ(model.GetTeam("search")->coverage_size(), 1);
}

TEST(ModelTest, RebuildRefusesSignalsOfATeamMissingFromTheConfig) {
  auto store = *store::Store::Open("sqlite::memory:");
  const absl::Time t = absl::FromUnixSeconds(1'795'000'000);
  const std::string body =
      Make("pd:9", "billing", Kind::kPage).SerializeAsString();
  ASSERT_TRUE(
      store->Write({.revisions = {{"pd:9", 1, "billing", "page", t, t, body}}})
          .ok());
  Model model(Teams());
  absl::Status status = model.Rebuild(*store);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()),
              testing::HasSubstr("team \"billing\""));
}

}  // namespace
}  // namespace teamload::model

namespace teamload::model {
namespace {

// A dashboard listing every team must not stall ingest: VisitTeams takes
// the lock per team, so a write waits for one team's visit at most. Were
// the lock held across all teams, the write below could only finish after
// the last visit.
TEST(ModelTest, AWriteLandsBetweenTwoTeamsOfOneVisit) {
  std::vector<config::TeamConfig> teams;
  for (int i = 0; i < 40; ++i) {
    teams.push_back({.name = absl::StrFormat("team-%02d", i)});
  }
  Model model(teams);
  const auto page = Make("pd:1", "team-39", Kind::kPage);
  absl::Notification written;
  std::thread writer;
  int visits_after_the_write = 0;
  model.VisitTeams([&](const config::TeamConfig& team, const TeamHistory&) {
    if (team.name == "team-00") {
      writer = std::thread([&] {
        model.Apply({{&page, 1}}, {});
        written.Notify();
      });
    }
    if (written.HasBeenNotified()) ++visits_after_the_write;
    absl::SleepFor(absl::Milliseconds(10));  // one team's analysis
  });
  writer.join();
  EXPECT_GT(visits_after_the_write, 0)
      << "the write waited for every team's visit";
  EXPECT_EQ(model.SignalCount(), 1);
}

}  // namespace
}  // namespace teamload::model
