#include "daemon/reports/overview.h"

#include <algorithm>
#include <array>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "daemon/analysis/detector.h"
#include "daemon/narrative/narrative.h"
#include "daemon/reports/changes.h"
#include "daemon/reports/slots.h"
#include "text/controls.h"
#include "text/markdown_escape.h"

namespace teamload::reports {
namespace {

using teamload::v1::Boundary;
using teamload::v1::Finding;

std::string Cell(const Finding* finding) {
  if (finding == nullptr) return "-";
  std::string level = LevelWord(finding->level());
  if (finding->level() == teamload::v1::LEVEL_ATTENTION)
    level = absl::StrCat("**", level, "**");
  switch (finding->trend()) {
    case teamload::v1::TREND_RISING:
      return absl::StrCat(level, ", rising");
    case teamload::v1::TREND_FALLING:
      return absl::StrCat(level, ", falling");
    default:
      return level;
  }
}

bool UnderPressure(const Finding* finding) {
  return finding != nullptr && finding->level() >= teamload::v1::LEVEL_WATCH;
}

std::string Capitalized(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] -= 'a' - 'A';
  return word;
}

// Write-ups named per theme in the overview.
constexpr std::size_t kWriteupsShown = 5;

// "## What recurs across write-ups" and a line per theme that 2 or more
// write-ups of the report's teams raised, each write-up by title and team.
std::string WriteupThemesMarkdown(
    const teamload::v1::ListThemesResponse& themes) {
  std::string md = "\n## What recurs across write-ups\n\n";
  int listed = 0;
  for (const teamload::v1::Theme& theme : themes.themes()) {
    if (theme.source() != teamload::v1::THEME_SOURCE_WRITEUPS) continue;
    // The latest few, newest first; the API lists them all.
    std::vector<std::string> writeups;
    for (int i = theme.writeups_size() - 1;
         i >= 0 && writeups.size() < kWriteupsShown; --i) {
      const teamload::v1::WriteupRef& ref = theme.writeups(i);
      writeups.push_back(absl::StrCat("\"", text::MarkdownText(ref.title()),
                                      "\" (", text::MarkdownText(ref.team()),
                                      ")"));
    }
    if (theme.writeups_size() > static_cast<int>(writeups.size())) {
      writeups.push_back(
          absl::StrCat(theme.writeups_size() - writeups.size(), " earlier"));
    }
    absl::StrAppendFormat(
        &md, "- **%s**, %d write-ups in %d %s, latest first: %s.\n",
        text::MarkdownText(theme.name()), theme.writeups_size(),
        theme.teams_size(), theme.teams_size() == 1 ? "team" : "teams",
        absl::StrJoin(writeups, ", "));
    ++listed;
  }
  if (listed == 0) {
    md += "No theme recurs in these teams' write-ups of the last 16 weeks.\n";
  }
  return md;
}

// "## Delivery beside pages": deploy frequency and change failure rate per
// team that sent deploys, next to its pages; context, never a level.
std::string DeliveryMarkdown(const std::vector<TeamSection>& sections) {
  std::string rows;
  for (const TeamSection& section : sections) {
    if (!section.narrative.has_delivery()) continue;
    const teamload::v1::DeliveryContext& d = section.narrative.delivery();
    absl::StrAppendFormat(
        &rows, "| %s | %d (%d before) | %d (%d before) | %s | %s |\n",
        text::MarkdownText(section.team), d.pages(), d.pages_before(),
        d.deploys(), d.deploys_before(), analysis::Number(d.deploys() / 4.0),
        d.deploys() == 0
            ? std::string("-")
            : absl::StrFormat(
                  "%d%% (%d of %d)",
                  static_cast<int>(100.0 * d.change_failures() / d.deploys() +
                                   0.5),
                  d.change_failures(), d.deploys()));
  }
  if (rows.empty()) return "";
  return absl::StrCat(
      "\n## Delivery beside pages\n\n"
      "The last 4 weeks against the 4 before. Context for each story, never "
      "part of a level.\n\n"
      "| Team | Pages | Deploys | Deploys a week | Change failure rate |\n"
      "| --- | --- | --- | --- | --- |\n",
      rows);
}

// "## Migrations looked back on", when any of the report's teams finished a
// migration in the period.
std::string MigrationsMarkdown(
    const teamload::v1::MigrationsLookedBack& migrations) {
  if (migrations.finished() == 0) return "";
  std::vector<std::string> teams;
  for (const std::string& team : migrations.teams())
    teams.push_back(text::MarkdownText(team));
  return absl::StrFormat(
      "\n## Migrations looked back on\n\n"
      "%d %s finished in the last %d weeks in %d %s (%s); %d of them %s "
      "looked back on with a retrospective. A migration nobody looks back on "
      "teaches the next one nothing.\n",
      migrations.finished(),
      migrations.finished() == 1 ? "migration" : "migrations",
      migrations.period_days() / 7, migrations.teams_size(),
      migrations.teams_size() == 1 ? "team" : "teams",
      absl::StrJoin(teams, ", "), migrations.looked_back_on(),
      migrations.looked_back_on() == 1 ? "was" : "were");
}

}  // namespace

