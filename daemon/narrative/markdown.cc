#include "daemon/narrative/markdown.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "daemon/analysis/interruptions.h"
#include "daemon/narrative/narrative.h"
#include "text/markdown_escape.h"

namespace teamload::narrative {
namespace {

std::string Upper(teamload::v1::Level level) {
  return absl::AsciiStrToUpper(LevelName(level));
}

std::string TrendWord(teamload::v1::Trend trend) {
  switch (trend) {
    case teamload::v1::TREND_RISING:
      return "rising";
    case teamload::v1::TREND_FALLING:
      return "falling";
    default:
      return "steady";
  }
}

std::string Quote(const std::string& quote) {
  return absl::StrCat("> \"", text::MarkdownText(quote), "\"");
}

}  // namespace

std::string RenderMarkdown(const config::TeamConfig& team,
                           const teamload::v1::Narrative& narrative,
                           const analysis::LookedAt& looked_at) {
  const absl::TimeZone& zone = team.zone;
  const absl::Time as_of = absl::FromUnixSeconds(narrative.as_of().seconds());
  std::string md = absl::StrFormat(
      "# %s\n\n**%s**\n\n_As of %s (%s)._\n", text::MarkdownText(team.name),
      text::MarkdownText(narrative.headline()),
      absl::FormatTime("%Y-%m-%d %H:%M", as_of, zone),
      text::MarkdownText(team.zone.name()));
  if (!narrative.findings().empty()) md += "\n## Findings\n";
  for (const auto& f : narrative.findings()) {
    absl::StrAppendFormat(&md, "\n### %s: %s (%s, %s)\n\n%s\n",
                          Upper(f.level()), f.detector(),
                          BoundaryName(f.boundary()), TrendWord(f.trend()),
                          text::MarkdownText(f.summary()));
    if (!f.evidence().signal_ids().empty()) {
      std::vector<std::string> ids;
      for (const auto& id : f.evidence().signal_ids())
        ids.push_back(text::MarkdownCode(id));
      absl::StrAppend(&md, "\nEvidence: ", absl::StrJoin(ids, ", "), "\n");
    }
    for (const auto& quote : f.evidence().quotes())
      absl::StrAppend(&md, "\n", Quote(quote), "\n");
  }
  // Said to be context, so no reader takes a note for evidence.
  if (!narrative.context().empty()) {
    md +=
        "\n## Context\n\nWhat people noted about these weeks (context, not "
        "evidence):\n\n";
  }
  for (const auto& note : narrative.context()) {
    absl::StrAppend(
        &md, "- ",
        absl::FormatTime("%Y-%m-%d", absl::FromUnixSeconds(note.at().seconds()),
                         zone),
        ", ", text::MarkdownText(note.author()), ": ",
        text::MarkdownText(note.text()), "\n");
  }
  if (!narrative.blind_spots().empty()) md += "\n## What we cannot see\n\n";
  for (const auto& spot : narrative.blind_spots())
    absl::StrAppend(&md, "- ", text::MarkdownText(spot.summary()), "\n");
  if (narrative.has_delivery()) {
    absl::StrAppend(&md, "\n## Delivery context\n\n",
                    text::MarkdownText(narrative.delivery().summary()), "\n");
  }
  md += "\n## Questions to ask the team\n\n";
  for (int i = 0; i < narrative.questions_size(); ++i) {
    absl::StrAppendFormat(&md, "%d. %s\n", i + 1,
                          text::MarkdownText(narrative.questions(i)));
  }
  std::vector<std::string> coverage;
  for (const auto& [source, through] : looked_at.coverage) {
    coverage.push_back(absl::StrCat(
        text::MarkdownText(source), " through ",
        absl::FormatTime("%Y-%m-%d", std::min(through, as_of), zone)));
  }
  md += "\n## What was looked at\n\n";
  if (looked_at.pages == 0) {
    md += "- 0 pages in the last 9 weeks.\n";
  } else {
    absl::StrAppendFormat(
        &md,
        "- %d pages in the last 9 weeks: %d interruptions (%s) across %d "
        "disrupted hours (local clock hours with a page).\n",
        looked_at.pages, looked_at.interruptions,
        analysis::MergeRule(team.analysis), looked_at.disrupted_hours);
  }
  // Kinds a team may never send are named only when it has some.
  std::string more;
  if (looked_at.migrations_in_flight > 0) {
    absl::StrAppendFormat(
        &more, ", %d %s in flight", looked_at.migrations_in_flight,
        looked_at.migrations_in_flight == 1 ? "migration" : "migrations");
  }
  absl::StrAppendFormat(
      &md,
      "- %d oopses in the last 16 weeks, %d open deferred items%s, %d answers "
      "in the latest survey.\n"
      "- Coverage: %s.\n",
      looked_at.oopses, looked_at.open_deferrals, more,
      looked_at.survey_answers,
      coverage.empty() ? "none reported" : absl::StrJoin(coverage, ", "));
  return md;
}

}  // namespace teamload::narrative
