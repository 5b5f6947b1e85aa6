#include "daemon/config/retention_section.h"

#include "absl/strings/str_cat.h"
#include "daemon/config/config.h"
#include "daemon/config/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::config {
namespace {

using ::teamload::config::testing::BadInput;
using ::teamload::config::testing::ExpectRefused;
using ::testing::ElementsAre;
using ::testing::Pair;

absl::StatusOr<Config> Parse(absl::string_view retention) {
  return ParseConfig(absl::StrCat("store: sqlite:t.db\n", retention, "\n",
                                  testing::kPaymentsAndSearch),
                     "/etc/teamload/teamload.yaml");
}

TEST(RetentionSectionTest, SurveyNotesAreKept400DaysByDefault) {
  absl::StatusOr<Config> config = Parse("");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_THAT(config->retention,
              ElementsAre(Pair("survey_note", absl::Hours(24 * 400))));
}

TEST(RetentionSectionTest, KindsNamedOverTheDefaultZeroAndForeverKeep) {
  absl::StatusOr<Config> config =
      Parse("retention: {survey_note: 90d, oops: 730d, page: 0}");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_THAT(config->retention,
              ElementsAre(Pair("oops", absl::Hours(24 * 730)),
                          Pair("survey_note", absl::Hours(24 * 90))));
  config = Parse("retention:\n  survey_note: forever");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_THAT(config->retention, ::testing::IsEmpty());
}

class RetentionRefusedTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(RetentionRefusedTest, NamesTheField) {
  absl::StatusOr<Config> config = Parse(GetParam().text);
  ASSERT_FALSE(config.ok());
  ExpectRefused(config.status(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Bad, RetentionRefusedTest,
    ::testing::Values(
        BadInput{"retention: 400d",
                 "teamload.yaml:2:12: retention: must be a map of signal kind "
                 "to period"},
        BadInput{"retention: {survey: 400d}",
                 "retention.survey: unknown key (expected one of: page, oops, "
                 "deferral, survey_note)"},
        BadInput{"retention: {survey_note: 400}",
                 "retention.survey_note: \"400\" is not a period: write whole "
                 "days such as 400d, or 0 or forever to keep every "
                 "survey_note"},
        BadInput{"retention: {oops: 1y}",
                 "retention.oops: \"1y\" is not a period"},
        BadInput{"retention: {oops: -3d}",
                 "retention.oops: -3d is out of range 1d..36500d (0 or "
                 "forever keeps every oops)"},
        BadInput{"retention: {page: [1d]}", "retention.page: "}));

}  // namespace
}  // namespace teamload::config
