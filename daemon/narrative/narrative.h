// Narrative: a team's story from its Analysis: the headline naming the
// boundaries under pressure and the strongest evidence, the findings in
// order (ATTENTION, WATCH, INFO, then boundary), the blind spots, questions
// for the manager, and the Markdown that tells it all to people.
//
// Pure and deterministic: the same analysis and as_of give the same bytes.
// There is no composite score anywhere, by design.
#ifndef TEAMLOAD_DAEMON_NARRATIVE_NARRATIVE_H_
#define TEAMLOAD_DAEMON_NARRATIVE_NARRATIVE_H_

#include "absl/time/time.h"
#include "daemon/analysis/analyze.h"
#include "daemon/config/config.h"
#include "teamload/v1/narrative.pb.h"

namespace teamload::narrative {

teamload::v1::Narrative BuildNarrative(const config::TeamConfig& team,
                                       const analysis::Analysis& analysis,
                                       absl::Time as_of);

// "workload", "economic", "safety".
// Whether a finding is context for the conversation rather than pressure
// on a boundary: what recurs in write-ups (writeup_themes). Context never
// leads a headline or fills a report's heat table.
bool IsContext(const teamload::v1::Finding& finding);

std::string BoundaryName(teamload::v1::Boundary boundary);

// "attention", "watch", "info": the words teamloadctl and the metrics use.
std::string LevelName(teamload::v1::Level level);

// Whether two narratives tell the same story: the same headline, findings,
// blind spots and questions, whatever their as_of (the Markdown names as_of,
// so it differs every minute).
bool SameStory(const teamload::v1::Narrative& a,
               const teamload::v1::Narrative& b);

// The highest level among the narrative's findings; LEVEL_UNSPECIFIED when
// it has none. For filtering lists, never shown as a rating.
teamload::v1::Level HighestLevel(const teamload::v1::Narrative& narrative);

}  // namespace teamload::narrative

#endif  // TEAMLOAD_DAEMON_NARRATIVE_NARRATIVE_H_
