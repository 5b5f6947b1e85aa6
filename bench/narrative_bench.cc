// Narrative benchmarks on a loaded model: 1,000 teams x 52 weeks, about
// 5 million signals (mostly pages, plus oopses, deferrals and survey notes),
// as the narratives issue sets the target.
//   BM_GetNarrative   one team's story (Analyze + BuildNarrative)
//   BM_ListNarratives every team's story, as ListNarratives computes them
#include <algorithm>
#include <chrono>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "daemon/analysis/analyze.h"
#include "daemon/model/model.h"
#include "daemon/narrative/narrative.h"

namespace teamload {
namespace {

constexpr int kTeams = 1000;
constexpr int kWeeks = 52;
const absl::Time kAsOf = absl::FromUnixSeconds(1'795'737'600);  // 2026-11-27

std::vector<config::TeamConfig> Teams() {
  std::vector<config::TeamConfig> teams;
  for (int i = 0; i < kTeams; ++i) {
    teams.push_back({.name = absl::StrFormat("team-%04d", i),
                     .timezone = i % 2 ? "Europe/Berlin" : "America/New_York",
                     .oncall_size = 5,
                     .expected_sources = {"pagerduty", "jira", "oops", "survey"}});
  }
  return teams;
}

// Built once, shared by every benchmark.
const model::Model& Loaded() {
  static const model::Model* model = [] {
    auto* m = new model::Model(Teams());
    std::mt19937_64 rng(1);
    int64_t n = 0;
    std::vector<v1::Signal> batch;
    const auto flush = [&] {
      std::vector<model::AppliedRevision> applied;
      for (const auto& s : batch) applied.push_back({&s, static_cast<uint64_t>(n++), kAsOf});
      m->Apply(applied, {});
      batch.clear();
    };
    for (int t = 0; t < kTeams; ++t) {
      const std::string team = absl::StrFormat("team-%04d", t);
      const auto add = [&](absl::Time at) -> v1::Signal& {
        v1::Signal& s = batch.emplace_back();
        s.set_id(absl::StrCat(team, ":", batch.size(), ":", n));
        s.set_team(team);
        s.set_source("bench");
        s.mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(at));
        return s;
      };
      for (int k = 0; k < kWeeks * 7 * 24 * 60 / 105; ++k) {  // one page every 105 min
        add(kAsOf - absl::Minutes(105 * k + rng() % 60)).mutable_page()->set_urgency(
            rng() % 3 ? v1::URGENCY_LOW : v1::URGENCY_HIGH);
      }
      for (int w = 0; w < kWeeks; ++w) {
        auto* oops = add(kAsOf - absl::Hours(24 * 7 * w + 30)).mutable_oops();
        oops->set_title("near miss");
        if (w % 3) oops->mutable_written_up_at()->set_seconds(absl::ToUnixSeconds(kAsOf - absl::Hours(24 * 7 * w)));
        auto* deferral = add(kAsOf - absl::Hours(24 * 7 * w + 50)).mutable_deferral();
        deferral->set_item(absl::StrCat("T-", w));
        deferral->set_times_deferred(1 + w % 4);
        deferral->set_resolved(w % 2 == 0);
      }
      for (int survey = 0; survey < kWeeks / 4; ++survey) {
        for (int r = 0; r < 6; ++r) {
          auto* note = add(kAsOf - absl::Hours(24 * 28 * survey + r)).mutable_survey_note();
          note->set_survey(absl::StrCat("pulse-", survey));
          note->set_respondent(absl::StrCat("r", r));
          note->set_text(r % 2 ? "Woken up at night by the pager, nobody knows the old code"
                               : "Fine overall");
          note->set_score(1 + r % 5);
        }
      }
      flush();
    }
    m->Apply({}, {});
    return m;
  }();
  return *model;
}

void BM_GetNarrative(benchmark::State& state) {
  const model::Model& model = Loaded();
  int t = 0;
  for (auto _ : state) {
    v1::Narrative narrative;
    (void)model.VisitTeam(absl::StrFormat("team-%04d", t++ % kTeams),
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
      (void)model.VisitTeam(absl::StrFormat("team-%04d", t),
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
    model.VisitTeams([&](const config::TeamConfig& team, const model::TeamHistory& h) {
      all.push_back(narrative::BuildNarrative(team, analysis::Analyze(team, h, kAsOf), kAsOf));
    });
    benchmark::DoNotOptimize(all);
  }
}
BENCHMARK(BM_ListNarratives)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace teamload

BENCHMARK_MAIN();
