// unwritten_oops (safety boundary): near misses reported but not written up
// after oops_writeup_days (default 14); the write-up rate against the team's
// own past; and a team that used to report oopses and went quiet while its
// pages stayed up.
//
//   WATCH     >= unwritten_watch unwritten (default 1)
//   ATTENTION >= unwritten_attention unwritten (default 3), or "went quiet":
//             3 or more oopses in the 8 weeks before the last 4, none in the
//             last 4, and no fewer pages in the last 4 weeks than before
#ifndef TEAMLOAD_DAEMON_ANALYSIS_UNWRITTEN_OOPS_H_
#define TEAMLOAD_DAEMON_ANALYSIS_UNWRITTEN_OOPS_H_

#include <vector>

#include "daemon/analysis/detector.h"

namespace teamload::analysis {

void DetectUnwrittenOops(const DetectorInput& in, Findings& out);

// Oopses that occurred by `at` - `grace` and were not written up by `at`,
// oldest first. The pointers live as long as `history` is unchanged.
std::vector<const model::OopsFact*> UnwrittenOopses(
    const model::TeamHistory& history, absl::Time at, absl::Duration grace);

// How long a team has to write an oops up (oops_writeup_days).
absl::Duration WriteupGrace(const config::AnalysisConfig& config);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_UNWRITTEN_OOPS_H_
