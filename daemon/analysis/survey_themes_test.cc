#include "daemon/analysis/survey_themes.h"

#include "daemon/analysis/lexicon.h"
#include "daemon/analysis/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using ::testing::HasSubstr;
using testing::HistoryBuilder;
using ::testing::IsEmpty;
using testing::kAsOf;
using testing::Team;

constexpr absl::Duration kDay = absl::Hours(24);

Findings Detect(const HistoryBuilder& b,
                const config::TeamConfig& team = Team()) {
  Findings out;
  DetectSurveyThemes({team, b.history(), kAsOf}, out);
  return out;
}

// `people` respondents, the first `tired` of whom wrote about on-call nights.
HistoryBuilder Survey(int people, int tired) {
  HistoryBuilder b;
  for (int i = 0; i < people; ++i) {
    b.Note("pulse-11", "r" + std::to_string(i),
           i < tired ? "Woken up by the pager twice this week" : "Fine, thanks",
           3);
  }
  return b;
}

TEST(LexiconTest, StemmingMatchesWordForms) {
  const auto theme_names = [](const std::string& text) {
    std::vector<std::string> names;
    for (int t : ThemesRaisedBy(text)) names.push_back(Themes()[t].name);
    return names;
  };
  EXPECT_THAT(theme_names("I feel overloaded"),
              ::testing::ElementsAre("time pressure"));
  EXPECT_THAT(theme_names("Overloading everyone, deadlines everywhere"),
              ::testing::ElementsAre("time pressure"));
  EXPECT_THAT(theme_names("Nobody knows how the ledger works"),
              ::testing::ElementsAre("missing shared context"));
  EXPECT_THAT(theme_names("The on-call rotation is exhausting"),
              ::testing::ElementsAre("on-call fatigue"));
  EXPECT_THAT(theme_names("Builds are FLAKY and I am thinking about leaving"),
              ::testing::ElementsAre("tooling friction", "intent to leave"));
  EXPECT_THAT(theme_names("People get blamed for outages"),
              ::testing::ElementsAre("low psychological safety"));
  EXPECT_THAT(theme_names("All good, nice team"), IsEmpty());
}

TEST(SurveyThemesTest, OneRespondentIsNotATheme) {
  EXPECT_THAT(Detect(Survey(6, 1)), IsEmpty());
}

TEST(SurveyThemesTest, TwoRespondentsIsWatchAndFortyPercentIsAttention) {
  const Findings two = Detect(Survey(6, 2));  // 33 %
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0].level(), teamload::v1::LEVEL_WATCH);
  EXPECT_EQ(two[0].boundary(), teamload::v1::BOUNDARY_WORKLOAD);
  EXPECT_EQ(two[0].summary(),
            "2 of 6 respondents in pulse-11 raised on-call fatigue.");
  const Findings forty = Detect(Survey(5, 2));  // exactly 40 %
  ASSERT_EQ(forty.size(), 1u);
  EXPECT_EQ(forty[0].level(), teamload::v1::LEVEL_ATTENTION);
}

TEST(SurveyThemesTest, QuotesOnlyWithFiveRespondentsAndNeverNamesAnyone) {
  const Findings four = Detect(Survey(4, 2));
  ASSERT_EQ(four.size(), 1u);
  EXPECT_THAT(four[0].evidence().quotes(), IsEmpty());
  EXPECT_THAT(four[0].summary(),
              HasSubstr("(too few respondents to quote anyone)"));

  const Findings five = Detect(Survey(5, 2));
  ASSERT_EQ(five.size(), 1u);
  EXPECT_THAT(five[0].evidence().quotes(),
              ::testing::ElementsAre("Woken up by the pager twice this week",
                                     "Woken up by the pager twice this week"));
  for (const Findings& out : {four, five}) {
    const std::string all = out[0].DebugString();
    EXPECT_THAT(all, ::testing::Not(HasSubstr("r0")));
    EXPECT_THAT(all, ::testing::Not(HasSubstr("r1")));
  }
}

TEST(SurveyThemesTest, TheQuoteThresholdIsConfigurableButNeverBelowThree) {
  config::TeamConfig team = Team();
  team.analysis.quote_min_respondents = 4;
  EXPECT_THAT(Detect(Survey(4, 2), team)[0].evidence().quotes(),
              ::testing::SizeIs(2));
  team.analysis.quote_min_respondents =
      1;  // the config refuses this; the detector too
  EXPECT_THAT(Detect(Survey(2, 2), team)[0].evidence().quotes(), IsEmpty());
}

TEST(SurveyThemesTest, AnswersFallingByExactlyHalfAPointCount) {
  // Means of 13/6 and 10/6 differ by exactly 0.5.
  HistoryBuilder b;
  for (int score : {3, 2, 2, 2, 2, 2})
    b.Note("pulse-10", "p", "ok", score, kAsOf - 30 * kDay);
  for (int score : {2, 2, 2, 2, 1, 1}) b.Note("pulse-11", "p", "ok", score);
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].summary(),
            "The mean answer fell from 2.2 to 1.7 (of 5) between pulse-10 and "
            "pulse-11.");
  // 0.49 is not a fall.
  HistoryBuilder c;
  for (int score : {3, 2, 2, 2, 2, 2})
    c.Note("pulse-10", "p", "ok", score, kAsOf - 30 * kDay);
  for (int score : {2, 2, 2, 2, 2, 1}) c.Note("pulse-11", "p", "ok", score);
  EXPECT_THAT(Detect(c), IsEmpty());
}

TEST(SurveyThemesTest, OnePersonsThemeIsNeverReportedWhateverTheConfig) {
  config::TeamConfig team = Team();
  team.analysis.theme_watch_respondents =
      1;  // the config refuses this; the detector too
  EXPECT_THAT(Detect(Survey(6, 1), team), IsEmpty());
}

TEST(SurveyThemesTest, FallingAnswersAndSurveySilence) {
  HistoryBuilder b;
  const absl::Time before = kAsOf - 30 * kDay;
  for (int i = 0; i < 6; ++i)
    b.Note("pulse-10", "r" + std::to_string(i), "ok", 4, before);
  b.Note("pulse-11", "r0", "meh", 3).Note("pulse-11", "r1", "meh", 3);
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].summary(),
            "The mean answer fell from 4.0 to 3.0 (of 5) between pulse-10 and "
            "pulse-11.");
  EXPECT_EQ(out[1].summary(),
            "Only 2 people answered pulse-11, down from 6 in pulse-10: people "
            "who stop "
            "answering may have stopped expecting to be heard.");
  EXPECT_EQ(out[1].boundary(), teamload::v1::BOUNDARY_SAFETY);
}

}  // namespace
}  // namespace teamload::analysis
