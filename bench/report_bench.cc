// Rendering a scheduled report's HTML, the part this process adds on top of
// the narratives: the target is a weekly report for 50 teams in
// <= 1 s. The teams are tests/support/sample_report.h's (the golden
// archetype narratives with 12 weeks of charts each).
//   BM_TeamChartsSvg  one team's three chart panels
//   BM_MarkdownToHtml one team's narrative through cmark-gfm
//   BM_ReportHtml/50  overview + 50 narratives + 50 charts, whole document
#include "benchmark/benchmark.h"
#include "daemon/reports/charts.h"
#include "daemon/reports/html.h"
#include "tests/support/sample_report.h"

namespace teamload {
namespace {

void BM_TeamChartsSvg(benchmark::State& state) {
  const testing::SampleTeam team = testing::SampleTeams(1).front();
  for (auto _ : state) {
    benchmark::DoNotOptimize(reports::TeamChartsSvg(team.name, team.weeks));
  }
}
BENCHMARK(BM_TeamChartsSvg)->Unit(benchmark::kMicrosecond);

void BM_MarkdownToHtml(benchmark::State& state) {
  const testing::SampleTeam team = testing::SampleTeams(1).front();
  for (auto _ : state) {
    benchmark::DoNotOptimize(reports::MarkdownToHtml(team.narrative_markdown));
  }
}
BENCHMARK(BM_MarkdownToHtml)->Unit(benchmark::kMicrosecond);

void BM_ReportHtml(benchmark::State& state) {
  const std::vector<testing::SampleTeam> teams =
      testing::SampleTeams(static_cast<int>(state.range(0)));
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string html = testing::SampleReportHtml(teams);
    bytes = html.size();
    benchmark::DoNotOptimize(html);
  }
  state.counters["html_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ReportHtml)->Arg(50)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace teamload

BENCHMARK_MAIN();
