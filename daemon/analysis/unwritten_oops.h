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

#include "daemon/analysis/detector.h"

namespace teamload::analysis {

void DetectUnwrittenOops(const DetectorInput& in, Findings& out);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_UNWRITTEN_OOPS_H_
