// Small statistics for slow drift: medians, the Theil-Sen slope and the
// Mann-Kendall trend test. Pure functions; series are in time order, one
// point per equal interval.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_TREND_H_
#define TEAMLOAD_DAEMON_ANALYSIS_TREND_H_

#include <vector>

#include "teamload/v1/narrative.pb.h"

namespace teamload::analysis {

double Median(std::vector<double> values);  // 0 for an empty series

// The median of the slopes between every pair of points, per interval.
double TheilSenSlope(const std::vector<double>& series);

struct MannKendall {
  int s = 0;     // concordant minus discordant pairs
  double z = 0;  // normal approximation, with tie correction
  double p = 1;  // two-sided p-value
};
MannKendall MannKendallTest(const std::vector<double>& series);

// RISING or FALLING when Mann-Kendall is significant at `p_threshold`,
// STEADY otherwise.
teamload::v1::Trend TrendOf(const std::vector<double>& series,
                            double p_threshold);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_TREND_H_
