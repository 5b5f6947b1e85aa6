// Report benchmarks: the weekly report for 50 teams, each with 52 weeks of
// synthetic history (teamload-synth's archetypes in turn), as the issue sets
// the target (<= 1 s).
//   BM_RenderReport50Teams  the whole report: 50 narratives, weekly series,
//                           Markdown and HTML (overview, narratives, charts)
//   BM_RenderReport50DenseTeams  the same with a page every 105 minutes on
//                           top of each team's synthetic history
//   BM_CollectSections      the part read under the model's lock: narratives
//                           and weekly series
//   BM_WeeklySeries         one team's 12 weekly points
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "collectors/synthetic/generator.h"
#include "daemon/model/model.h"
#include "daemon/reports/report.h"
#include "daemon/reports/weekly_series.h"

namespace teamload {
namespace {

constexpr int kTeams = 50;
constexpr int kWeeks = 52;
const absl::Time kAsOf = absl::FromUnixSeconds(1'795'737'600);  // 2026-11-27

std::vector<synthetic::TeamSpec> Specs() {
  std::vector<synthetic::TeamSpec> specs;
  const auto archetypes = synthetic::AllArchetypes();
  for (int i = 0; i < kTeams; ++i) {
    specs.push_back({.name = absl::StrFormat("team-%02d", i),
                     .archetype = archetypes[i % archetypes.size()],
                     .timezone = i % 2 ? "Europe/Berlin" : "America/New_York",
                     .oncall_size = 5});
  }
  return specs;
}

// The synthetic histories, plus (when `dense`) a page every 105 minutes for
// every team, as narrative_bench loads: about 5,000 more signals a team.
model::Model* Load(bool dense) {
  std::vector<config::TeamConfig> teams;
  for (const auto& spec : Specs()) {
    teams.push_back(config::WithZone(
        {.name = spec.name,
         .timezone = spec.timezone,
         .oncall_size = spec.oncall_size,
         .expected_sources = synthetic::ExpectedSources(spec.archetype)}));
  }
  auto* m = new model::Model(teams);
  for (const auto& spec : Specs()) {
    const synthetic::History history =
        synthetic::Generate(spec, {.weeks = kWeeks, .end = kAsOf});
    std::vector<std::string> bodies;
    for (const auto& s : history.signals)
      bodies.push_back(s.SerializeAsString());
    std::vector<model::AppliedRevision> applied;
    for (std::size_t i = 0; i < history.signals.size(); ++i) {
      applied.push_back(
          {&history.signals[i], model::ContentHash(bodies[i]), kAsOf});
    }
    std::vector<store::CoverageMark> coverage;
    for (const auto& c : history.coverage) {
      coverage.push_back(
          {c.team(), c.source(),
           absl::FromUnixSeconds(c.covered_through().seconds())});
    }
    m->Apply(applied, coverage);
    if (!dense) continue;
    std::vector<v1::Signal> pages(kWeeks * 7 * 24 * 60 / 105);
    applied.clear();
    for (std::size_t k = 0; k < pages.size(); ++k) {
      pages[k].set_id(absl::StrFormat("%s:dense-%d", spec.name, k));
      pages[k].set_team(spec.name);
      pages[k].set_source("pagerduty");
      pages[k].mutable_occurred_at()->set_seconds(
          absl::ToUnixSeconds(kAsOf - absl::Minutes(105 * k + 7)));
      pages[k].mutable_page()->set_urgency(v1::URGENCY_LOW);
      applied.push_back({&pages[k], k, kAsOf});
    }
    m->Apply(applied, {});
  }
  return m;
}

// Built once, shared by every benchmark.
const model::Model& Loaded() {
  static const model::Model* model = Load(/*dense=*/false);
  return *model;
}
const model::Model& Dense() {
  static const model::Model* model = Load(/*dense=*/true);
  return *model;
}

config::ReportConfig Report() {
  config::ReportConfig report{.name = "weekly"};
  report.schedule = *config::ParseSchedule("Mon 09:00 Europe/Berlin");
  for (const auto& spec : Specs()) report.teams.push_back(spec.name);
  return report;
}

void BM_RenderReport50Teams(benchmark::State& state) {
  const model::Model& model = Loaded();
  const config::ReportConfig report = Report();
  std::size_t bytes = 0;
  for (auto _ : state) {
    absl::StatusOr<reports::RenderedReport> rendered =
        reports::RenderReport(report, model, kAsOf);
    bytes = rendered->markdown.size() + rendered->html.size();
    benchmark::DoNotOptimize(rendered);
  }
  state.counters["signals"] = static_cast<double>(model.SignalCount());
  state.counters["report_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RenderReport50Teams)->Unit(benchmark::kMillisecond);

void BM_RenderReport50DenseTeams(benchmark::State& state) {
  const model::Model& model = Dense();
  const config::ReportConfig report = Report();
  for (auto _ : state) {
    benchmark::DoNotOptimize(reports::RenderReport(report, model, kAsOf));
  }
  state.counters["signals"] = static_cast<double>(model.SignalCount());
}
BENCHMARK(BM_RenderReport50DenseTeams)->Unit(benchmark::kMillisecond);

void BM_CollectSections(benchmark::State& state) {
  const model::Model& model = Loaded();
  const config::ReportConfig report = Report();
  for (auto _ : state) {
    auto sections = reports::CollectSections(report, model, kAsOf);
    benchmark::DoNotOptimize(sections);
  }
}
BENCHMARK(BM_CollectSections)->Unit(benchmark::kMillisecond);

void BM_WeeklySeries(benchmark::State& state) {
  const model::Model& model = Loaded();
  int t = 0;
  for (auto _ : state) {
    (void)model.VisitTeam(
        absl::StrFormat("team-%02d", t++ % kTeams),
        [&](const config::TeamConfig& team, const model::TeamHistory& h) {
          benchmark::DoNotOptimize(reports::WeeklySeries(team, h, kAsOf));
        });
  }
}
BENCHMARK(BM_WeeklySeries)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace teamload

BENCHMARK_MAIN();
