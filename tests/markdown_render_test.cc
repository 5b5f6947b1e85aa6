// Escaped Markdown through real CommonMark renderers: markdown-it-py's
// CommonMark preset (tests/support/commonmark.py) and cmark-gfm with the
// table and strikethrough extensions, both letting raw HTML through, so any
// tag that escaping missed would come out as a tag. Each hostile string, in
// each place the narrative and the report put text, must render as exactly
// the text it was.
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "daemon/analysis/testing.h"
#include "daemon/narrative/markdown.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hostile/inert.h"
#include "tests/support/process.h"
#include "text/controls.h"
#include "text/markdown_escape.h"

namespace teamload {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<std::string>& HostileStrings() {
  static const auto* const kStrings = new std::vector<std::string>{
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<!-- comment --> <?php ?> <![CDATA[x]]>",
      "<http://evil.example> <mail@evil.example>",
      "[click](javascript:alert(1)) ![i](http://e/x.png) [r]: /u",
      "&lt;script&gt; &amp; &#60; &copy",
      "*em* **strong** _em_ __strong__ ***both*** ~~gone~~ ~one~",
      "a `code` b ``x`` ```",
      "x` <img src=x onerror=alert(1)> `",
      "# heading #",
      "## deeper",
      "> quoted",
      "- item",
      "+ item",
      "* item",
      "1. item",
      "12) item",
      "---",
      "===",
      "***",
      "___",
      "    indented code",
      "```js",
      "~~~",
      "| a | b |",
      "<div>block</div>",
      "line one\nline two\n# three\n- four\n> five",
      "hard  \nbreak\\\nhere",
      "C:\\temp\\*.txt and \\",
      "trailing\\",
      "db\x1b]0;pwned\x07 fell\rover\x1b[2J",
      "\xe2\x80\xae"
      "evil\xc2\x9b"
      "31m",
      "deferral_drift-team snake__case _edge_",
      "foo*bar*baz a_b_c 2*3*4",
      "\\<script>",
      "!\\[x](y)",
  };
  return *kStrings;
}

// What a person should see: the text on one line, controls shown escaped,
// as HTML text.
std::string ShownAsHtml(absl::string_view text, bool one_line = true) {
  std::string shown = one_line ? text::ShowControls(absl::StrReplaceAll(
                                     text, {{"\r\n", " "}, {"\n", " "}}))
                               : text::ShowControls(text);
  if (one_line) shown = std::string(absl::StripAsciiWhitespace(shown));
  return absl::StrReplaceAll(
      shown, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

std::vector<std::string> RenderWithMarkdownIt(
    const std::vector<std::string>& documents) {
  testing::ProcessResult result =
      testing::Run({"/usr/bin/python3", TEAMLOAD_COMMONMARK_SCRIPT},
                   absl::StrJoin(documents, std::string(1, '\0')));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return absl::StrSplit(result.out, '\0');
}

std::string RenderWithCmarkGfm(const std::string& markdown) {
  return hostile::RenderCommonMark(markdown, /*autolinks=*/false);
}

int Count(absl::string_view html, absl::string_view tag) {
  int count = 0;
  for (std::size_t at = html.find(tag); at != absl::string_view::npos;
       at = html.find(tag, at + 1)) {
    ++count;
  }
  return count;
}

// Each place the narrative and the report put a string from outside: the
// Markdown around it, and the HTML a renderer must make of it.
struct Place {
  const char* name;
  const char* before;
  const char* after;
  const char* html_before;
  const char* html_after;
  bool code_span = false;
};

const Place kPlaces[] = {
    {"paragraph", "", "", "<p>", "</p>\n"},
    {"heading", "# ", "", "<h1>", "</h1>\n"},
    {"bold", "**", "**", "<p><strong>", "</strong></p>\n"},
    {"bullet", "- ", "", "<ul>\n<li>", "</li>\n</ul>\n"},
    {"numbered", "1. ", "", "<ol>\n<li>", "</li>\n</ol>\n"},
    {"quote", "> \"", "\"", "<blockquote>\n<p>&quot;",
     "&quot;</p>\n</blockquote>\n"},
    {"code_span", "Evidence: ", ", `next`", "<p>Evidence: <code>",
     "</code>, <code>next</code></p>\n", true},
};

TEST(MarkdownRenderTest, EveryHostileStringRendersAsItsTextInEveryPlace) {
  std::vector<std::string> documents, expected, labels;
  for (const Place& place : kPlaces) {
    for (const std::string& hostile : HostileStrings()) {
      documents.push_back(absl::StrCat(place.before,
                                       place.code_span
                                           ? text::MarkdownCode(hostile)
                                           : text::MarkdownText(hostile),
                                       place.after));
      expected.push_back(absl::StrCat(place.html_before,
                                      ShownAsHtml(hostile, !place.code_span),
                                      place.html_after));
      labels.push_back(absl::StrCat(place.name, ": ", absl::CEscape(hostile),
                                    "\nMarkdown: ", documents.back()));
    }
  }
  const std::vector<std::string> markdown_it = RenderWithMarkdownIt(documents);
  ASSERT_EQ(markdown_it.size(), documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    EXPECT_EQ(markdown_it[i], expected[i]) << "markdown-it, " << labels[i];
    EXPECT_EQ(RenderWithCmarkGfm(documents[i]), expected[i])
        << "cmark-gfm, " << labels[i];
  }
}

TEST(MarkdownRenderTest, TableCellsHoldTheirTextWithGitHubTables) {
  for (const std::string& hostile : HostileStrings()) {
    const std::string markdown =
        absl::StrCat("| Team | Level |\n| --- | --- |\n| ",
                     text::MarkdownText(hostile), " | WATCH |\n");
    EXPECT_THAT(RenderWithCmarkGfm(markdown),
                HasSubstr(absl::StrCat("<tr>\n<td>", ShownAsHtml(hostile),
                                       "</td>\n<td>WATCH</td>\n</tr>")))
        << absl::CEscape(hostile) << "\n"
        << markdown;
  }
}

// A whole narrative with every hostile string in every field: no tag comes
// out, and the evidence ids come out as exactly one code span each.
TEST(MarkdownRenderTest, AHostileNarrativeRendersNoMarkup) {
  teamload::v1::Narrative n;
  n.mutable_as_of()->set_seconds(absl::ToUnixSeconds(analysis::testing::kAsOf));
  n.set_headline(HostileStrings()[0]);
  teamload::v1::Finding* f = n.add_findings();
  f->set_detector("unwritten_oops");
  f->set_level(teamload::v1::LEVEL_WATCH);
  std::vector<std::string> codes;
  for (const std::string& hostile : HostileStrings()) {
    absl::StrAppend(f->mutable_summary(), hostile, " ");
    f->mutable_evidence()->add_signal_ids(hostile);
    codes.push_back(
        absl::StrCat("<code>", ShownAsHtml(hostile, false), "</code>"));
    f->mutable_evidence()->add_quotes(hostile);
    n.add_blind_spots()->set_summary(hostile);
    n.add_questions(hostile);
  }
  config::TeamConfig team = analysis::testing::Team();
  team.name = HostileStrings()[1];
  const std::string markdown =
      narrative::RenderMarkdown(team, n, analysis::LookedAt{});
  for (const std::string& html :
       {RenderWithMarkdownIt({markdown})[0], RenderWithCmarkGfm(markdown)}) {
    for (const char* tag : {"<script", "<img", "<a ", "<a>", "<div", "<pre",
                            "<del", "<hr", "<h4", "<!--", "<?", "<!["}) {
      EXPECT_THAT(html, Not(HasSubstr(tag)));
    }
    // The template's own: the headline in bold, the as-of line in italics.
    EXPECT_EQ(Count(html, "<strong>"), 1);
    EXPECT_EQ(Count(html, "<em>"), 1);
    EXPECT_THAT(html,
                HasSubstr(absl::StrCat(
                    "<p>Evidence: ", absl::StrJoin(codes, ", "), "</p>")));
    EXPECT_THAT(html, Not(HasSubstr("\x1b")));
  }
}

}  // namespace
}  // namespace teamload
