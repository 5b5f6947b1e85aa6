// Archetype: the shape of a synthetic team's history, one per kind of
// trouble teamload's detectors look for (plus a healthy baseline). Each
// archetype has a stable lower-case name used on the command line.
//
// Plain values and pure functions: thread-safe.
#ifndef TEAMLOAD_COLLECTORS_SYNTHETIC_ARCHETYPE_H_
#define TEAMLOAD_COLLECTORS_SYNTHETIC_ARCHETYPE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace teamload::synthetic {

enum class Archetype {
  kSteady,           // a healthy team: the baseline every other one bends
  kPagerSurge,       // a normal quarter, then a brutal last week of pages
  kQuietUnderwater,  // pages creep up, near misses go unwritten, survey silence
  kDeferralDrift,    // the same work pushed back sprint after sprint
  kRecovering,       // a bad stretch a month ago, calm again now
  kBlind,            // healthy, but two sources went dark three weeks ago
  kMigrationOverload,  // steady, but drowning in migrations, one overdue and
                       // one never looked back on
  kDeploySurge,        // pages rise for 4 weeks as deploys more than double
};

// Every archetype, in the order above (the order --teams cycles through).
absl::Span<const Archetype> AllArchetypes();

// "steady", "pager_surge", "quiet_underwater", "deferral_drift",
// "recovering", "blind", "migration_overload", "deploy_surge".
absl::string_view ArchetypeName(Archetype archetype);

// One line for --help: what the history looks like.
absl::string_view ArchetypeDescription(Archetype archetype);

// The archetype with that exact name; INVALID_ARGUMENT naming every valid
// name otherwise.
absl::StatusOr<Archetype> ParseArchetype(absl::string_view name);

}  // namespace teamload::synthetic

#endif  // TEAMLOAD_COLLECTORS_SYNTHETIC_ARCHETYPE_H_
