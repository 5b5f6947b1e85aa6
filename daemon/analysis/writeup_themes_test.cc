#include "daemon/analysis/writeup_themes.h"

#include "daemon/analysis/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::analysis {
namespace {

using ::testing::ElementsAre;
using testing::HistoryBuilder;
using ::testing::IsEmpty;
using testing::kAsOf;
using testing::Team;

constexpr absl::Duration kDay = absl::Hours(24);

Findings Detect(const HistoryBuilder& b) {
  Findings out;
  DetectWriteupThemes({Team(), b.history(), kAsOf}, out);
  return out;
}

TEST(WriteupThemesTest, AThemeInTwoOfTheTeamsWriteUpsRecurs) {
  HistoryBuilder b;
  b.Oops(kAsOf - 40 * kDay, kAsOf - 30 * kDay,
         "Only Priya knew the cache had to be warmed before failover, and she "
         "was on leave")
      .Oops(kAsOf - 10 * kDay, kAsOf - 5 * kDay,
            "The runbook for the ledger rotation was two years stale and the "
            "responder did not know the job existed")
      .Oops(kAsOf - 3 * kDay, kAsOf - 2 * kDay,
            "Disk failed on a replica; automation replaced it as designed");
  const Findings out = Detect(b);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].detector(), "writeup_themes");
  EXPECT_EQ(out[0].level(), teamload::v1::LEVEL_INFO);
  EXPECT_THAT(out[0].summary(),
              ::testing::StartsWith(
                  "2 write-ups in the last 16 weeks show missing shared "
                  "context: \"Only Priya knew"));
  EXPECT_THAT(out[0].evidence().signal_ids(), ElementsAre("oops:1", "oops:2"));
}

TEST(WriteupThemesTest, ATitleSeveralWriteUpsShareIsQuotedOnceWithItsCount) {
  const std::string title =
      "Only Priya knew the cache had to be warmed before failover, and she "
      "was on leave";
  HistoryBuilder b;
  b.Oops(kAsOf - 40 * kDay, kAsOf - 30 * kDay, title)
      .Oops(kAsOf - 20 * kDay, kAsOf - 15 * kDay,
            "The runbook for the ledger rotation was two years stale and the "
            "responder did not know the job existed")
      .Oops(kAsOf - 10 * kDay, kAsOf - 5 * kDay, title);
  const Findings out = Detect(b);
  ASSERT_FALSE(out.empty());  // missing shared context, first in the catalog
  EXPECT_EQ(out[0].summary(),
            absl::StrCat("3 write-ups in the last 16 weeks show missing "
                         "shared context: \"",
                         title,
                         "\" (2 write-ups), \"The runbook for the ledger "
                         "rotation was two years stale and the responder did "
                         "not know the job existed\"."));
  EXPECT_EQ(out[0].evidence().signal_ids_size(), 3);
}

TEST(WriteupThemesTest, OneWriteUpOrOldOnesDoNotRecur) {
  HistoryBuilder b;
  b.Oops(kAsOf - 200 * kDay, kAsOf - 190 * kDay,
         "Nobody on call knew the batch job depended on the old DNS name")
      .Oops(kAsOf - 10 * kDay, kAsOf - 5 * kDay,
            "The runbook was stale and the responder did not know the job "
            "existed");
  EXPECT_THAT(Detect(b), IsEmpty());
}

}  // namespace
}  // namespace teamload::analysis
