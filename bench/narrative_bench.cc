// Narrative benchmarks on a loaded model: 1,000 teams x 52 weeks, about
// 5 million signals (bench/loaded_model.h), as the narratives issue sets the
// target.
//   BM_GetNarrative   one team's story (Analyze + BuildNarrative)
//   BM_ListNarratives every team's story, as ListNarratives computes them
#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/loaded_model.h"
#include "benchmark/benchmark.h"
#include "daemon/analysis/analyze.h"
#include "daemon/model/model.h"
#include "daemon/narrative/narrative.h"

namespace teamload {
namespace {

using bench::kAsOf;
using bench::kTeams;
using bench::Loaded;

void BM_GetNarrative(benchmark::State& state) {
  const model::Model& model = Loaded();
  int t = 0;
  for (auto _ : state) {
    v1::Narrative narrative;
    (void)model.VisitTeam(
        absl::StrFormat("team-%04d", t++ % kTeams),
        [&](const config::TeamConfig& team, const model::TeamHistory& h) {
          narrative = narrative::BuildNarrative(
              team, analysis::Analyze(team, h, kAsOf), kAsOf);
        });
    benchmark::DoNotOptimize(narrative);
  }
  state.counters["signals"] = static_cast<double>(model.SignalCount());
}
BENCHMARK(BM_GetNarrative)->Unit(benchmark::kMicrosecond);

// The latency distribution of one GetNarrative across all 1,000 teams:
// reports p50 and p99 of single calls as counters, in microseconds.
void BM_GetNarrativeLatency(benchmark::State& state) {
  const model::Model& model = Loaded();
  std::vector<double> micros;
  for (auto _ : state) {
    for (int t = 0; t < kTeams; ++t) {
      const auto start = std::chrono::steady_clock::now();
      v1::Narrative narrative;
      (void)model.VisitTeam(
          absl::StrFormat("team-%04d", t),
          [&](const config::TeamConfig& team, const model::TeamHistory& h) {
            narrative = narrative::BuildNarrative(
                team, analysis::Analyze(team, h, kAsOf), kAsOf);
          });
      benchmark::DoNotOptimize(narrative);
      micros.push_back(std::chrono::duration<double, std::micro>(
                           std::chrono::steady_clock::now() - start)
                           .count());
    }
  }
  std::sort(micros.begin(), micros.end());
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[micros.size() * 99 / 100];
  state.counters["max_us"] = micros.back();
}
BENCHMARK(BM_GetNarrativeLatency)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_ListNarratives(benchmark::State& state) {
  const model::Model& model = Loaded();
  for (auto _ : state) {
    std::vector<v1::Narrative> all;
    model.VisitTeams(
        [&](const config::TeamConfig& team, const model::TeamHistory& h) {
          all.push_back(narrative::BuildNarrative(
              team, analysis::Analyze(team, h, kAsOf), kAsOf));
        });
    benchmark::DoNotOptimize(all);
  }
}
BENCHMARK(BM_ListNarratives)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace teamload

BENCHMARK_MAIN();
