// A realistic sample report for the rendering test, the README screenshot
// (scripts/report-screenshot) and the rendering benchmark: an overview heat
// table, then for each team the golden narrative of one synthetic archetype
// (tests/golden/*.md) and its charts over a fixed 12-week series shaped like
// that archetype's story (a deferral_drift team's charts also carry a note
// in W46). Composed as the scheduled reports compose theirs.
//
// Pure apart from reading the golden files; deterministic.
#ifndef TEAMLOAD_TESTS_SUPPORT_SAMPLE_REPORT_H_
#define TEAMLOAD_TESTS_SUPPORT_SAMPLE_REPORT_H_

#include <string>
#include <vector>

#include "daemon/reports/charts.h"

namespace teamload::testing {

struct SampleTeam {
  std::string name;
  std::string narrative_markdown;
  std::vector<reports::WeekPoint> weeks;  // 12, W37 to W48 of 2026
  // The overview's cells: the highest level per boundary, and what the
  // team's narrative says we cannot see.
  std::string workload, economic, safety, cannot_see;
};

// `count` teams, cycling through deferral_drift, quiet_underwater,
// pager_surge, recovering, blind and steady; a repeated archetype's team
// name gets its number ("pager_surge-team-8").
// REQUIRES: tests/golden holds every archetype's narrative.
std::vector<SampleTeam> SampleTeams(int count);

// The overview: a title, the as-of line and the heat table.
std::string SampleOverviewMarkdown(const std::vector<SampleTeam>& teams);

// The whole HTML document.
std::string SampleReportHtml(const std::vector<SampleTeam>& teams);

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_SAMPLE_REPORT_H_
