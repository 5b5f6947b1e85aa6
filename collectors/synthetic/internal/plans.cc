#include "collectors/synthetic/internal/plans.h"

#include <algorithm>

namespace teamload::synthetic::internal {
namespace {

constexpr absl::Duration kDay = absl::Hours(24);
constexpr absl::Duration kSprint = absl::Hours(24 * 14);

PageWeek SteadyPages(SeededRandom& rng) {
  return {static_cast<int>(rng.Uniform(4, 6)),
          static_cast<int>(rng.Uniform(0, 1))};
}

PageWeek Pages(SeededRandom& rng, int min_total, int max_total, int min_sleep,
               int max_sleep) {
  return {static_cast<int>(rng.Uniform(min_total, max_total)),
          static_cast<int>(rng.Uniform(min_sleep, max_sleep))};
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

// Weights, in Theme order: neutral, time pressure, missing context, tooling
// friction, on-call fatigue, intent to leave, low safety.
constexpr Mood kContent{3, 5, {0.85, 0.05, 0.02, 0.08, 0, 0, 0}};
constexpr Mood kStretched{3, 4, {0.5, 0.2, 0.05, 0.05, 0.2, 0, 0}};
constexpr Mood kPagedOut{1, 3, {0.1, 0.3, 0.05, 0, 0.45, 0.05, 0.05}};
constexpr Mood kUnderwater{1, 3, {0.05, 0.35, 0.15, 0, 0.35, 0.05, 0.05}};
constexpr Mood kToolingWoes{2, 4, {0.15, 0.35, 0.1, 0.4, 0, 0, 0}};
constexpr Mood kBurntOut{1, 3, {0.05, 0.3, 0.05, 0, 0.4, 0.1, 0.1}};
constexpr Mood kMending{3, 4, {0.6, 0.2, 0.05, 0.05, 0.1, 0, 0}};

Mood MoodOf(Archetype archetype, int week) {
  switch (archetype) {
    case Archetype::kSteady:
    case Archetype::kBlind:
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

PageWeek PlanPages(Archetype archetype, int week, SeededRandom& rng) {
  switch (archetype) {
    case Archetype::kSteady:
    case Archetype::kDeferralDrift:
    case Archetype::kBlind:
      return SteadyPages(rng);
    case Archetype::kPagerSurge:
      return week == 0 ? Pages(rng, 14, 16, 5, 7) : SteadyPages(rng);
    case Archetype::kQuietUnderwater:
      // A creep, not a spike: each of the last four weeks a little worse.
      switch (week) {
        case 0:
          return Pages(rng, 9, 10, 1, 2);
        case 1:
          return Pages(rng, 8, 9, 1, 2);
        case 2:
          return Pages(rng, 7, 7, 0, 1);
        case 3:
          return Pages(rng, 6, 6, 0, 1);
        default:
          return Pages(rng, 4, 5, 0, 1);
      }
    case Archetype::kRecovering:
      if (week >= 4 && week <= 8) return Pages(rng, 12, 14, 3, 5);
      if (week == 3) return Pages(rng, 8, 9, 1, 2);
      return SteadyPages(rng);
  }
  return SteadyPages(rng);
}

std::vector<OopsPlan> PlanOopses(Archetype archetype, const Weeks& weeks,
                                 SeededRandom& rng) {
  std::vector<OopsPlan> plans;
  switch (archetype) {
    case Archetype::kSteady:
    case Archetype::kPagerSurge:
    case Archetype::kDeferralDrift:
    case Archetype::kBlind:
      return SteadyOopses(weeks);
    case Archetype::kQuietUnderwater:
      // Written up weekly until six weeks ago; since then reported and left.
      // Weeks 2 to 5 each get one, so at least four are over 14 days old.
      for (int week = weeks.count - 1; week >= 0; --week) {
        if (week >= 6) {
          plans.push_back(WrittenUp(weeks.Start(week), weeks.End(week), kDay,
                                    5 * kDay));
        } else if (week >= 2 || rng.Chance(0.5)) {
          plans.push_back(NeverWrittenUp(weeks.Start(week), weeks.End(week)));
        }
      }
      return plans;
    case Archetype::kRecovering:
      // Calm long ago, one a week during the bad stretch (mostly left or
      // written up late), and written up within hours again lately.
      for (int week = weeks.count - 1; week >= 0; --week) {
        if (week >= 9) {
          if (rng.Chance(0.5)) {
            plans.push_back(WrittenUp(weeks.Start(week), weeks.End(week), kDay,
                                      5 * kDay));
          }
        } else if (week >= 4) {
          plans.push_back(
              rng.Chance(0.6)
                  ? NeverWrittenUp(weeks.Start(week), weeks.End(week))
                  : WrittenUp(weeks.Start(week), weeks.End(week), 8 * kDay,
                              14 * kDay));
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

std::vector<DeferralPlan> PlanDeferrals(Archetype archetype, int weeks,
                                        SeededRandom& rng) {
  std::vector<DeferralPlan> plans;
  const int last = weeks - 1;
  if (archetype != Archetype::kDeferralDrift) {
    // Older work deferred once and done since; a few current items deferred
    // once and still open.
    const int resolved = static_cast<int>(rng.Uniform(2, 3));
    for (int i = 0; i < resolved; ++i) {
      plans.push_back({static_cast<int>(rng.Uniform(std::min(4, last), last)),
                       absl::ZeroDuration(), true});
    }
    const int open = static_cast<int>(rng.Uniform(2, 3));
    for (int i = 0; i < open; ++i) {
      plans.push_back({static_cast<int>(rng.Uniform(0, std::min(5, last))),
                       absl::ZeroDuration(), false});
    }
    return plans;
  }
  // Drift: before the last eight weeks, business as usual plus one item that
  // never got done; then a new item every week, each pushed back again every
  // sprint, none resolved.
  if (last >= 8) {
    const int resolved = static_cast<int>(rng.Uniform(2, 3));
    for (int i = 0; i < resolved; ++i) {
      plans.push_back({static_cast<int>(rng.Uniform(8, last)),
                       absl::ZeroDuration(), true});
    }
    plans.push_back({static_cast<int>(rng.Uniform(8, last)), kSprint, false});
  }
  for (int week = std::min(7, last); week >= 0; --week) {
    plans.push_back({week, kSprint, false});
  }
  return plans;
}

std::vector<SurveyPlan> PlanSurveys(Archetype archetype, int weeks) {
  std::vector<SurveyPlan> plans;
  // Every four weeks, the most recent in week 0; oldest first.
  for (int week = (weeks - 1) / 4 * 4; week >= 0; week -= 4) {
    const bool silent =
        archetype == Archetype::kQuietUnderwater && week == 0;
    plans.push_back({week, silent ? 2 : 6, MoodOf(archetype, week)});
  }
  return plans;
}

absl::Duration SilentFor(Archetype archetype, absl::string_view source) {
  if (archetype == Archetype::kBlind &&
      (source == "oops" || source == "survey")) {
    return absl::Hours(24 * 21);
  }
  return absl::ZeroDuration();
}

}  // namespace teamload::synthetic::internal
