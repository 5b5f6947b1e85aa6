// blind_spot: every expected source whose coverage is missing or older than
// coverage_stale_days (default 7). The narrative must say "we cannot see X",
// never treat the silence as calm.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_BLIND_SPOT_H_
#define TEAMLOAD_DAEMON_ANALYSIS_BLIND_SPOT_H_

#include <vector>

#include "daemon/analysis/detector.h"

namespace teamload::analysis {

std::vector<teamload::v1::BlindSpot> DetectBlindSpots(const DetectorInput& in);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_BLIND_SPOT_H_
