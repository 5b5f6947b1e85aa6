#include "daemon/reports/changes.h"

#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "daemon/narrative/narrative.h"
#include "daemon/narrative/themes.h"
#include "daemon/reports/overview.h"
#include "daemon/reports/slots.h"
#include "text/markdown_escape.h"

namespace teamload::reports {
namespace {

// A level as the heat table shows it, ATTENTION marked strong; "no finding"
// for an empty cell.
std::string Level(teamload::v1::Level level, const ChangeStyle& style) {
  if (level == teamload::v1::LEVEL_UNSPECIFIED) return "no finding";
  const std::string word = LevelWord(level);
  return level == teamload::v1::LEVEL_ATTENTION
             ? absl::StrCat(style.strong, word, style.strong)
             : word;
}

std::string LevelLine(const LevelChange& change, absl::string_view verb,
                      const ChangeStyle& style) {
  return absl::StrFormat("%s: %s %s from %s to %s.", style.escape(change.team),
                         narrative::BoundaryName(change.boundary), verb,
                         Level(change.before, style), Level(change.now, style));
}

std::string Escaped(const google::protobuf::RepeatedPtrField<std::string>& all,
                    const ChangeStyle& style) {
  std::vector<std::string> out;
  for (const std::string& one : all) out.push_back(style.escape(one));
  return absl::StrJoin(out, ", ");
}

std::string ThemeLine(const teamload::v1::Theme& theme,
                      const ChangeStyle& style) {
  const std::string name =
      absl::StrCat(style.strong, style.escape(theme.name()), style.strong);
  const std::string teams =
      absl::StrFormat("%d %s (%s)", theme.teams_size(),
                      theme.teams_size() == 1 ? "team" : "teams",
                      Escaped(theme.teams(), style));
  if (theme.source() == teamload::v1::THEME_SOURCE_WRITEUPS) {
    return absl::StrFormat("New theme in write-ups: %s, %d write-ups in %s.",
                           name, theme.writeups_size(), teams);
  }
  return absl::StrFormat("New theme in survey answers: %s, in %s.", name,
                         teams);
}

std::string MarkdownEscape(absl::string_view text) {
  return text::MarkdownText(text);
}

}  // namespace

std::optional<ReportChanges> FindChanges(
    const config::ReportConfig& report, absl::Time as_of,
    const std::vector<TeamSection>& sections) {
  ReportChanges changes;
  narrative::ThemeTally now, before;
  bool compared = false;
  for (const TeamSection& section : sections) {
    if (!section.previous.has_value()) continue;
    compared = true;
    const teamload::v1::Narrative& then = section.previous->narrative;
    for (teamload::v1::Boundary boundary : kBoundaries) {
      LevelChange change{.team = section.team,
                         .boundary = boundary,
                         .before = BoundaryLevel(then, boundary),
                         .now = BoundaryLevel(section.narrative, boundary)};
      if (change.now > change.before) changes.rose.push_back(change);
      if (change.now < change.before) changes.fell.push_back(change);
    }
    std::set<std::string> dark;
    for (const teamload::v1::BlindSpot& spot : then.blind_spots())
      dark.insert(spot.source());
    NewBlindSpots spots{.team = section.team};
    for (const teamload::v1::BlindSpot& spot :
         section.narrative.blind_spots()) {
      if (!dark.contains(spot.source())) spots.sources.push_back(spot.source());
    }
    if (!spots.sources.empty()) changes.blind_spots.push_back(std::move(spots));
    now.Merge(section.themes);
    before.Merge(section.previous->themes);
  }
  if (!compared) return std::nullopt;
  changes.since = SlotBefore(report.schedule, as_of);
  std::set<std::pair<int, std::string>> known;
  const teamload::v1::ListThemesResponse then = before.Result();
  for (const teamload::v1::Theme& theme : then.themes())
    known.insert({theme.source(), theme.name()});
  const teamload::v1::ListThemesResponse themes = now.Result();
  for (const teamload::v1::Theme& theme : themes.themes()) {
    if (!known.contains({theme.source(), theme.name()}))
      changes.themes.push_back(theme);
  }
  return changes;
}

std::vector<std::string> ChangeLines(const ReportChanges& changes,
                                     const ChangeStyle& style) {
  std::vector<std::string> lines;
  for (const LevelChange& change : changes.rose)
    lines.push_back(LevelLine(change, "rose", style));
  for (const LevelChange& change : changes.fell)
    lines.push_back(LevelLine(change, "fell", style));
  for (const NewBlindSpots& spots : changes.blind_spots) {
    std::vector<std::string> sources;
    for (const std::string& source : spots.sources)
      sources.push_back(style.escape(source));
    lines.push_back(absl::StrFormat(
        "%s: new blind %s: %s.", style.escape(spots.team),
        sources.size() == 1 ? "spot" : "spots", absl::StrJoin(sources, ", ")));
  }
  for (const teamload::v1::Theme& theme : changes.themes)
    lines.push_back(ThemeLine(theme, style));
  return lines;
}

std::string ChangesMarkdown(const config::ReportConfig& report,
                            const ReportChanges& changes) {
  std::string md =
      absl::StrFormat("## What changed since %s\n\n",
                      absl::FormatTime("%A %Y-%m-%d %H:%M", changes.since,
                                       report.schedule.zone));
  const std::vector<std::string> lines =
      ChangeLines(changes, {.escape = &MarkdownEscape, .strong = "**"});
  if (lines.empty()) absl::StrAppend(&md, kNothingChanged, "\n");
  for (const std::string& line : lines) absl::StrAppend(&md, "- ", line, "\n");
  return md;
}

}  // namespace teamload::reports
