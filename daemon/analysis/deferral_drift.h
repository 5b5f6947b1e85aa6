// deferral_drift (economic boundary): open deferred items over the last 8
// weeks, tested for a trend with the Theil-Sen slope and the Mann-Kendall test
// (not a two-point difference); items deferred deferral_repeat or more times
// (default 3); the oldest open item.
//
//   WATCH     a significant rising trend, or any item deferred >= 3 times
//   ATTENTION both
//
// Replaying a past as_of: items open then are counted from their first
// deferral and resolved_at, but times_deferred is the item's latest count.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_DEFERRAL_DRIFT_H_
#define TEAMLOAD_DAEMON_ANALYSIS_DEFERRAL_DRIFT_H_

#include "daemon/analysis/detector.h"

namespace teamload::analysis {

void DetectDeferralDrift(const DetectorInput& in, Findings& out);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_DEFERRAL_DRIFT_H_
