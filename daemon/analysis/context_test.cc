#include "daemon/analysis/context.h"

#include <string>

#include "daemon/analysis/analyze.h"
#include "daemon/analysis/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using ::testing::ElementsAre;
using testing::HistoryBuilder;
using testing::kAsOf;
using testing::Team;

std::vector<std::string> Texts(const std::vector<model::AnnotationFact>& in) {
  std::vector<std::string> texts;
  for (const auto& note : in) texts.push_back(note.text);
  return texts;
}

TEST(ContextTest, TheWindowsAnnotationsNewestFirst) {
  HistoryBuilder b;
  b.Annotation(kAsOf - 2 * kWeek, "reorg: two people moved to platform")
      .Annotation(kAsOf - absl::Hours(1), "launch of the new checkout")
      .Annotation(kAsOf - kContextWindow, "too old: on the window's edge")
      .Annotation(kAsOf + absl::Hours(1), "after as_of")
      .Annotation(kAsOf - kContextWindow + absl::Seconds(1), "just inside");
  EXPECT_THAT(
      Texts(RecentAnnotations(b.history(), kAsOf)),
      ElementsAre("launch of the new checkout",
                  "reorg: two people moved to platform", "just inside"));
}

TEST(ContextTest, AtMostTheNewestTen) {
  HistoryBuilder b;
  for (int day = 1; day <= 12; ++day) {
    b.Annotation(kAsOf - absl::Hours(24 * day), "day " + std::to_string(day));
  }
  const auto notes = RecentAnnotations(b.history(), kAsOf);
  ASSERT_EQ(notes.size(), kMaxContextNotes);
  EXPECT_EQ(notes.front().text, "day 1");
  EXPECT_EQ(notes.back().text, "day 10");
}

// Annotations are context, never evidence: with or without them, the same
// findings at the same levels.
TEST(ContextTest, AnnotationsChangeNoFinding) {
  HistoryBuilder plain;
  for (int week = 0; week < 9; ++week)
    plain.DaytimePages(week, week == 0 ? 14 : 3);
  plain.Deferral("PAY-1", kAsOf - 3 * kWeek, 4);
  HistoryBuilder annotated = plain;
  annotated.Annotation(kAsOf - absl::Hours(30), "incident review week")
      .Annotation(kAsOf - 3 * kWeek, "two people on leave");
  const Analysis without = Analyze(Team(), plain.history(), kAsOf);
  const Analysis with = Analyze(Team(), annotated.history(), kAsOf);
  ASSERT_FALSE(without.findings.empty());
  ASSERT_EQ(with.findings.size(), without.findings.size());
  for (size_t i = 0; i < with.findings.size(); ++i) {
    EXPECT_EQ(with.findings[i].SerializeAsString(),
              without.findings[i].SerializeAsString());
  }
  EXPECT_TRUE(without.context.empty());
  EXPECT_THAT(Texts(with.context),
              ElementsAre("incident review week", "two people on leave"));
}

}  // namespace
}  // namespace teamload::analysis
