#include "cli/table.h"

#include "gtest/gtest.h"

namespace teamload::cli {
namespace {

TEST(TableTest, AlignsColumnsAndTrimsTrailingSpace) {
  Table table({"TEAM", "PAGES", "NOTE"});
  table.AddRow({"payments", "14", ""});
  table.AddRow({"qa", "3", "quiet"});
  EXPECT_EQ(table.Render(),
            "TEAM      PAGES  NOTE\n"
            "payments  14\n"
            "qa        3      quiet\n");
}

}  // namespace
}  // namespace teamload::cli
