#include "daemon/themes/classifier.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::themes {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<Example> Small() {
  std::vector<Example> examples;
  for (const char* text :
       {"paged at night again", "woken up by the pager every night",
        "the pager went off at 3am", "night pages wreck my sleep",
        "on call was exhausting, pages all night"})
    examples.push_back({{"oncall_fatigue"}, text});
  for (const char* text :
       {"the lunch is good", "nice quarter", "more pairing please",
        "not paged at night at all", "pager was quiet, slept fine"})
    examples.push_back({{"none"}, text});
  return examples;
}

TEST(ClassifierTest, LearnsFromExamplesAndNeverReportsNone) {
  absl::StatusOr<std::unique_ptr<Classifier>> classifier =
      Classifier::Train(Small(), Classifier::Options());
  ASSERT_TRUE(classifier.ok()) << classifier.status();
  EXPECT_THAT((*classifier)->Labels("paged at night again"),
              ElementsAre("oncall_fatigue"));
  EXPECT_THAT((*classifier)->Labels("the lunch is good"), IsEmpty());
}

TEST(ClassifierTest, TrainingTwiceGivesTheSameScores) {
  auto a = Classifier::Train(Small(), Classifier::Options());
  auto b = Classifier::Train(Small(), Classifier::Options());
  ASSERT_TRUE(a.ok() && b.ok());
  for (const char* text : {"the pager at night", "lunch", "", "not paged"})
    EXPECT_EQ((*a)->Scores(text), (*b)->Scores(text)) << text;
}

TEST(ClassifierTest, RefusesExamplesOfOneLabel) {
  EXPECT_EQ(Classifier::Train({{{"none"}, "fine"}}, Classifier::Options())
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace teamload::themes
