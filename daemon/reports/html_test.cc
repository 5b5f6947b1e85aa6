#include "daemon/reports/html.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MarkdownToHtml, RendersAGfmTable) {
  EXPECT_EQ(MarkdownToHtml("| team | workload |\n"
                           "| --- | :-: |\n"
                           "| payments | 3 pages |\n"),
            "<table>\n<thead>\n<tr>\n<th>team</th>\n"
            "<th align=\"center\">workload</th>\n</tr>\n</thead>\n"
            "<tbody>\n<tr>\n<td>payments</td>\n"
            "<td align=\"center\">3 pages</td>\n</tr>\n</tbody>\n</table>\n");
}

TEST(MarkdownToHtml, MarksCellsAndHeadingsThatNameALevel) {
  const std::string html = MarkdownToHtml(
      "| team | workload | economic | safety | blind |\n"
      "| --- | --- | :-: | --- | --- |\n"
      "| payments | ATTENTION | **WATCH** | OK | OKAY |\n\n"
      "### ATTENTION: pager_load (workload, rising)\n\n"
      "### Questions\n");
  EXPECT_THAT(html, HasSubstr("<td class=\"level-attention\">ATTENTION</td>"));
  EXPECT_THAT(html, HasSubstr("<td align=\"center\" class=\"level-watch\">"
                              "<strong>WATCH</strong></td>"));
  EXPECT_THAT(html, HasSubstr("<td class=\"level-ok\">OK</td>"));
  // Whole words only.
  EXPECT_THAT(html, HasSubstr("<td>OKAY</td>"));
  EXPECT_THAT(html, HasSubstr("<h3 class=\"level-attention\">ATTENTION: "
                              "pager_load (workload, rising)</h3>"));
  EXPECT_THAT(html, HasSubstr("<h3>Questions</h3>"));
}

TEST(MarkdownToHtml, ShowsRawHtmlAsTextNeverAsMarkup) {
  EXPECT_EQ(MarkdownToHtml("<script>alert(1)</script>\n"),
            "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n"
            "</code></pre>\n");
  EXPECT_EQ(MarkdownToHtml("Fix the <b onclick=\"x()\">Save</b> button"),
            "<p>Fix the &lt;b onclick=&quot;x()&quot;&gt;Save&lt;/b&gt; "
            "button</p>\n");
  EXPECT_EQ(MarkdownToHtml("| a |\n| - |\n| <img src=x onerror=y> |\n"),
            "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n"
            "<tr>\n<td>&lt;img src=x onerror=y&gt;</td>\n</tr>\n</tbody>\n"
            "</table>\n");
}

TEST(MarkdownToHtml, DropsScriptLinkTargets) {
  EXPECT_EQ(MarkdownToHtml("[click](javascript:alert(1))"),
            "<p><a href=\"\">click</a></p>\n");
}

TEST(MarkdownToHtml, NarrativeMarkdownKeepsItsStructure) {
  const std::string html = MarkdownToHtml(
      "# payments\n\n**Pages rose.**\n\n_As of 2026-11-27._\n\n"
      "Evidence: `pagerduty:Q1`, ~~old~~ see https://example.com/runbook\n\n"
      "1. What woke people up?\n");
  EXPECT_EQ(html,
            "<h1>payments</h1>\n<p><strong>Pages rose.</strong></p>\n"
            "<p><em>As of 2026-11-27.</em></p>\n"
            "<p>Evidence: <code>pagerduty:Q1</code>, <del>old</del> see "
            "<a href=\"https://example.com/runbook\">"
            "https://example.com/runbook</a></p>\n"
            "<ol>\n<li>What woke people up?</li>\n</ol>\n");
}

TEST(HtmlDocument, IsCompleteSelfContainedAndEscapesTheTitle) {
  const std::string html =
      HtmlDocument("Weekly <teams> & \"friends\"", "<p>body</p>\n");
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(html, HasSubstr("<meta name=\"viewport\""));
  EXPECT_THAT(html, HasSubstr("<title>Weekly &lt;teams&gt; &amp; "
                              "&quot;friends&quot;</title>"));
  EXPECT_THAT(html, HasSubstr("<main>\n<p>body</p>\n</main>"));
  EXPECT_THAT(html, HasSubstr("content=\"default-src 'none'; style-src "
                              "'unsafe-inline'; img-src data:\""));
  EXPECT_THAT(html, HasSubstr("td.level-attention {"));
  EXPECT_THAT(html, HasSubstr("@media print"));
  EXPECT_TRUE(html.ends_with("</html>\n"));
  // Nothing to fetch, nothing to run.
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("http:")));
  EXPECT_THAT(html, Not(HasSubstr("https:")));
  EXPECT_THAT(html, Not(HasSubstr("@import")));
  EXPECT_THAT(html, Not(HasSubstr("url(")));
}

}  // namespace
}  // namespace teamload::reports
