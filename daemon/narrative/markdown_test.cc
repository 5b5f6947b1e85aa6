#include "daemon/narrative/markdown.h"

#include "daemon/analysis/testing.h"
#include "gtest/gtest.h"

namespace teamload::narrative {
namespace {

// Everything a collector or a survey could have put into the prose, ids and
// quotes, at once.
teamload::v1::Narrative HostileNarrative() {
  teamload::v1::Narrative n;
  n.mutable_as_of()->set_seconds(absl::ToUnixSeconds(analysis::testing::kAsOf));
  n.set_headline("1 oops \"<script>alert(1)</script>\" is still unwritten.");
  teamload::v1::Finding* f = n.add_findings();
  f->set_detector("unwritten_oops");
  f->set_level(teamload::v1::LEVEL_WATCH);
  f->set_boundary(teamload::v1::BOUNDARY_SAFETY);
  f->set_trend(teamload::v1::TREND_RISING);
  f->set_summary(
      "Oldest: \"db\x1b]0;pwned\x07 fell\rover [x](javascript:alert(1))\".");
  f->mutable_evidence()->add_signal_ids("oops:a`b");
  f->mutable_evidence()->add_signal_ids("x` <img src=x onerror=alert(1)> `");
  f->mutable_evidence()->add_quotes(
      "Fine.\n# Heading\n<img src=x onerror=alert(1)>\r\n- not a list");
  f->mutable_evidence()->add_quotes(
      "\xe2\x80\xae"
      "evil *bold* & more");
  teamload::v1::AnnotationNote* note = n.add_context();
  note->mutable_at()->set_seconds(
      absl::ToUnixSeconds(analysis::testing::kAsOf - absl::Hours(48)));
  note->set_author("@channel <!here>");
  note->set_text("reorg](http://x) **moved** <b>two</b>");
  n.add_blind_spots()->set_summary("- survey\n> sent nothing");
  n.add_questions("1. What is `rm -rf` | <b>doing</b>?");
  return n;
}

TEST(RenderMarkdown, TextFromOutsideRendersAsTheTextItWas) {
  config::TeamConfig team = analysis::testing::Team();
  team.name = "pay_ments <i>";
  analysis::LookedAt looked_at{.oopses = 1};
  looked_at.coverage = {{"oops_*x*", analysis::testing::kAsOf}};
  EXPECT_EQ(
      RenderMarkdown(team, HostileNarrative(), looked_at),
      "# pay_ments \\<i\\>\n"
      "\n"
      "**1 oops \"\\<script\\>alert(1)\\</script\\>\" is still unwritten.**\n"
      "\n"
      "_As of 2026-11-26 12:00 (Europe/Berlin)._\n"
      "\n"
      "## Findings\n"
      "\n"
      "### WATCH: unwritten_oops (safety, rising)\n"
      "\n"
      "Oldest: \"db\\x1b\\]0;pwned\\x07 fell\\rover "
      "\\[x\\](javascript:alert(1))\".\n"
      "\n"
      "Evidence: ``oops:a`b``, `` x` <img src=x onerror=alert(1)> ` ``\n"
      "\n"
      "> \"Fine. \\# Heading \\<img src=x onerror=alert(1)\\> - not a "
      "list\"\n"
      "\n"
      "> \"\\u202eevil \\*bold\\* \\& more\"\n"
      "\n"
      "## Context\n"
      "\n"
      "What people noted about these weeks (context, not evidence):\n"
      "\n"
      "- 2026-11-24, @channel \\<!here\\>: reorg\\](http://x) "
      "\\*\\*moved\\*\\* \\<b\\>two\\</b\\>\n"
      "\n"
      "## What we cannot see\n"
      "\n"
      "- \\- survey \\> sent nothing\n"
      "\n"
      "## Questions to ask the team\n"
      "\n"
      "1. 1\\. What is \\`rm -rf\\` \\| \\<b\\>doing\\</b\\>?\n"
      "\n"
      "## What was looked at\n"
      "\n"
      "- 0 pages in the last 9 weeks.\n"
      "- 1 oopses in the last 16 weeks, 0 open deferred items, 0 answers in "
      "the latest survey.\n"
      "- Coverage: oops\\_\\*x\\* through 2026-11-26.\n");
}

}  // namespace
}  // namespace teamload::narrative
