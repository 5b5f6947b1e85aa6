#include "collectors/synthetic/internal/random.h"

namespace teamload::synthetic::internal {
namespace {

// FNV-1a: stable across platforms and releases, unlike std::hash.
uint64_t Fnv1a(uint64_t hash, absl::string_view text) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// SplitMix64's finalizer: nearby seeds give unrelated engine states.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t StreamSeed(uint64_t seed, absl::string_view team,
                    absl::string_view stream) {
  uint64_t hash = Fnv1a(0xcbf29ce484222325ULL, team);
  hash = Fnv1a(hash ^ 0xff, stream);  // "ab"+"c" differs from "a"+"bc"
  return Mix(Mix(seed) ^ hash);
}

}  // namespace

SeededRandom::SeededRandom(uint64_t seed, absl::string_view team,
                           absl::string_view stream)
    : engine_(StreamSeed(seed, team, stream)) {}

int64_t SeededRandom::Uniform(int64_t lo, int64_t hi) {
  const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
  // The modulo bias is below 2^-40 for the small spans used here.
  return lo + static_cast<int64_t>(span == 0 ? engine_() : engine_() % span);
}

bool SeededRandom::Chance(double p) {
  // 53 random bits: every double in [0, 1) this can produce is exact.
  const double unit = static_cast<double>(engine_() >> 11) * 0x1.0p-53;
  return unit < p;
}

absl::Duration SeededRandom::UniformDuration(absl::Duration lo,
                                             absl::Duration hi) {
  return absl::Seconds(
      Uniform(absl::ToInt64Seconds(lo), absl::ToInt64Seconds(hi)));
}

std::string SeededRandom::HexToken(int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < digits; ++i) token += kHex[Uniform(0, 15)];
  return token;
}

int SeededRandom::PickWeighted(absl::Span<const double> weights) {
  double total = 0;
  for (const double w : weights) total += w;
  double point = static_cast<double>(engine_() >> 11) * 0x1.0p-53 * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (point < weights[i]) return static_cast<int>(i);
    point -= weights[i];
  }
  // Rounding can leave point just above the last weight: take the last
  // positive one.
  for (size_t i = weights.size(); i-- > 0;) {
    if (weights[i] > 0) return static_cast<int>(i);
  }
  return 0;
}

absl::Time SampleInBand(SeededRandom& rng, absl::Time from, absl::Time to,
                        analysis::TimeBand band, const absl::TimeZone& zone) {
  const int64_t span = absl::ToInt64Seconds(to - from);
  if (span <= 0) return from;
  // Every band covers at least a quarter of any full week, so a few hundred
  // tries almost never all miss.
  for (int attempt = 0; attempt < 400; ++attempt) {
    const absl::Time t = from + absl::Seconds(rng.Uniform(0, span - 1));
    if (analysis::BandOf(t, zone) == band) return t;
  }
  for (absl::Time t = from; t < to; t += absl::Minutes(1)) {
    if (analysis::BandOf(t, zone) == band) return t;
  }
  return from;
}

}  // namespace teamload::synthetic::internal
