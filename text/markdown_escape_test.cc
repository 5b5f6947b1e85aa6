#include "text/markdown_escape.h"

#include <string>

#include "gtest/gtest.h"

namespace teamload::text {
namespace {

struct Case {
  std::string name;
  std::string input;
  std::string markdown;
};

class MarkdownTextTest : public testing::TestWithParam<Case> {};

TEST_P(MarkdownTextTest, EscapesWhatMarkdownWouldRead) {
  EXPECT_EQ(MarkdownText(GetParam().input), GetParam().markdown);
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, MarkdownTextTest,
    testing::Values(
        Case{"plain_prose_unchanged",
             "Open deferred work rose from 2 to 9 items (+1 a week, p = "
             "0.001); oldest open: DDT-3 \"split auth\", 73 days.",
             "Open deferred work rose from 2 to 9 items (+1 a week, p = "
             "0.001); oldest open: DDT-3 \"split auth\", 73 days."},
        Case{"script_tag", "<script>alert(1)</script>",
             "\\<script\\>alert(1)\\</script\\>"},
        Case{"img_onerror", "<img src=x onerror=alert(1)>",
             "\\<img src=x onerror=alert(1)\\>"},
        Case{"entity", "&lt;b&gt; &amp;", "\\&lt;b\\&gt; \\&amp;"},
        Case{"link_and_image", "[click](javascript:x) ![i](http://e/x.png)",
             "\\[click\\](javascript:x) !\\[i\\](http://e/x.png)"},
        Case{"autolink", "<http://evil.example>", "\\<http://evil.example\\>"},
        Case{"emphasis", "*bold* _it_ **x** ~~gone~~",
             "\\*bold\\* \\_it\\_ \\*\\*x\\*\\* \\~\\~gone\\~\\~"},
        Case{"intraword_underscores_kept", "deferral_drift-team snake__case",
             "deferral_drift-team snake__case"},
        Case{"underscore_at_edges", "_a b_ c_ _d", "\\_a b\\_ c\\_ \\_d"},
        Case{"backticks", "a `code` b", "a \\`code\\` b"},
        Case{"heading_start", "# Title #", "\\# Title \\#"},
        Case{"quote_start", "> quoted", "\\> quoted"},
        Case{"bullet_starts", "- item", "\\- item"},
        Case{"plus_start", "+ item", "\\+ item"},
        Case{"setext_start", "===", "\\==="},
        Case{"ordered_start", "12. item", "12\\. item"},
        Case{"ordered_paren_start", "3) item", "3\\) item"},
        Case{"number_not_a_list", "3 of 6 said 1. and 2)",
             "3 of 6 said 1. and 2)"},
        Case{"dash_inside_kept", "DDT-3 - split", "DDT-3 - split"},
        Case{"code_fence", "~~~ and ```", "\\~\\~\\~ and \\`\\`\\`"},
        Case{"indented_code_trimmed", "      code", "code"},
        Case{"table_pipe", "a | b", "a \\| b"},
        Case{"backslash_before_punctuation", "C:\\*.txt", "C:\\\\\\*.txt"},
        Case{"backslash_before_letter_kept", "C:\\temp", "C:\\temp"},
        Case{"trailing_backslash", "end\\", "end\\\\"},
        Case{"newlines_collapsed", "first\nsecond\r\n# third",
             "first second \\# third"},
        Case{"newline_then_list", "ok\n- injected", "ok - injected"},
        Case{"controls_shown", "db\x1b[2J\x07\rdown",
             "db\\x1b\\[2J\\x07\\rdown"},
        Case{"bidi_shown",
             "a\xe2\x80\xae"
             "b",
             "a\\u202eb"}),
    [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

class MarkdownCodeTest : public testing::TestWithParam<Case> {};

TEST_P(MarkdownCodeTest, FencesLongerThanAnyRunInside) {
  EXPECT_EQ(MarkdownCode(GetParam().input), GetParam().markdown);
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, MarkdownCodeTest,
    testing::Values(
        Case{"plain", "jira:DDT-3", "`jira:DDT-3`"},
        Case{"markup_literal", "<script>*x*</script>",
             "`<script>*x*</script>`"},
        Case{"one_backtick", "a`b", "``a`b``"},
        Case{"breakout_attempt", "x` <img src=x onerror=alert(1)> `",
             "`` x` <img src=x onerror=alert(1)> ` ``"},
        Case{"run_of_three", "a```b`c", "````a```b`c````"},
        Case{"leading_backtick", "`a", "`` `a ``"},
        Case{"spaces_both_ends", " a ", "`  a  `"},
        Case{"space_one_end", " a", "` a`"}, Case{"all_spaces", "  ", "`  `"},
        Case{"empty", "", "` `"},
        Case{"controls_shown", "id\x1b]0;x\x07\n", "`id\\x1b]0;x\\x07\\n`"}),
    [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace teamload::text
