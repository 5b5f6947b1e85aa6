// Changes: what a report opens with: what changed since the report's
// previous slot. Teams whose level on a boundary rose or fell (a cell of the
// heat table: the strongest finding there that is pressure, not context),
// expected sources that went dark (new blind spots), and themes across the
// report's teams that were not there before (narrative::ThemeTally).
//
// Computed from each team's story as of the report's moment and as of the
// slot before it (TeamSection::previous): the analysis is a pure function of
// a team's history and a moment, so the past needs no storage, and
// rendering a slot again gives the same bytes. A signal revised or erased
// since then changes the past too: the comparison is with what teamloadd
// knows now about then.
//
// Pure functions, thread-safe, deterministic.
#ifndef TEAMLOAD_DAEMON_REPORTS_CHANGES_H_
#define TEAMLOAD_DAEMON_REPORTS_CHANGES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/reports/team_section.h"
#include "teamload/v1/narrative.pb.h"

namespace teamload::reports {

// One team's cell that changed.
struct LevelChange {
  std::string team;
  teamload::v1::Boundary boundary = teamload::v1::BOUNDARY_UNSPECIFIED;
  teamload::v1::Level before = teamload::v1::LEVEL_UNSPECIFIED;  // none
  teamload::v1::Level now = teamload::v1::LEVEL_UNSPECIFIED;
};

// Sources that went dark for one team since the previous slot.
struct NewBlindSpots {
  std::string team;
  std::vector<std::string> sources;  // in the narrative's order
};

struct ReportChanges {
  absl::Time since;  // the previous slot
  // In the report's team order, then workload, economic, safety.
  std::vector<LevelChange> rose;
  std::vector<LevelChange> fell;
  std::vector<NewBlindSpots> blind_spots;   // in the report's team order
  std::vector<teamload::v1::Theme> themes;  // as ThemeTally lists them now

  bool empty() const {
    return rose.empty() && fell.empty() && blind_spots.empty() &&
           themes.empty();
  }
};

// What changed between each section's past and present; nullopt when no
// section carries a past. `since` is the slot before `as_of` in the
// report's schedule (SlotBefore), the moment CollectSections told the past.
std::optional<ReportChanges> FindChanges(
    const config::ReportConfig& report, absl::Time as_of,
    const std::vector<TeamSection>& sections);

// How a reader's format marks text up: Markdown or Slack mrkdwn.
struct ChangeStyle {
  std::string (*escape)(absl::string_view text);  // text from outside
  const char* strong;  // around ATTENTION and a theme's name: "**" or "*"
};

// One line per change, without a bullet, in the order of ReportChanges:
//   "pager_surge: workload rose from WATCH to **ATTENTION**."
//   "steady: safety fell from WATCH to no finding."
//   "blind: new blind spots: oops, survey."
//   "New theme in write-ups: **flaky deploys**, 3 write-ups in 2 teams
//    (a, b)."
//   "New theme in survey answers: **time pressure**, in 2 teams (a, b)."
// Empty when nothing changed.
std::vector<std::string> ChangeLines(const ReportChanges& changes,
                                     const ChangeStyle& style);

// The sentence for a report where nothing changed.
inline constexpr char kNothingChanged[] =
    "No level rose or fell, no source went dark and no theme is new.";

// Markdown: "## What changed since Monday 2026-11-23 09:00" (the previous
// slot in the schedule's zone), then a list item per change line, or
// kNothingChanged. Every name from outside through text::MarkdownText.
std::string ChangesMarkdown(const config::ReportConfig& report,
                            const ReportChanges& changes);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_CHANGES_H_
