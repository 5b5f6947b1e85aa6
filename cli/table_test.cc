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

TEST(TableTest, ShowsControlCharactersEscaped) {
  Table table({"TEAM", "HEADLINE"});
  table.AddRow({"pay\x1b]0;owned\x07", "ok\rPages \xe2\x80\xaerose\nx"});
  EXPECT_EQ(table.Render(),
            "TEAM                 HEADLINE\n"
            "pay\\x1b]0;owned\\x07  ok\\rPages \\u202erose\\nx\n");
}

}  // namespace
}  // namespace teamload::cli
