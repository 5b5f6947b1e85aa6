#include "collectors/survey/survey_csv.h"

#include "collectors/common/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::survey {
namespace {

using ::testing::_;
using ::testing::ElementsAre;
using ::testing::FieldsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kWorkload[] = "How sustainable is your workload?";
constexpr char kRested[] = "How rested are you before on-call?";
constexpr char kBlockers[] = "What gets in your way?";
const RespondentHasher& Hasher() {
  static const auto* hasher =
      new RespondentHasher("0123456789abcdef-test-salt");
  return *hasher;
}
constexpr char kAna[] = "0866986af56874fc";  // Hasher().Hash("ana@example.com")

SurveyColumns Columns() {
  return {.team = "Team",
          .respondent = "Email Address",
          .submitted = "Timestamp",
          .likert = {kWorkload, kRested},
          .text = {kBlockers},
          .submitted_format = "%m/%d/%Y %H:%M:%S"};
}

SurveyParse ParseFixture() {
  return ParseSurvey(testing::Fixture("survey/pulse-2026-11.csv"),
                     "pulse-2026-11.csv", Columns(), Hasher());
}

TEST(SurveyCsvTest, ReadsEveryResponseAndReportsBadCellsByLineAndColumn) {
  SurveyParse parsed = ParseFixture();
  EXPECT_THAT(
      parsed.errors,
      ElementsAre(
          testing::ErrorAt(
              "pulse-2026-11.csv:3: column \"How sustainable is your "
              "workload?\"",
              "\"six\" is not an answer from 1 to 5"),
          testing::ErrorAt("pulse-2026-11.csv:8: column \"Email Address\"",
                           "is empty")));
  ASSERT_EQ(parsed.responses.size(), 5u);

  const Response& ana = parsed.responses[0];
  EXPECT_EQ(ana.line, 2);
  EXPECT_EQ(ana.team, "Payments");
  EXPECT_EQ(ana.respondent, kAna);
  EXPECT_EQ(ana.submitted,
            absl::FromCivil(absl::CivilSecond(2026, 11, 2, 9, 14, 3),
                            absl::UTCTimeZone()));
  // Each answer: question, score (Likert only), text (free text only).
  EXPECT_THAT(ana.answers,
              ElementsAre(FieldsAre(kWorkload, 2, ""), FieldsAre(kRested, 3, _),
                          FieldsAre(kBlockers, 0,
                                    "Too many pages at night, and the deploy "
                                    "freeze keeps slipping.")));

  // The bad Likert answer is dropped; the rest of the row still counts.
  const Response& bo = parsed.responses[1];
  EXPECT_EQ(bo.line, 3);
  EXPECT_THAT(
      bo.answers,
      ElementsAre(
          FieldsAre(kRested, 4, _),
          FieldsAre(
              _, _,
              "Constant interruptions;\r\nno time to fix the flaky alerts")));

  const Response& cy = parsed.responses[2];
  EXPECT_EQ(cy.line, 5);
  EXPECT_EQ(cy.team, "Search");
  ASSERT_EQ(cy.answers.size(), 1u) << "unanswered questions make no notes";
  EXPECT_EQ(cy.answers[0].score, 4);

  EXPECT_EQ(parsed.responses[3].line, 6);
  EXPECT_EQ(parsed.responses[3].respondent, kAna) << "same person, any case";
  EXPECT_EQ(parsed.responses[4].team, "Platfrom");
}

TEST(SurveyCsvTest, MakesOneNoteAnAnswerWithStableIds) {
  SurveyParse parsed = ParseFixture();
  ASSERT_EQ(parsed.responses.size(), 5u);
  std::string unmapped;
  std::vector<v1::Signal> notes = ToSignals(
      parsed.responses[0], "pulse-2026-11", testing::Mapping(), &unmapped);
  EXPECT_THAT(unmapped, IsEmpty());
  ASSERT_EQ(notes.size(), 3u);
  const v1::Signal& workload = notes[0];
  EXPECT_EQ(workload.id(), std::string("survey:pulse-2026-11:") + kAna + ":" +
                               ShortDigest(kWorkload));
  EXPECT_EQ(workload.team(), "payments");
  EXPECT_EQ(workload.source(), "survey");
  EXPECT_EQ(workload.occurred_at().seconds(), 1'793'610'843);  // 11/2 9:14:03Z
  EXPECT_EQ(workload.survey_note().survey(), "pulse-2026-11");
  EXPECT_EQ(workload.survey_note().respondent(), kAna);
  EXPECT_EQ(workload.survey_note().question(), kWorkload);
  EXPECT_EQ(workload.survey_note().score(), 2);
  EXPECT_EQ(workload.survey_note().text(), "");
  EXPECT_EQ(notes[2].survey_note().score(), 0);
  EXPECT_EQ(notes[2].survey_note().text(),
            "Too many pages at night, and the deploy freeze keeps slipping.");

  // Answering again keeps the ids: a revision, not a second respondent.
  std::vector<v1::Signal> again = ToSignals(
      parsed.responses[3], "pulse-2026-11", testing::Mapping(), &unmapped);
  ASSERT_EQ(again.size(), 3u);
  EXPECT_EQ(again[0].id(), workload.id());
  EXPECT_EQ(again[0].survey_note().score(), 1);

  EXPECT_THAT(ToSignals(parsed.responses[4], "pulse-2026-11",
                        testing::Mapping(), &unmapped),
              IsEmpty());
  EXPECT_EQ(unmapped, "Platfrom");
}

TEST(SurveyCsvTest, TheRawRespondentNeverLeaves) {
  SurveyParse parsed = ParseFixture();
  for (const RecordError& error : parsed.errors) {
    EXPECT_THAT(error.where + error.reason, Not(HasSubstr("example.com")));
  }
  std::string unmapped;
  for (const Response& response : parsed.responses) {
    for (const v1::Signal& note :
         ToSignals(response, "pulse-2026-11", testing::Mapping(), &unmapped)) {
      EXPECT_THAT(note.DebugString(), Not(HasSubstr("example.com")));
      EXPECT_THAT(note.DebugString(), Not(HasSubstr("@")));
    }
  }
}

TEST(SurveyCsvTest, NamesMissingColumnsAndSkipsTheFile) {
  SurveyColumns columns = Columns();
  columns.text = {"Comments"};
  SurveyParse parsed = ParseSurvey(
      "Timestamp,Email Address,Team,How sustainable is your workload?,How "
      "rested are you before on-call?\n2026-11-02T09:00:00Z,a@x,Payments,3,3\n",
      "p.csv", columns, Hasher());
  EXPECT_THAT(parsed.responses, IsEmpty());
  EXPECT_THAT(parsed.errors,
              ElementsAre(testing::ErrorAt(
                  "p.csv",
                  "no column \"Comments\" (the header has: Timestamp, "
                  "Email Address, Team, How sustainable is your "
                  "workload?, How rested are you before on-call?)")));
}

TEST(SurveyCsvTest, SkipsRowsItCannotPlaceInTime) {
  SurveyParse parsed = ParseSurvey(
      "Timestamp,Email Address,Team,How sustainable is your workload?,How "
      "rested are you before on-call?,What gets in your way?\n"
      "yesterday,a@x,Payments,3,3,\n"
      "2026-11-02 09:00:00,a@x,,3,3,\n"
      "2026-11-02T09:00:00+01:00,a@x,Payments,0,5,\n",
      "p.csv", Columns(), Hasher());
  EXPECT_THAT(
      parsed.errors,
      ElementsAre(testing::ErrorAt(
                      "p.csv:2: column \"Timestamp\"",
                      "\"yesterday\" is not a timestamp (%m/%d/%Y %H:%M:%S, "
                      "RFC 3339, or epoch milliseconds or nanoseconds)"),
                  testing::ErrorAt("p.csv:3: column \"Team\"", "is empty"),
                  testing::ErrorAt(
                      "p.csv:4: column \"How sustainable is your workload?\"",
                      "\"0\" is not an answer from 1 to 5")));
  ASSERT_EQ(parsed.responses.size(), 1u);
  EXPECT_EQ(parsed.responses[0].submitted,
            absl::FromUnixSeconds(1'793'606'400));  // 08:00Z
  EXPECT_EQ(SurveyNameOf("exports/pulse-2026-11.csv"), "pulse-2026-11");
}

}  // namespace
}  // namespace teamload::collectors::survey
