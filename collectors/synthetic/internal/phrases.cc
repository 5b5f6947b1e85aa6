#include "collectors/synthetic/internal/phrases.h"

namespace teamload::synthetic::internal {
namespace {

constexpr absl::string_view kServices[] = {
    "checkout-api",  "ledger",         "auth-gateway",  "search-frontend",
    "notifications", "billing-worker", "postgres-main", "event-ingest",
    "media-resizer", "feature-flags",
};

constexpr absl::string_view kPageTitles[] = {
    "5xx rate above 2% on $0",
    "p99 latency above 800ms on $0",
    "$0 disk 90% full",
    "$0 pods crash-looping",
    "replication lag over 5 minutes on $0",
    "queue depth above 10k on $0",
    "health checks failing for $0 in one zone",
    "TLS certificate for $0 expires in 3 days",
    "$0 error budget burn rate 10x",
    "synthetic checkout probe failing against $0",
};

constexpr absl::string_view kOopsTitles[] = {
    "deploy went to the wrong region, caught in canary",
    "migration ran against the replica instead of staging",
    "feature flag flipped for every customer instead of 1%",
    "backup job silently skipped two nights",
    "rate limiter config pushed with a typo, rolled back in 4 minutes",
    "expired certificate on an internal endpoint noticed by chance",
    "cron job ran twice after the daylight saving change",
    "load balancer drained the wrong pool",
    "secret rotated without updating its consumer",
    "test data written to the production bucket",
    "alert routing pointed at an empty rotation for a day",
    "cache flushed during peak traffic",
};

constexpr absl::string_view kOopsSummaries[] = {
    "caught in canary before any customer saw it",
    "noticed by a teammate during review",
    "rolled back within minutes; no customer impact",
    "found while debugging something else",
    "a customer nearly noticed; we got lucky",
    "the second pair of eyes was the only safeguard",
};

constexpr absl::string_view kDeferralTitles[] = {
    "rotate internal TLS certificates",
    "remove the legacy card vault client",
    "upgrade Postgres from 13 to 16",
    "alert on queue backlog before customers notice",
    "write the failover runbook",
    "delete feature flags older than a year",
    "move CI to the new runners",
    "fix the flaky integration tests",
    "split auth out of the monolith",
    "add rate limiting to the public API",
    "document the release process",
    "move secrets into the vault",
    "automate the on-call handover",
    "replace the hand-rolled retry logic",
    "load test the checkout path",
};

constexpr absl::string_view kQuestions[] = {
    "How sustainable is your workload?",
    "What slows you down?",
    "How is on-call going?",
    "Anything else you want to share?",
};

constexpr absl::string_view kNeutralWorkload[] = {
    "Workload feels manageable right now.",
    "Busy but sustainable.",
    "Good balance between project work and support.",
    "A normal month; the plan held.",
};
constexpr absl::string_view kNeutralSlowdown[] = {
    "Not much; reviews are quick.",
    "Occasionally waiting on another team, nothing major.",
    "Pairing has kept things moving.",
    "Honestly little; the build is fast and reviews are kind.",
};
constexpr absl::string_view kNeutralOncall[] = {
    "Quiet rotation, mostly daytime pages.",
    "The rotation is fine; swaps are easy to arrange.",
    "A couple of pages, all of them actionable.",
    "Calm week; the runbooks covered everything.",
};
constexpr absl::string_view kNeutralOther[] = {
    "Happy with how the team works together.",
    "Planning feels realistic lately.",
    "Nothing to add, thanks.",
    "Thanks for the retro changes, they help.",
};

constexpr absl::string_view kTimePressure[] = {
    "There is no time to fix the things that keep breaking.",
    "Every deadline this quarter felt rushed.",
    "I feel overloaded, too much work for the people we have.",
    "We rushed the release again to make the deadline.",
    "Too much work and no time to think.",
    "We are cutting corners to hit the deadline.",
    "Too many priorities and not enough time for any of them.",
    "Crunch has become the normal state of the team.",
    "We are understaffed for what we promised.",
};
constexpr absl::string_view kMissingContext[] = {
    "Honestly nobody knows how the billing export works anymore.",
    "There is no documentation for the failover.",
    "Only one person understands the deploy pipeline.",
    "We lost context when two people moved teams.",
    "The failover is undocumented; it lives in one head.",
    "Too much tribal knowledge; no one knows the old billing jobs.",
    "Nobody understands the alert rules anymore.",
};
constexpr absl::string_view kToolingFriction[] = {
    "The flaky CI eats an hour a day.",
    "Slow builds make every small change take forever.",
    "Our tooling is painful; local setup takes days.",
    "We retry flaky CI instead of fixing it.",
    "Deploys still need manual steps and a lot of luck.",
    "Slow CI means I switch context all day.",
    "The broken pipeline blocked us for two days.",
};
constexpr absl::string_view kOncallFatigue[] = {
    "I was paged at night three times this week.",
    "Everyone is tired; on-call is exhausting.",
    "I was woken up again for an alert nobody acts on.",
    "Being paged at night this often leaves me tired all week.",
    "The pager went off every night I was on call.",
    "Too many nights with no sleep this month.",
    "I dread my next on-call week; I am exhausted.",
};
constexpr absl::string_view kIntentToLeave[] = {
    "To be honest I am thinking about leaving.",
    "I have started looking for another job.",
    "A few of us are looking elsewhere.",
    "If this continues I will leave the team.",
};
constexpr absl::string_view kLowSafety[] = {
    "People seem afraid to speak up in planning.",
    "Incident reviews turn into blame.",
    "It is not safe to admit mistakes here.",
    "After the last incident people got blamed, so now we stay quiet.",
    "I am scared to say the plan will not work.",
};

// Per question, in Theme order: neutral, time pressure, missing context,
// tooling friction, on-call fatigue, intent to leave, low safety.
constexpr double kAffinity[][kThemeCount] = {
    {1, 2, 1, 1, 1, 1, 1},      // workload: time pressure
    {1, 1, 2, 2, 1, 0.5, 1},    // what slows you down: context, tooling
    {1, 1, 0.5, 0.5, 4, 1, 1},  // on-call: fatigue
    {1, 1, 1, 1, 1, 3, 3},      // anything else: leaving, safety
};

}  // namespace

absl::Span<const double> ThemeAffinity(int question) {
  return kAffinity[question];
}

absl::Span<const absl::string_view> Services() { return kServices; }
absl::Span<const absl::string_view> PageTitleTemplates() { return kPageTitles; }
absl::Span<const absl::string_view> OopsTitles() { return kOopsTitles; }
absl::Span<const absl::string_view> OopsSummaries() { return kOopsSummaries; }
absl::Span<const absl::string_view> DeferralTitles() { return kDeferralTitles; }
absl::Span<const absl::string_view> SurveyQuestions() { return kQuestions; }

absl::Span<const absl::string_view> SurveyAnswers(Theme theme, int question) {
  switch (theme) {
    case Theme::kNeutral:
      switch (question) {
        case 0:
          return kNeutralWorkload;
        case 1:
          return kNeutralSlowdown;
        case 2:
          return kNeutralOncall;
        default:
          return kNeutralOther;
      }
    case Theme::kTimePressure:
      return kTimePressure;
    case Theme::kMissingContext:
      return kMissingContext;
    case Theme::kToolingFriction:
      return kToolingFriction;
    case Theme::kOncallFatigue:
      return kOncallFatigue;
    case Theme::kIntentToLeave:
      return kIntentToLeave;
    case Theme::kLowSafety:
      return kLowSafety;
  }
  return kNeutralOther;
}

}  // namespace teamload::synthetic::internal
