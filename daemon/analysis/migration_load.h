// migration_load (workload boundary): migrations in flight against the
// team's on-call rotation and against its own past; migrations past their
// planned end; and migrations finished migration_retro_days (default 30) ago
// or more that nobody has looked back on (no retrospective written).
//
//   crowded   2 or more in flight, and more than one for every two people on
//             call (oncall_size)
//   usual     the median in flight at the end of each of the 26 weeks before
//             the last 4: the team's own past
//   WATCH     crowded, or any migration overdue, or any finished migration
//             not looked back on
//   ATTENTION crowded while more are in flight than usual or one is overdue
//
// The trend compares what is in flight now with 4 weeks before.
//
// Replaying a past as_of: a migration counts from when it started, finished
// and was looked back on; its planned end is the latest one sent.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_MIGRATION_LOAD_H_
#define TEAMLOAD_DAEMON_ANALYSIS_MIGRATION_LOAD_H_

#include "daemon/analysis/detector.h"

namespace teamload::analysis {

void DetectMigrationLoad(const DetectorInput& in, Findings& out);

// How long a team has to look back on a finished migration
// (migration_retro_days).
absl::Duration RetroGrace(const config::AnalysisConfig& config);

// The period ListThemes and the reports count finished migrations over.
inline constexpr int kMigrationPeriodWeeks = 13;

// Migrations that finished in the kMigrationPeriodWeeks up to as_of, and of
// those, how many had a retrospective written by as_of.
struct MigrationsFinished {
  int finished = 0;
  int looked_back_on = 0;
};
MigrationsFinished FinishedMigrations(const model::TeamHistory& history,
                                      absl::Time as_of);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_MIGRATION_LOAD_H_
