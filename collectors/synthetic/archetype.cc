#include "collectors/synthetic/archetype.h"

#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace teamload::synthetic {
namespace {

struct ArchetypeInfo {
  Archetype archetype;
  absl::string_view name;
  absl::string_view description;
};

constexpr ArchetypeInfo kArchetypes[] = {
    {Archetype::kSteady, "steady",
     "~5 pages a week, near misses written up, a few deferrals, content "
     "surveys"},
    {Archetype::kPagerSurge, "pager_surge",
     "steady until the last week: 14-16 interruptions, at least 5 of them "
     "at night, some in alert storms of 2-4 pages within seconds"},
    {Archetype::kQuietUnderwater, "quiet_underwater",
     "pages creep up, recent near misses never written up, last survey "
     "answered by 2 of 6"},
    {Archetype::kDeferralDrift, "deferral_drift",
     "a new deferred item every week for 8 weeks, none resolved, some "
     "deferred 3+ times"},
    {Archetype::kRecovering, "recovering",
     "heavy paging 4-8 weeks ago, back to ~5 a week, write-ups prompt again"},
    {Archetype::kBlind, "blind",
     "steady, but oops and survey stop reporting (and covering) 3 weeks "
     "before the end"},
    {Archetype::kMigrationOverload, "migration_overload",
     "steady pages, but 4 migrations in flight (3 started in the last 3 "
     "weeks, 1 past its planned end) and 1 finished 6 weeks ago that nobody "
     "looked back on"},
    {Archetype::kDeploySurge, "deploy_surge",
     "~5 deploys and ~5 pages a week, then 4 weeks of 12-14 deploys (some "
     "failing) while pages climb to 11-13 a week"},
};

constexpr Archetype kOrder[] = {
    Archetype::kSteady,
    Archetype::kPagerSurge,
    Archetype::kQuietUnderwater,
    Archetype::kDeferralDrift,
    Archetype::kRecovering,
    Archetype::kBlind,
    Archetype::kMigrationOverload,
    Archetype::kDeploySurge,
};

const ArchetypeInfo& InfoOf(Archetype archetype) {
  for (const ArchetypeInfo& info : kArchetypes) {
    if (info.archetype == archetype) return info;
  }
  return kArchetypes[0];  // unreachable for a valid enum value
}

}  // namespace

absl::Span<const Archetype> AllArchetypes() { return kOrder; }

absl::string_view ArchetypeName(Archetype archetype) {
  return InfoOf(archetype).name;
}

absl::string_view ArchetypeDescription(Archetype archetype) {
  return InfoOf(archetype).description;
}

absl::StatusOr<Archetype> ParseArchetype(absl::string_view name) {
  std::vector<std::string> names;
  for (const ArchetypeInfo& info : kArchetypes) {
    if (info.name == name) return info.archetype;
    names.emplace_back(info.name);
  }
  return absl::InvalidArgumentError(
      absl::StrFormat("unknown archetype \"%s\" (valid: %s)", name,
                      absl::StrJoin(names, ", ")));
}

}  // namespace teamload::synthetic
