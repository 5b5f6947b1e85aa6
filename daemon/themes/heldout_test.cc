// The built-in themes scored on the held-out set (daemon/themes/heldout/,
// written apart from the corpus and never trained on): the figures
// bench/README.md records ("Themes") must not get worse. The issue's
// targets (recall >= 0.85 and precision >= 0.9 for every theme, no false
// alarm) are not all met yet; these floors are the figures reached, so a
// change to the corpus, the features or the options that loses ground
// fails here.
#include <fstream>
#include <sstream>

#include "daemon/themes/evaluation.h"
#include "daemon/themes/reader.h"
#include "gtest/gtest.h"

namespace teamload::themes {
namespace {

std::vector<Example> HeldOut(const std::string& name) {
  const std::string path =
      std::string(TEAMLOAD_SOURCE_DIR) + "/daemon/themes/heldout/" + name;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<std::vector<Example>> examples =
      ParseExamples(text.str(), path);
  EXPECT_TRUE(examples.ok()) << examples.status();
  return examples.ok() ? *examples : std::vector<Example>{};
}

struct Floor {
  const char* file;
  config::ThemeSource source;
  double macro_f1;
  double min_precision;
  double min_recall;
  double false_alarm_share;
};

class HeldOutTest : public ::testing::TestWithParam<Floor> {};

TEST_P(HeldOutTest, ScoresNoWorseThanRecorded) {
  const Floor& floor = GetParam();
  const std::vector<Example> examples = HeldOut(floor.file);
  ASSERT_GT(examples.size(), 150u);
  const Evaluation e =
      Evaluate(Reader::Builtin().classifier(floor.source), examples);
  EXPECT_GE(e.MacroF1(), floor.macro_f1);
  for (const auto& [label, score] : e.labels) {
    EXPECT_GE(score.precision(), floor.min_precision) << label;
    EXPECT_GE(score.recall(), floor.min_recall) << label;
  }
  EXPECT_LE(e.false_alarms, floor.false_alarm_share * e.none)
      << e.false_alarms << " of " << e.none;
}

INSTANTIATE_TEST_SUITE_P(
    Sources, HeldOutTest,
    ::testing::Values(Floor{"survey.txt", config::ThemeSource::kSurvey, 0.79,
                            0.75, 0.55, 0.12},
                      Floor{"writeups.txt", config::ThemeSource::kWriteup, 0.82,
                            0.80, 0.65, 0.15}),
    [](const auto& info) {
      return std::string(info.param.source == config::ThemeSource::kSurvey
                             ? "Survey"
                             : "Writeups");
    });

}  // namespace
}  // namespace teamload::themes
