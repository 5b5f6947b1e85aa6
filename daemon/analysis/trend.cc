#include "daemon/analysis/trend.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace teamload::analysis {

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double TheilSenSlope(const std::vector<double>& series) {
  std::vector<double> slopes;
  for (std::size_t i = 0; i < series.size(); ++i) {
    for (std::size_t j = i + 1; j < series.size(); ++j) {
      slopes.push_back((series[j] - series[i]) / static_cast<double>(j - i));
    }
  }
  return Median(std::move(slopes));
}

MannKendall MannKendallTest(const std::vector<double>& series) {
  MannKendall result;
  const std::size_t n = series.size();
  if (n < 3) return result;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      result.s += (series[j] > series[i]) - (series[j] < series[i]);
    }
  }
  std::map<double, int> ties;
  for (double v : series) ++ties[v];
  double variance = n * (n - 1.0) * (2.0 * n + 5) / 18;
  for (const auto& [value, t] : ties) {
    if (t > 1) variance -= t * (t - 1.0) * (2.0 * t + 5) / 18;
  }
  if (variance <= 0) return result;
  if (result.s > 0) result.z = (result.s - 1) / std::sqrt(variance);
  if (result.s < 0) result.z = (result.s + 1) / std::sqrt(variance);
  result.p = std::erfc(std::fabs(result.z) / std::sqrt(2.0));
  return result;
}

teamload::v1::Trend TrendOf(const std::vector<double>& series,
                            double p_threshold) {
  const MannKendall mk = MannKendallTest(series);
  if (mk.p >= p_threshold) return teamload::v1::TREND_STEADY;
  return mk.s > 0 ? teamload::v1::TREND_RISING : teamload::v1::TREND_FALLING;
}

}  // namespace teamload::analysis
