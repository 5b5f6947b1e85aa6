// The model the benchmarks share: 1,000 teams x 52 weeks, about 5.7 million
// signals (a page every 105 minutes per team, weekly oopses and deferrals, a
// survey of 6 every 4 weeks, ten deploys a week, a migration every 6 weeks),
// as the narratives and metrics issues set the targets. Benchmark-only.
#ifndef TEAMLOAD_BENCH_LOADED_MODEL_H_
#define TEAMLOAD_BENCH_LOADED_MODEL_H_

#include "absl/time/time.h"
#include "daemon/model/model.h"

namespace teamload::bench {

inline constexpr int kTeams = 1000;
inline constexpr int kWeeks = 52;
// 2026-11-27: the last signals occurred just before.
inline const absl::Time kAsOf = absl::FromUnixSeconds(1'795'737'600);

// Built on first use (about 10 s), then shared; never freed.
const model::Model& Loaded();

}  // namespace teamload::bench

#endif  // TEAMLOAD_BENCH_LOADED_MODEL_H_
