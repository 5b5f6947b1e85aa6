// writeup_themes (the theme's boundary): what recurs across the team's own
// incident and near-miss write-ups (cross-incident analysis). Each oops's
// title and summary were read for the write-up themes when it arrived
// (themes::Reader); a theme raised by at least 2 of the oopses that
// occurred in the 16 weeks up to as_of is an INFO finding, with those
// write-ups (ids and titles) as evidence: context for the conversation
// with the team, never a level of pressure on its own.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_WRITEUP_THEMES_H_
#define TEAMLOAD_DAEMON_ANALYSIS_WRITEUP_THEMES_H_

#include <string>
#include <vector>

#include "daemon/analysis/detector.h"

namespace teamload::analysis {

// One write-up that raised a theme.
struct WriteupRef {
  std::string id;
  std::string title;
  absl::Time occurred_at;
};

// Adds the findings to `out` and returns, per theme of the catalog, the
// write-ups in the window that raised it, oldest first.
std::vector<std::vector<WriteupRef>> DetectWriteupThemes(
    const DetectorInput& in, Findings& out);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_WRITEUP_THEMES_H_
