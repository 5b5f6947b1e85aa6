#include "tests/support/sample_report.h"

#include <array>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "daemon/reports/html.h"

namespace teamload::testing {
namespace {

// Monday 2026-09-07 00:00 in Berlin: ISO week 37.
const absl::Time kFirstWeek = absl::FromUnixSeconds(1'788'732'000);

using Series = std::array<int, 12>;

struct Archetype {
  const char* name;
  Series business, off_hours, sleep, deferrals, oopses;
  const char *workload, *economic, *safety, *cannot_see;
};

// Weekly figures that tell each archetype's story (tests/golden/<name>.md):
// interruptions by band, open deferrals, unwritten oopses.
const Archetype kArchetypes[] = {
    {"deferral_drift",
     {3, 3, 4, 3, 3, 3, 4, 3, 3, 3, 3, 4},
     {1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0},
     {0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1},
     {2, 2, 3, 3, 4, 4, 5, 6, 6, 7, 8, 9},
     {0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0},
     "ATTENTION",
     "ATTENTION",
     "OK",
     ""},
    {"quiet_underwater",
     {3, 4, 3, 4, 3, 4, 3, 4, 4, 3, 4, 7},
     {1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1},
     {1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 2},
     {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
     {0, 0, 0, 0, 0, 0, 1, 2, 2, 3, 4, 4},
     "ATTENTION",
     "OK",
     "ATTENTION",
     ""},
    {"pager_surge",
     {3, 3, 4, 3, 3, 4, 3, 4, 4, 5, 6, 6},
     {1, 1, 0, 1, 1, 1, 1, 1, 2, 2, 3, 3},
     {0, 1, 0, 1, 0, 1, 0, 1, 2, 3, 5, 7},
     {2, 2, 2, 2, 3, 3, 2, 2, 3, 3, 3, 3},
     {0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1},
     "ATTENTION",
     "OK",
     "ATTENTION",
     ""},
    {"recovering",
     {4, 6, 8, 9, 8, 7, 5, 4, 3, 3, 2, 2},
     {1, 2, 3, 3, 3, 2, 1, 1, 1, 0, 1, 1},
     {1, 2, 3, 2, 2, 1, 1, 0, 0, 1, 0, 0},
     {3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2},
     {1, 1, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0},
     "INFO",
     "OK",
     "OK",
     ""},
    {"blind",
     {4, 3, 4, 3, 4, 4, 3, 4, 3, 4, 3, 4},
     {1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1},
     {0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0},
     {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
     {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
     "OK",
     "OK",
     "OK",
     "oops, survey"},
    {"steady",
     {4, 3, 4, 4, 3, 4, 4, 3, 4, 4, 3, 4},
     {1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0},
     {0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1},
     {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
     {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0},
     "OK",
     "OK",
     "OK",
     ""},
};

std::string ReadGolden(const std::string& archetype) {
  std::ifstream in(std::string(TEAMLOAD_GOLDEN_DIR) + "/" + archetype + ".md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<SampleTeam> SampleTeams(int count) {
  constexpr int kKinds = sizeof kArchetypes / sizeof kArchetypes[0];
  std::vector<SampleTeam> teams;
  for (int i = 0; i < count; ++i) {
    const Archetype& a = kArchetypes[i % kKinds];
    SampleTeam& team = teams.emplace_back();
    team.name = absl::StrCat(a.name, "-team");
    if (i >= kKinds) absl::StrAppend(&team.name, "-", i + 1);
    team.narrative_markdown = ReadGolden(a.name);
    for (int w = 0; w < 12; ++w) {
      // Each interruption a page of its own in an hour of its own, but for
      // one storm of 3 pages in a minute every fourth week.
      const int storm = w % 4 == 3 && a.business[w] > 0 ? 2 : 0;
      team.weeks.push_back(
          {.week_start = kFirstWeek + absl::Hours(24 * 7 * w),
           .pages = a.business[w] + a.off_hours[w] + a.sleep[w] + storm,
           .interruptions_business = a.business[w],
           .interruptions_off_hours = a.off_hours[w],
           .interruptions_sleep = a.sleep[w],
           .disrupted_hours_business = a.business[w],
           .disrupted_hours_off_hours = a.off_hours[w],
           .disrupted_hours_sleep = a.sleep[w],
           .open_deferrals = a.deferrals[w],
           .unwritten_oopses = a.oopses[w]});
    }
    // Every deferral_drift team's lead noted the week the roadmap changed.
    if (i % kKinds == 0) {
      team.weeks[9].notes.push_back(
          {.at = team.weeks[9].week_start + absl::Hours(24 + 10),
           .day = absl::CivilDay(2026, 11, 10),
           .text = "Roadmap reshuffled: the billing migration moved up a "
                   "quarter",
           .author = "Lee (EM)"});
    }
    team.workload = a.workload;
    team.economic = a.economic;
    team.safety = a.safety;
    team.cannot_see = a.cannot_see;
  }
  return teams;
}

std::string SampleOverviewMarkdown(const std::vector<SampleTeam>& teams) {
  std::string markdown =
      "# Weekly report: platform teams\n\n"
      "_Week 48 of 2026, as of 2026-11-27 01:00 (Europe/Berlin). Each cell is "
      "the highest level among the team's findings on that boundary, not a "
      "score; the teams' stories follow._\n\n"
      "| Team | Workload | Economic | Safety | Cannot see |\n"
      "| --- | :-: | :-: | :-: | --- |\n";
  for (const SampleTeam& team : teams) {
    absl::StrAppend(&markdown, "| ", team.name, " | ", team.workload, " | ",
                    team.economic, " | ", team.safety, " | ", team.cannot_see,
                    " |\n");
  }
  return markdown;
}

std::string SampleReportHtml(const std::vector<SampleTeam>& teams) {
  std::string body = reports::MarkdownToHtml(SampleOverviewMarkdown(teams));
  for (const SampleTeam& team : teams) {
    absl::StrAppend(&body, reports::MarkdownToHtml(team.narrative_markdown),
                    reports::TeamChartsSvg(team.name, team.weeks), "\n");
  }
  return reports::HtmlDocument("Weekly report: platform teams, W48 2026", body);
}

}  // namespace teamload::testing
