// SeededRandom: the generator's only source of randomness. A std::mt19937_64
// seeded from (seed, team name, stream name), so a team's history depends on
// nothing but its own inputs, and each stream (pages, oopses, ...) can change
// without shifting the others.
//
// The standard distributions are implementation-defined; these helpers are
// not, so the same inputs give byte-identical output with any standard
// library. Not thread-safe: one instance per stream.
#ifndef TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_RANDOM_H_
#define TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_RANDOM_H_

#include <cstdint>
#include <random>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "daemon/analysis/time_bands.h"

namespace teamload::synthetic::internal {

class SeededRandom {
 public:
  SeededRandom(uint64_t seed, absl::string_view team, absl::string_view stream);

  // Uniform in [lo, hi], both inclusive. REQUIRES: lo <= hi.
  int64_t Uniform(int64_t lo, int64_t hi);
  // True with probability p.
  bool Chance(double p);
  // Uniform in [lo, hi] with one-second resolution. REQUIRES: lo <= hi.
  absl::Duration UniformDuration(absl::Duration lo, absl::Duration hi);
  // Lower-case hexadecimal, `digits` long.
  std::string HexToken(int digits);

  // One element, uniformly. REQUIRES: !items.empty().
  template <typename T>
  const T& Pick(absl::Span<const T> items) {
    return items[Uniform(0, static_cast<int64_t>(items.size()) - 1)];
  }

  // Index i with probability weights[i] / sum. REQUIRES: a positive weight.
  int PickWeighted(absl::Span<const double> weights);

 private:
  std::mt19937_64 engine_;
};

// A time in [from, to), whole seconds, whose local time falls in `band`
// (analysis::BandOf, the rule the detectors read pages by); the first such
// minute if sampling keeps missing, `from` if there is none.
// REQUIRES: from < to.
absl::Time SampleInBand(SeededRandom& rng, absl::Time from, absl::Time to,
                        analysis::TimeBand band, const absl::TimeZone& zone);

}  // namespace teamload::synthetic::internal

#endif  // TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_RANDOM_H_
