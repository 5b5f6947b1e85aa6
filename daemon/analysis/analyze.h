// Analyze: every detector over one team, as of one moment. Pure: the same
// config, history and as_of give the same Analysis, byte for byte.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_ANALYZE_H_
#define TEAMLOAD_DAEMON_ANALYSIS_ANALYZE_H_

#include <vector>

#include "absl/time/time.h"
#include "daemon/analysis/delivery_context.h"
#include "daemon/analysis/detector.h"
#include "daemon/analysis/interruptions.h"
#include "daemon/analysis/migration_load.h"
#include "daemon/analysis/survey_themes.h"
#include "daemon/analysis/writeup_themes.h"

namespace teamload::analysis {

// What the detectors looked at, for the narrative to say so.
struct LookedAt {
  int pages = 0;            // in the 9 weeks pager_load reads
  int interruptions = 0;    // those pages merged (interruptions.h)
  int disrupted_hours = 0;  // local clock hours with one of those pages
  PageLoad last_7_days;     // the pages of the 7 days up to as_of
  int oopses = 0;           // in the 16 weeks unwritten_oops reads
  int open_deferrals = 0;
  int migrations_in_flight = 0;
  int unwritten_oopses = 0;  // past oops_writeup_days and not written up
  int survey_answers = 0;    // in the latest survey
  std::vector<std::pair<std::string, absl::Time>>
      coverage;  // by source, sorted
};

struct Analysis {
  Findings findings;  // in detector order; the narrative orders them
  std::vector<teamload::v1::BlindSpot> blind_spots;
  LookedAt looked_at;
  std::vector<SurveyReading> surveys;  // latest first, at most 2
  // Per theme of the catalog: the recent write-ups that raised it.
  std::vector<std::vector<WriteupRef>> writeups;
  // For ListThemes and the reports' overview, across teams.
  MigrationsFinished migrations_finished;
  // Deploys beside pages: context for people, never a finding.
  std::optional<DeliveryContext> delivery;
  // What people noted about these weeks (RecentAnnotations): context only.
  std::vector<model::AnnotationFact> context;
};

Analysis Analyze(const config::TeamConfig& team,
                 const model::TeamHistory& history, absl::Time as_of);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_ANALYZE_H_
