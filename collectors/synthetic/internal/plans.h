// Plans: what each archetype looks like, in numbers and weeks. The
// generator turns these into signals; keeping the shapes here, apart from
// the mechanics, lets one read an archetype's whole story in one place.
//
// Weeks count back from the end: week 0 is the last 7 days. Pure functions
// of their arguments (and the given SeededRandom): thread-compatible.
#ifndef TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_PLANS_H_
#define TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_PLANS_H_

#include <array>
#include <vector>

#include "absl/time/time.h"
#include "collectors/synthetic/archetype.h"
#include "collectors/synthetic/internal/phrases.h"
#include "collectors/synthetic/internal/random.h"

namespace teamload::synthetic::internal {

// The generator's window: `count` weeks ending at `end`.
struct Weeks {
  absl::Time end;
  int count = 0;

  absl::Time Start(int week) const { return end - (week + 1) * Week(); }
  absl::Time End(int week) const { return end - week * Week(); }
  static absl::Duration Week() { return absl::Hours(24 * 7); }
};

// Pages in one week, how many of them fall in sleep hours
// (analysis::TimeBand::kSleep), and at most how many land in one on-call
// shift (analysis::ShiftOf; zero: no limit). Calm weeks spread out, as they
// do on real rotations.
struct PageWeek {
  int total = 0;
  int sleep = 0;
  int max_per_shift = 0;
};
// One entry per week, indexed by week (0 is the last).
std::vector<PageWeek> PlanPages(Archetype archetype, int weeks,
                                SeededRandom& rng);

// Alert storms: how many more pages follow one of week `week`'s pages, each
// a few seconds after the one before, so the person paged feels one
// interruption (daemon/analysis/interruptions.h) where the pager counts
// several. A surge comes with storms: in pager_surge's last week about 4
// pages in 10 bring 1 to 3 more; no other week or archetype has any. Draws
// from `rng` only when it may return more than zero.
int StormFollowUps(Archetype archetype, int week, SeededRandom& rng);

// One near miss: when it may happen and whether, and how soon, someone
// writes it up.
struct OopsPlan {
  absl::Time earliest;
  absl::Time latest;
  bool written_up = true;
  absl::Duration min_delay;  // from occurrence to write-up
  absl::Duration max_delay;
};
std::vector<OopsPlan> PlanOopses(Archetype archetype, const Weeks& weeks,
                                 SeededRandom& rng);

// One piece of deferred work: first deferred between `earliest` and
// `latest`, deferred again every `redefer_every` after that (zero: never
// again), and done `resolve_after` after it was first deferred (zero:
// never; nor when that would be after the end).
struct DeferralPlan {
  absl::Time earliest;
  absl::Time latest;
  absl::Duration redefer_every;
  absl::Duration resolve_after;
};
std::vector<DeferralPlan> PlanDeferrals(Archetype archetype, const Weeks& weeks,
                                        SeededRandom& rng);

// How people answer: a score range and the odds of each Theme.
struct Mood {
  int min_score = 3;
  int max_score = 5;
  std::array<double, kThemeCount> theme_weights{};
};
struct SurveyPlan {
  int week = 0;
  int respondents = 6;  // out of the team's six
  Mood mood;
};
std::vector<SurveyPlan> PlanSurveys(Archetype archetype, int weeks);

// One migration, as its register would list it; InfiniteFuture: not so
// (no plan, still in flight, not looked back on).
struct MigrationPlan {
  absl::string_view name;
  absl::string_view title;
  absl::Time started;
  absl::Time planned_end;
  absl::Time finished;
  absl::Time retrospective;
};
// None but for kMigrationOverload, over a window of 12 weeks or more.
std::vector<MigrationPlan> PlanMigrations(Archetype archetype,
                                          const Weeks& weeks);

// Deploys in one week, and how many of them were change failures.
struct DeployWeek {
  int total = 0;
  int failures = 0;
};
// One entry per week, indexed by week (0 is the last); none but for
// kDeploySurge.
std::vector<DeployWeek> PlanDeploys(Archetype archetype, int weeks,
                                    SeededRandom& rng);

// How long before the end a source of this team went silent: it sent
// neither signals nor coverage after end - SilentFor. Zero for most.
absl::Duration SilentFor(Archetype archetype, absl::string_view source);

}  // namespace teamload::synthetic::internal

#endif  // TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_PLANS_H_
