#include "daemon/analysis/survey_themes.h"

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

std::string Person(int i) { return "r" + std::to_string(i); }

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

TEST(SurveyThemesTest, OneRespondentIsNotATheme) {
  EXPECT_THAT(Detect(Survey(6, 1)), IsEmpty());
}

TEST(SurveyThemesTest, TwoRespondentsIsWatchAndFortyPercentIsAttention) {
  const Findings two = Detect(Survey(10, 3));  // 30 %
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0].level(), teamload::v1::LEVEL_WATCH);
  EXPECT_EQ(two[0].boundary(), teamload::v1::BOUNDARY_WORKLOAD);
  EXPECT_EQ(two[0].summary(),
            "3 of 10 respondents in pulse-11 raised on-call fatigue.");
  const Findings forty = Detect(Survey(5, 2));  // exactly 40 %
  ASSERT_EQ(forty.size(), 1u);
  EXPECT_EQ(forty[0].level(), teamload::v1::LEVEL_ATTENTION);
}

TEST(SurveyThemesTest, BelowFiveRespondentsNothingDerivedFromTheAnswers) {
  // Four alarmed people: no theme, no quote, no count; the story says why.
  HistoryBuilder b = Survey(4, 4);
  Findings out;
  const std::vector<SurveyReading> read =
      DetectSurveyThemes({Team(), b.history(), kAsOf}, out);
  EXPECT_THAT(out, IsEmpty());
  ASSERT_EQ(read.size(), 1u);
  EXPECT_TRUE(read[0].withheld());
  EXPECT_EQ(read[0].respondents, 4);
  const auto spots = WithheldSurveys(Team().analysis, read);
  ASSERT_EQ(spots.size(), 1u);
  EXPECT_EQ(spots[0].source(), "survey answers");
  EXPECT_EQ(spots[0].summary(),
            "Only 4 people answered pulse-11, fewer than 5: what they wrote "
            "and scored is withheld so that no one's answer can be told "
            "apart.");
}

TEST(SurveyThemesTest, QuotesAndCitesTheAnswersButNeverNamesAnyone) {
  const Findings five = Detect(Survey(5, 2));
  ASSERT_EQ(five.size(), 1u);
  EXPECT_THAT(five[0].evidence().quotes(),
              ::testing::ElementsAre("Woken up by the pager twice this week",
                                     "Woken up by the pager twice this week"));
  // Quoted, not cited by id: an id carries the respondent's pseudonym.
  EXPECT_THAT(five[0].evidence().signal_ids(), IsEmpty());
}

TEST(SurveyThemesTest, AnswersCountInWholeGroupsSoTwoMomentsNeverDifferByOne) {
  // r0..r6 answer an hour apart; r5 and r6 wrote about the pager. As of
  // after r6, only the first 5 count: r5 and r6's answers do not show, and
  // a reading one answer earlier says the same.
  HistoryBuilder b;
  const absl::Time start = kAsOf - absl::Hours(24);
  for (int i = 0; i < 7; ++i) {
    b.Note("pulse-11", "r" + std::to_string(i),
           i >= 5 ? "Woken up by the pager twice this week" : "Fine, thanks", 3,
           start + absl::Hours(i));
  }
  for (const absl::Time as_of : {start + absl::Hours(5), kAsOf}) {
    Findings out;
    const auto read = DetectSurveyThemes({Team(), b.history(), as_of}, out);
    ASSERT_EQ(read.size(), 1u);
    EXPECT_EQ(read[0].counted, 5);
    EXPECT_THAT(out, IsEmpty()) << absl::FormatTime(as_of);
  }
  // Three more answers make ten: every answer counts, the pager shows.
  for (int i = 7; i < 10; ++i)
    b.Note("pulse-11", "r" + std::to_string(i), "Fine", 3,
           start + absl::Hours(i));
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].summary(),
            "2 of 10 respondents in pulse-11 raised on-call fatigue.");
}

TEST(SurveyThemesTest, NegatedAnswersRaiseNothing) {
  HistoryBuilder b;
  const char* answers[] = {"I'm not tired at all, on-call is calm",
                           "Never been blamed for anything here",
                           "No longer scared to speak up in retros",
                           "not worn out, and not afraid to say what I think",
                           "Honestly the pager hasn't woken me up in months"};
  for (int i = 0; i < 5; ++i)
    b.Note("pulse-11", "r" + std::to_string(i), answers[i]);
  EXPECT_THAT(Detect(b), IsEmpty());
}

TEST(SurveyThemesTest, ParaphrasesOfOneThemeAreOneTheme) {
  HistoryBuilder b;
  const char* answers[] = {
      "What we need to know lives in two people's heads",
      "If Marta left tomorrow nobody could run the billing jobs",
      "none of it is written down anywhere",
      "we rely on whoever remembers how the ledger was set up",
      "there is no doc for half our services, you have to ask Sam",
      "Fine, thanks",
      "Fine, thanks",
      "All good"};
  for (int i = 0; i < 8; ++i)
    b.Note("pulse-11", "r" + std::to_string(i), answers[i]);
  // 8 answered, 5 count: the first five, who all said it in their own
  // words. The classifier need not catch every one for the theme to show.
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_THAT(out[0].summary(),
              ::testing::MatchesRegex("[45] of 5 respondents in pulse-11 "
                                      "raised missing shared context \\(8 "
                                      "answered;.*"));
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_ATTENTION);
  EXPECT_EQ(out[0].boundary(), teamload::v1::BOUNDARY_SAFETY);
}

TEST(SurveyThemesTest, AnswersFallingByExactlyHalfAPointCount) {
  // Ten people each time (two whole groups of 5): means of 3.0 and 2.5.
  const auto surveys = [](int twos_after) {
    HistoryBuilder b;
    for (int i = 0; i < 10; ++i)
      b.Note("pulse-10", Person(i), "ok", 3, kAsOf - 30 * kDay);
    for (int i = 0; i < 10; ++i)
      b.Note("pulse-11", Person(i), "ok", i < twos_after ? 2 : 3);
    return b;
  };
  const Findings out = Detect(surveys(5));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].summary(),
            "The mean answer fell from 3.0 to 2.5 (of 5) between pulse-10 and "
            "pulse-11.");
  EXPECT_THAT(Detect(surveys(4)), IsEmpty());  // 0.4 is not a fall
}

TEST(SurveyThemesTest, OnePersonsThemeIsNeverReportedWhateverTheConfig) {
  config::TeamConfig team = Team();
  team.analysis.theme_watch_respondents =
      1;  // the config refuses this; the detector too
  EXPECT_THAT(Detect(Survey(6, 1), team), IsEmpty());
}

TEST(SurveyThemesTest, TwoAnswersShowOnlyThatFewerAnswered) {
  HistoryBuilder b;
  const absl::Time before = kAsOf - 30 * kDay;
  for (int i = 0; i < 6; ++i)
    b.Note("pulse-10", "r" + std::to_string(i), "ok", 4, before);
  b.Note("pulse-11", "r0", "meh", 3).Note("pulse-11", "r1", "meh", 3);
  // Their mean fell from 4.0 to 3.0, but two answers are not reported.
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].summary(),
            "Only 2 people answered pulse-11, down from 6 in pulse-10: people "
            "who stop answering may have stopped expecting to be heard.");
  EXPECT_EQ(out[0].boundary(), teamload::v1::BOUNDARY_SAFETY);
}

}  // namespace
}  // namespace teamload::analysis
