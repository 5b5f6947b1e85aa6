#include "daemon/narrative/narrative.h"

#include <algorithm>
#include <random>
#include <regex>

#include "daemon/analysis/testing.h"
#include "daemon/narrative/themes.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace teamload::narrative {
namespace {

using analysis::testing::HistoryBuilder;
using analysis::testing::kAsOf;
using analysis::testing::Local;
using ::testing::HasSubstr;

constexpr absl::Duration kDay = absl::Hours(24);
constexpr absl::Duration kWeek = absl::Hours(24 * 7);

teamload::v1::Narrative Tell(
    const HistoryBuilder& b,
    const config::TeamConfig& team = analysis::testing::Team()) {
  return BuildNarrative(team, analysis::Analyze(team, b.history(), kAsOf),
                        kAsOf);
}

// Sources covered up to a day ago, so no blind spot.
HistoryBuilder Covered() {
  HistoryBuilder b;
  b.Covered("pagerduty", kAsOf - kDay).Covered("oops", kAsOf - kDay);
  return b;
}

// Pages doubled with sleep-hour pages, 3 unwritten oopses, deferrals piling up.
HistoryBuilder Underwater() {
  HistoryBuilder b = Covered();
  for (int week = 1; week <= 8; ++week) b.DaytimePages(week, 5);
  b.DaytimePages(0, 9);
  for (int night = 0; night < 5; ++night)
    b.Page(Local(2026, 11, 20 + night, 23, 15), true);
  b.Oops(kAsOf - 20 * kDay, absl::InfiniteFuture(), "refund job ran twice")
      .Oops(kAsOf - 25 * kDay)
      .Oops(kAsOf - 33 * kDay);
  for (int week = 7; week >= 0; --week) {
    b.Deferral("PAY-" + std::to_string(800 + week),
               kAsOf - kWeek * week - absl::Hours(1), week == 7 ? 4 : 1);
  }
  return b;
}

TEST(NarrativeTest, SteadyTeamStillSaysWhatWasLookedAt) {
  HistoryBuilder b = Covered();
  for (int week = 0; week <= 8; ++week) b.DaytimePages(week, 4);
  const teamload::v1::Narrative n = Tell(b);
  EXPECT_EQ(n.headline(),
            "Steady: nothing stands out in pages, oopses, deferred work or "
            "survey answers.");
  EXPECT_THAT(n.findings(), ::testing::IsEmpty());
  EXPECT_THAT(n.blind_spots(), ::testing::IsEmpty());
  ASSERT_EQ(n.questions_size(), 1);
  EXPECT_THAT(
      n.markdown(),
      HasSubstr("- 36 pages in the last 9 weeks: 36 interruptions (pages "
                "within 60 s of the one before count as one) across 36 "
                "disrupted hours (local clock hours with a page).\n- 0 oopses "
                "in the last 16 weeks, 0 open deferred items, 0 answers in "
                "the latest survey.\n- Coverage: oops through 2026-11-25, "
                "pagerduty through 2026-11-25.\n"));
}

TEST(NarrativeTest, ConvergingBoundariesLeadTheHeadline) {
  const teamload::v1::Narrative n = Tell(Underwater());
  EXPECT_EQ(
      n.headline(),
      "Workload, economic and safety boundaries under pressure at once: "
      "interruptions rose to 14 this week, 2.8x the usual 5 (14 pages across "
      "14 disrupted hours, 5 of them sleep hours), open deferred work rose "
      "from 1 to 8 items, while 3 oopses are still unwritten after 14 days.");
  // ATTENTION before WATCH, then workload, economic, safety.
  std::vector<std::string> order;
  for (const auto& f : n.findings()) order.push_back(f.detector());
  EXPECT_THAT(order, ::testing::ElementsAre("pager_load", "deferral_drift",
                                            "unwritten_oops"));
  EXPECT_THAT(n.questions(),
              ::testing::Contains(HasSubstr("What woke people up this week")));
  EXPECT_THAT(n.questions(),
              ::testing::Contains(HasSubstr("What keeps jira:PAY-807")));
}

TEST(NarrativeTest, BlindSpotsAreNamedNotTreatedAsCalm) {
  HistoryBuilder b;
  b.Covered("pagerduty", kAsOf - 20 * kDay);
  const teamload::v1::Narrative n = Tell(b);
  EXPECT_EQ(n.headline(),
            "Nothing stands out in what we can see, but we cannot see "
            "pagerduty and oops.");
  EXPECT_THAT(
      n.markdown(),
      HasSubstr("## What we cannot see\n\n- We cannot see pagerduty since "
                "2026-11-06 (20 days)"));
  EXPECT_THAT(n.questions(),
              ::testing::Contains(HasSubstr("Is oops still where")));
}

TEST(NarrativeTest, ASourceNotSeenIsNotNamedAgainForItsWithheldAnswers) {
  HistoryBuilder b;
  const config::TeamConfig team = analysis::testing::Team();
  analysis::Analysis analysis = analysis::Analyze(team, b.history(), kAsOf);
  analysis.blind_spots.clear();
  for (const char* source : {"pagerduty", "survey", "survey answers"})
    analysis.blind_spots.emplace_back().set_source(source);
  EXPECT_EQ(BuildNarrative(team, analysis, kAsOf).headline(),
            "Nothing stands out in what we can see, but we cannot see "
            "pagerduty and survey.");
  analysis.blind_spots.erase(analysis.blind_spots.begin() + 1);
  EXPECT_EQ(BuildNarrative(team, analysis, kAsOf).headline(),
            "Nothing stands out in what we can see, but we cannot see "
            "pagerduty and survey answers.");
}

TEST(NarrativeTest, SameInputsGiveByteIdenticalNarratives) {
  EXPECT_EQ(Tell(Underwater()).SerializeAsString(),
            Tell(Underwater()).SerializeAsString());
}

TEST(NarrativeTest, SameStoryIgnoresOnlyTheMoment) {
  const config::TeamConfig team = analysis::testing::Team();
  const HistoryBuilder b = Underwater();
  const auto at = [&](absl::Time t) {
    return BuildNarrative(team, analysis::Analyze(team, b.history(), t), t);
  };
  const teamload::v1::Narrative now = at(kAsOf),
                                minute_later = at(kAsOf + absl::Minutes(1));
  EXPECT_NE(now.markdown(), minute_later.markdown());  // the as-of line moved
  EXPECT_TRUE(SameStory(now, minute_later));
  EXPECT_FALSE(SameStory(now, Tell(Covered())));
}

TEST(NarrativeTest, OrderOfTheHistoryDoesNotMatter) {
  // After a restart the model's facts come back in id order, not arrival order.
  HistoryBuilder b = Underwater();
  model::TeamHistory shuffled = b.history();
  std::mt19937 rng(7);
  std::shuffle(shuffled.pages.begin(), shuffled.pages.end(), rng);
  std::shuffle(shuffled.oopses.begin(), shuffled.oopses.end(), rng);
  std::shuffle(shuffled.deferrals.begin(), shuffled.deferrals.end(), rng);
  const config::TeamConfig team = analysis::testing::Team();
  EXPECT_EQ(
      BuildNarrative(team, analysis::Analyze(team, shuffled, kAsOf), kAsOf)
          .SerializeAsString(),
      Tell(b).SerializeAsString());
}

TEST(NarrativeTest, NoCompositeScoreAnywhere) {
  const teamload::v1::Narrative n = Tell(Underwater());
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(n, &json).ok());
  const std::regex score_key(
      "\"[a-zA-Z_]*(score|Score|rating|Rating|index|Index)[a-zA-Z_]*\"\\s*:");
  EXPECT_FALSE(std::regex_search(json, score_key)) << json;
  const std::regex score_word("\\b(score|rating|risk index|health index)\\b",
                              std::regex::icase);
  EXPECT_FALSE(std::regex_search(n.markdown(), score_word)) << n.markdown();
  EXPECT_FALSE(std::regex_search(n.headline(), score_word));
}

