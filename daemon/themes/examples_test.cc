#include "daemon/themes/examples.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::themes {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ExamplesTest, ReadsLabelsAndTextSkippingCommentsAndBlankLines) {
  absl::StatusOr<std::vector<Example>> examples = ParseExamples(
      "# on-call\n"
      "__label__oncall_fatigue   paged at 3am again\n"
      "\n"
      "__label__time_pressure __label__tooling_friction CI is slow, no time\n",
      "survey.txt");
  ASSERT_TRUE(examples.ok()) << examples.status();
  ASSERT_EQ(examples->size(), 2u);
  EXPECT_THAT((*examples)[0].labels, ElementsAre("oncall_fatigue"));
  EXPECT_EQ((*examples)[0].text, "paged at 3am again");
  EXPECT_THAT((*examples)[1].labels,
              ElementsAre("time_pressure", "tooling_friction"));
  EXPECT_EQ((*examples)[1].text, "CI is slow, no time");
}

TEST(ExamplesTest, NamesTheLineAndTheRule) {
  EXPECT_THAT(ParseExamples("__label__none ok\npaged again\n", "s.txt")
                  .status()
                  .message(),
              HasSubstr("s.txt:2: an example starts with __label__NAME"));
  EXPECT_THAT(ParseExamples("__label__none\n", "s.txt").status().message(),
              HasSubstr("s.txt:1: an example needs text after its labels"));
  EXPECT_THAT(
      ParseExamples("__label__On-Call tired\n", "s.txt").status().message(),
      HasSubstr("s.txt:1: label \"On-Call\" is not lower-case"));
}

TEST(ExamplesTest, TheBuiltInCorpusParses) {
  for (absl::string_view corpus :
       {BuiltinSurveyExamples(), BuiltinWriteupExamples()}) {
    absl::StatusOr<std::vector<Example>> examples =
        ParseExamples(corpus, "builtin");
    ASSERT_TRUE(examples.ok()) << examples.status();
    EXPECT_FALSE(examples->empty());
  }
}

}  // namespace
}  // namespace teamload::themes
