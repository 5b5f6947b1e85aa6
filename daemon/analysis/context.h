// Context: what people noted about a team's recent weeks (annotations), for
// the narrative to list beside the findings. Never evidence: no detector
// reads annotations, so the same facts with or without them give the same
// findings and levels.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_CONTEXT_H_
#define TEAMLOAD_DAEMON_ANALYSIS_CONTEXT_H_

#include <vector>

#include "absl/time/time.h"
#include "daemon/analysis/detector.h"
#include "daemon/model/team_history.h"

namespace teamload::analysis {

// The window a narrative's context covers: the weeks pager_load compares.
inline constexpr absl::Duration kContextWindow = absl::Hours(9 * 24 * 7);
// A narrative lists at most this many annotations, the newest.
inline constexpr int kMaxContextNotes = 10;

// The annotations that happened in (as_of - kContextWindow, as_of], newest
// first (ties by id), at most kMaxContextNotes.
std::vector<model::AnnotationFact> RecentAnnotations(
    const model::TeamHistory& history, absl::Time as_of);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_CONTEXT_H_