TEST(NarrativeTest, ThemesAcrossTeamsRespectPrivacy) {
  const auto survey = [](int people, int raising) {
    HistoryBuilder b;
    for (int i = 0; i < people; ++i) {
      b.Note("pulse", "r" + std::to_string(i),
             i < raising ? "Nobody knows how billing works" : "ok");
    }
    return b;
  };
  ThemeTally tally;
  config::TeamConfig a = analysis::testing::Team(), b = a, c = a;
  a.name = "alpha", b.name = "beta", c.name = "gamma";
  tally.AddTeam(
      a, analysis::Analyze(a, survey(6, 3).history(), kAsOf));  // counted
  tally.AddTeam(b, analysis::Analyze(b, survey(4, 2).history(),
                                     kAsOf));  // too small to show at all
  tally.AddTeam(c, analysis::Analyze(c, survey(6, 1).history(),
                                     kAsOf));  // one person: not shown
  const teamload::v1::ListThemesResponse themes = tally.Result();
  ASSERT_EQ(themes.themes_size(), 1);
  EXPECT_EQ(themes.themes(0).name(), "missing shared context");
  // Beta's four answers would show as the difference between a list over
  // alpha and beta and one over alpha: beta is left out, not just its count.
  EXPECT_THAT(themes.themes(0).teams(), ::testing::ElementsAre("alpha"));
  EXPECT_EQ(themes.themes(0).respondents(), 3);
  EXPECT_EQ(themes.themes(0).source(), teamload::v1::THEME_SOURCE_SURVEY);
}

TEST(NarrativeTest, WriteUpThemesRecurAcrossTeamsWithTheirWriteUps) {
  HistoryBuilder a, b;
  a.Oops(kAsOf - absl::Hours(24 * 20), kAsOf - absl::Hours(24 * 19),
         "Only one engineer knew the payment retries had to be paused before "
         "the migration, and nobody else had heard of it");
  b.Oops(kAsOf - absl::Hours(24 * 10), kAsOf - absl::Hours(24 * 9),
         "The runbook for the search reindex was two years stale and the "
         "on-call did not know the cron job existed");
  config::TeamConfig alpha = analysis::testing::Team(), beta = alpha;
  alpha.name = "alpha", beta.name = "beta";
  ThemeTally tally;
  tally.AddTeam(alpha, analysis::Analyze(alpha, a.history(), kAsOf));
  tally.AddTeam(beta, analysis::Analyze(beta, b.history(), kAsOf));
  const teamload::v1::ListThemesResponse themes = tally.Result();
  ASSERT_EQ(themes.themes_size(), 1) << themes.DebugString();
  const teamload::v1::Theme& theme = themes.themes(0);
  EXPECT_EQ(theme.name(), "missing shared context");
  EXPECT_EQ(theme.source(), teamload::v1::THEME_SOURCE_WRITEUPS);
  EXPECT_THAT(theme.teams(), ::testing::ElementsAre("alpha", "beta"));
  ASSERT_EQ(theme.writeups_size(), 2);
  EXPECT_EQ(theme.writeups(0).team(), "alpha");
  EXPECT_THAT(theme.writeups(0).title(),
              ::testing::StartsWith("Only one engineer knew"));
  EXPECT_EQ(theme.writeups(1).team(), "beta");
  EXPECT_EQ(theme.writeups(1).id(), "oops:1");
}

}  // namespace
}  // namespace teamload::narrative