const Finding* StrongestFinding(const teamload::v1::Narrative& story,
                                Boundary boundary) {
  const Finding* strongest = nullptr;
  for (const Finding& f : story.findings()) {
    if (f.boundary() != boundary || narrative::IsContext(f)) continue;
    if (strongest == nullptr || f.level() > strongest->level()) strongest = &f;
  }
  return strongest;
}

teamload::v1::Level BoundaryLevel(const teamload::v1::Narrative& story,
                                  Boundary boundary) {
  const Finding* strongest = StrongestFinding(story, boundary);
  return strongest == nullptr ? teamload::v1::LEVEL_UNSPECIFIED
                              : strongest->level();
}

teamload::v1::Level StrongestLevel(const teamload::v1::Narrative& story) {
  teamload::v1::Level level = teamload::v1::LEVEL_UNSPECIFIED;
  for (Boundary boundary : kBoundaries)
    level = std::max(level, BoundaryLevel(story, boundary));
  return level;
}

std::string LevelWord(teamload::v1::Level level) {
  switch (level) {
    case teamload::v1::LEVEL_ATTENTION:
      return "ATTENTION";
    case teamload::v1::LEVEL_WATCH:
      return "WATCH";
    case teamload::v1::LEVEL_INFO:
      return "info";
    default:
      return "-";
  }
}

std::string ReportTitle(const config::ReportConfig& report, absl::Time as_of) {
  return absl::StrFormat("Team load report %s, %s",
                         text::ShowControls(report.name),
                         SlotDate(report.schedule, as_of));
}

std::string OverviewMarkdown(const config::ReportConfig& report,
                             absl::Time as_of,
                             const std::vector<TeamSection>& sections) {
  std::string md = absl::StrFormat(
      "# %s\n\n_As of %s (%s), for %d %s. Each team's story follows the "
      "table; nothing is added up into one number: every finding stands on "
      "its own evidence._\n\n",
      text::MarkdownText(ReportTitle(report, as_of)),
      absl::FormatTime("%A %Y-%m-%d %H:%M", as_of, report.schedule.zone),
      text::MarkdownText(report.schedule.timezone), sections.size(),
      sections.size() == 1 ? "team" : "teams");
  if (const std::optional<ReportChanges> changes =
          FindChanges(report, as_of, sections)) {
    absl::StrAppend(&md, ChangesMarkdown(report, *changes), "\n");
  }
  md +=
      "## Where the pressure is\n\n"
      "| Team | Workload | Economic | Safety | Cannot see |\n"
      "| --- | --- | --- | --- | --- |\n";
  std::array<std::vector<std::string>, 3> pressed;  // teams, by boundary
  for (const TeamSection& section : sections) {
    const std::string team = text::MarkdownText(section.team);
    std::vector<std::string> cells = {team};
    for (std::size_t b = 0; b < kBoundaries.size(); ++b) {
      const Finding* strongest =
          StrongestFinding(section.narrative, kBoundaries[b]);
      cells.push_back(Cell(strongest));
      if (UnderPressure(strongest)) pressed[b].push_back(team);
    }
    std::vector<std::string> blind;
    for (const auto& spot : section.narrative.blind_spots())
      blind.push_back(text::MarkdownText(spot.source()));
    cells.push_back(blind.empty() ? "-" : absl::StrJoin(blind, ", "));
    absl::StrAppend(&md, "| ", absl::StrJoin(cells, " | "), " |\n");
  }
  md += "\n";
  for (std::size_t b = 0; b < kBoundaries.size(); ++b) {
    const std::string name = narrative::BoundaryName(kBoundaries[b]);
    if (pressed[b].empty()) {
      absl::StrAppend(&md, "- ", Capitalized(name),
                      ": no team under pressure.\n");
    } else {
      absl::StrAppendFormat(&md,
                            "- %s: under pressure in %d of %d teams (%s).\n",
                            Capitalized(name), pressed[b].size(),
                            sections.size(), absl::StrJoin(pressed[b], ", "));
    }
  }
  md +=
      "\nA level is the strongest finding on that boundary (WATCH or "
      "ATTENTION is pressure; info is context); \"cannot see\" names the "
      "expected sources that reported nothing lately.\n";
  narrative::ThemeTally tally;
  for (const TeamSection& section : sections) tally.Merge(section.themes);
  const teamload::v1::ListThemesResponse themes = tally.Result();
  absl::StrAppend(&md, DeliveryMarkdown(sections),
                  WriteupThemesMarkdown(themes),
                  MigrationsMarkdown(themes.migrations()));
  return md;
}

}  // namespace teamload::reports
