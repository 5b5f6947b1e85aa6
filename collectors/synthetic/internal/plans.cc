#include "collectors/synthetic/internal/plans.h"

#include <algorithm>

namespace teamload::synthetic::internal {
namespace {

constexpr absl::Duration kDay = absl::Hours(24);
constexpr absl::Duration kSprint = absl::Hours(24 * 14);
constexpr int kCalmShiftLimit = 2;  // pages in one 12-hour shift

// About five pages a week, at most one at night, never more than two in one
// shift.
PageWeek SteadyPages(SeededRandom& rng) {
  return {static_cast<int>(rng.Uniform(4, 6)),
          static_cast<int>(rng.Uniform(0, 1)), kCalmShiftLimit};
}

PageWeek Pages(SeededRandom& rng, int min_total, int max_total, int min_sleep,
               int max_sleep, int max_per_shift) {
  return {static_cast<int>(rng.Uniform(min_total, max_total)),
          static_cast<int>(rng.Uniform(min_sleep, max_sleep)), max_per_shift};
}

double Median(std::vector<int> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

// A steady team's last week is unremarkable against the eight before it:
// under 1.5 times their median (or it would read as rising), and their peak
// under 1.5 times this week (or it would read as a recovery).
void KeepLastWeekUnremarkable(std::vector<PageWeek>& weeks, SeededRandom& rng) {
  if (weeks.size() < 2) return;
  std::vector<int> before;
  for (size_t k = 1; k < weeks.size() && k <= 8; ++k) {
    before.push_back(weeks[k].total);
  }
  const double median = Median(before);
  const int peak = *std::max_element(before.begin(), before.end());
  std::vector<int> unremarkable;
  for (int total = 4; total <= 6; ++total) {
    if (total < 1.5 * median && peak < 1.5 * total) {
      unremarkable.push_back(total);
    }
  }
  if (!unremarkable.empty()) {
    weeks[0].total = rng.Pick(absl::Span<const int>(unremarkable));
  }
}

PageWeek PlanWeek(Archetype archetype, int week, SeededRandom& rng) {
  switch (archetype) {
    case Archetype::kSteady:
    case Archetype::kDeferralDrift:
    case Archetype::kBlind:
    case Archetype::kMigrationOverload:
      return SteadyPages(rng);
    case Archetype::kPagerSurge:
      return week == 0 ? Pages(rng, 14, 16, 5, 7, 0) : SteadyPages(rng);
    case Archetype::kDeploySurge:
      // Pages follow the deploys up, a little more each week.
      switch (week) {
        case 0:
          return Pages(rng, 11, 13, 0, 1, kCalmShiftLimit);
        case 1:
          return Pages(rng, 8, 9, 0, 1, kCalmShiftLimit);
        case 2:
          return Pages(rng, 7, 8, 0, 1, kCalmShiftLimit);
        case 3:
          return Pages(rng, 6, 7, 0, 1, kCalmShiftLimit);
        default:
          return SteadyPages(rng);
      }
    case Archetype::kQuietUnderwater:
      // A creep, not a spike: each of the last four weeks a little worse.
      switch (week) {
        case 0:
          return Pages(rng, 9, 10, 1, 2, kCalmShiftLimit);
        case 1:
          return Pages(rng, 8, 9, 1, 2, kCalmShiftLimit);
        case 2:
          return Pages(rng, 7, 7, 0, 1, kCalmShiftLimit);
        case 3:
          return Pages(rng, 6, 6, 0, 1, kCalmShiftLimit);
        default:
          return Pages(rng, 4, 5, 0, 1, kCalmShiftLimit);
      }
    case Archetype::kRecovering:
      // Heavy weeks 4 to 8, easing in week 3, calm again since.
      if (week >= 4 && week <= 8) return Pages(rng, 12, 14, 3, 5, 0);
      if (week == 3) return Pages(rng, 8, 9, 1, 2, kCalmShiftLimit);
      if (week <= 2) return Pages(rng, 4, 5, 0, 1, kCalmShiftLimit);
      return SteadyPages(rng);
  }
  return SteadyPages(rng);
}

// About one near miss every two weeks, each written up within 1 to 5 days.
// Blocks of two weeks count back from the end; the last 5 days of a block
// are left for the write-up, so none is still pending at the end.
std::vector<OopsPlan> SteadyOopses(const Weeks& weeks) {
  std::vector<OopsPlan> plans;
  for (int newest = 0; newest < weeks.count; newest += 2) {
    const int oldest = std::min(newest + 1, weeks.count - 1);
    plans.push_back({.earliest = weeks.Start(oldest),
                     .latest = weeks.End(newest) - 5 * kDay,
                     .written_up = true,
                     .min_delay = kDay,
                     .max_delay = 5 * kDay});
  }
  return plans;
}

OopsPlan WrittenUp(absl::Time earliest, absl::Time latest,
                   absl::Duration min_delay, absl::Duration max_delay) {
  return {earliest, latest, true, min_delay, max_delay};
}

OopsPlan NeverWrittenUp(absl::Time earliest, absl::Time latest) {
  return {earliest, latest, false, absl::ZeroDuration(), absl::ZeroDuration()};
}

// One item pushed back at the start of every two-week block, each done
// `min_life` to `max_life` later. With about five weeks, two are open at
// the end of one week and two or three at the end of the next: the count
// goes up and down but never trends.
std::vector<DeferralPlan> SteadyDeferrals(const Weeks& weeks,
                                          absl::Duration min_life,
                                          absl::Duration max_life,
                                          SeededRandom& rng) {
  std::vector<DeferralPlan> plans;
  for (int newest = 0; newest < weeks.count; newest += 2) {
    const absl::Time start = weeks.Start(std::min(newest + 1, weeks.count - 1));
    plans.push_back({start, start + 3 * kDay, absl::ZeroDuration(),
                     rng.UniformDuration(min_life, max_life)});
  }
  return plans;
}

// Weights, in Theme order: neutral, time pressure, missing context, tooling
// friction, on-call fatigue, intent to leave, low safety.
constexpr Mood kContent{2, 5, {1, 0, 0, 0, 0, 0, 0}};  // scores 3-5
constexpr Mood kStretched{3, 4, {0.8, 0.08, 0.02, 0.02, 0.08, 0, 0}};
constexpr Mood kPagedOut{1, 3, {0.1, 0.3, 0.05, 0, 0.45, 0.05, 0.05}};
constexpr Mood kUnderwater{1, 3, {0.05, 0.35, 0.15, 0, 0.35, 0.05, 0.05}};
constexpr Mood kToolingWoes{2, 4, {0.2, 0.25, 0.05, 0.5, 0, 0, 0}};
constexpr Mood kBurntOut{1, 3, {0.05, 0.3, 0.05, 0, 0.4, 0.1, 0.1}};
constexpr Mood kMending{3, 4, {1, 0, 0, 0, 0, 0, 0}};

Mood MoodOf(Archetype archetype, int week) {
  switch (archetype) {
    case Archetype::kSteady:
    case Archetype::kBlind:
    case Archetype::kMigrationOverload:
    case Archetype::kDeploySurge:
      return kContent;
    case Archetype::kPagerSurge:
      return week == 0 ? kPagedOut : kStretched;
    case Archetype::kQuietUnderwater:
      return week == 0 ? kUnderwater : kStretched;
    case Archetype::kDeferralDrift:
      return week < 8 ? kToolingWoes : kContent;
    case Archetype::kRecovering:
      if (week >= 4 && week <= 8) return kBurntOut;
      return week < 4 ? kMending : kContent;
  }
  return kContent;
}

}  // namespace

std::vector<PageWeek> PlanPages(Archetype archetype, int weeks,
                                SeededRandom& rng) {
  std::vector<PageWeek> plan(std::max(weeks, 0));
  for (int week = weeks - 1; week >= 0; --week) {
    plan[week] = PlanWeek(archetype, week, rng);
  }
  if (archetype == Archetype::kSteady ||
      archetype == Archetype::kDeferralDrift ||
      archetype == Archetype::kBlind ||
      archetype == Archetype::kMigrationOverload) {
    KeepLastWeekUnremarkable(plan, rng);
  }
  return plan;
}

int StormFollowUps(Archetype archetype, int week, SeededRandom& rng) {
  if (archetype != Archetype::kPagerSurge || week != 0) return 0;
  return rng.Chance(0.4) ? static_cast<int>(rng.Uniform(1, 3)) : 0;
}

std::vector<OopsPlan> PlanOopses(Archetype archetype, const Weeks& weeks,
                                 SeededRandom& rng) {
  std::vector<OopsPlan> plans;
  switch (archetype) {
    case Archetype::kSteady:
    case Archetype::kPagerSurge:
    case Archetype::kDeferralDrift:
    case Archetype::kMigrationOverload:
    case Archetype::kDeploySurge:
      return SteadyOopses(weeks);
    case Archetype::kBlind:
      // Steady until the source went dark three weeks ago. Its last report,
      // in week 3, is written up before then: what follows is blindness,
      // not a team that stopped reporting near misses.
      plans = SteadyOopses({weeks.End(4), weeks.count - 4});
      if (weeks.count > 3) {
        plans.push_back(WrittenUp(weeks.Start(3), weeks.End(3) - 3 * kDay,
                                  absl::Hours(12), 2 * kDay));
      }
      return plans;
    case Archetype::kQuietUnderwater:
      // Written up weekly until six weeks ago; since then reported and left.
      // Weeks 2 to 5 each get one, so at least four are over 14 days old.
      for (int week = weeks.count - 1; week >= 0; --week) {
        if (week >= 6) {
          plans.push_back(
              WrittenUp(weeks.Start(week), weeks.End(week), kDay, 5 * kDay));
        } else if (week >= 2 || rng.Chance(0.5)) {
          plans.push_back(NeverWrittenUp(weeks.Start(week), weeks.End(week)));
        }
      }
      return plans;
    case Archetype::kRecovering:
      // Calm long ago; one a week during the bad stretch, written up weeks
      // late once the load dropped; written up within hours again lately.
      for (int week = weeks.count - 1; week >= 0; --week) {
        if (week >= 9) {
          if (rng.Chance(0.5)) {
            plans.push_back(
                WrittenUp(weeks.Start(week), weeks.End(week), kDay, 5 * kDay));
          }
        } else if (week >= 4) {
          plans.push_back(WrittenUp(weeks.Start(week), weeks.End(week),
                                    15 * kDay, 24 * kDay));
        } else if (week >= 1 || rng.Chance(0.5)) {
          plans.push_back(WrittenUp(weeks.Start(week),
                                    weeks.End(week) - 2 * kDay, absl::Hours(4),
                                    absl::Hours(36)));
        }
      }
      return plans;
  }
  return plans;
}

std::vector<DeferralPlan> PlanDeferrals(Archetype archetype, const Weeks& weeks,
                                        SeededRandom& rng) {
  if (archetype != Archetype::kDeferralDrift) {
    return SteadyDeferrals(weeks, 34 * kDay, 36 * kDay, rng);
  }
  // Drift: business as usual until nine weeks ago, all of it done within a
  // week, plus one item that never got done; then a new item every week,
  // each pushed back again every sprint, none resolved.
  std::vector<DeferralPlan> plans =
      SteadyDeferrals({weeks.End(9), weeks.count - 9}, 3 * kDay, 7 * kDay, rng);
  const int last = weeks.count - 1;
  if (last >= 8) {
    const int week = static_cast<int>(rng.Uniform(8, last));
    plans.push_back(
        {weeks.Start(week), weeks.End(week), kSprint, absl::ZeroDuration()});
  }
  for (int week = std::min(7, last); week >= 0; --week) {
    plans.push_back(
        {weeks.Start(week), weeks.End(week), kSprint, absl::ZeroDuration()});
  }
  return plans;
}

std::vector<SurveyPlan> PlanSurveys(Archetype archetype, int weeks) {
  std::vector<SurveyPlan> plans;
  // Every four weeks, the most recent in week 0; oldest first.
  for (int week = (weeks - 1) / 4 * 4; week >= 0; week -= 4) {
    const bool silent = archetype == Archetype::kQuietUnderwater && week == 0;
    plans.push_back({week, silent ? 2 : 6, MoodOf(archetype, week)});
  }
  return plans;
}

std::vector<MigrationPlan> PlanMigrations(Archetype archetype,
                                          const Weeks& weeks) {
  if (archetype != Archetype::kMigrationOverload || weeks.count < 12) return {};
  const absl::Time never = absl::InfiniteFuture();
  return {
      // Due four weeks ago, still going.
      {"ledger-postgres-16", "Move the ledger to PostgreSQL 16",
       weeks.Start(11), weeks.End(4), never, never},
      // Done six weeks ago; nobody has looked back on it.
      {"kafka-3", "Upgrade the event bus to Kafka 3", weeks.Start(10), never,
       weeks.End(6), never},
      // Done and looked back on a week later.
      {"k8s-1-31", "Kubernetes 1.31 on every cluster", weeks.Start(9),
       weeks.End(7), weeks.End(8), weeks.End(7)},
      // Three more started in the last three weeks.
      {"search-v2", "Search API v2 for every caller", weeks.Start(2),
       weeks.end + 8 * Weeks::Week(), never, never},
      {"auth-oidc", "Sign-in through OIDC", weeks.Start(1),
       weeks.end + 10 * Weeks::Week(), never, never},
      {"ci-runners", "CI on the new runners", weeks.Start(0),
       weeks.end + 6 * Weeks::Week(), never, never},
  };
}

std::vector<DeployWeek> PlanDeploys(Archetype archetype, int weeks,
                                    SeededRandom& rng) {
  if (archetype != Archetype::kDeploySurge) return {};
  std::vector<DeployWeek> plan(std::max(weeks, 0));
  for (int week = weeks - 1; week >= 0; --week) {
    plan[week] = week < 4 ? DeployWeek{static_cast<int>(rng.Uniform(12, 14)),
                                       static_cast<int>(rng.Uniform(1, 2))}
                          : DeployWeek{static_cast<int>(rng.Uniform(4, 6)),
                                       week % 4 == 0 ? 1 : 0};
  }
  return plan;
}

absl::Duration SilentFor(Archetype archetype, absl::string_view source) {
  if (archetype == Archetype::kBlind &&
      (source == "oops" || source == "survey")) {
    return absl::Hours(24 * 21);
  }
  return absl::ZeroDuration();
}

}  // namespace teamload::synthetic::internal
