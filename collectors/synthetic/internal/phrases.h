// Phrases: the words of synthetic histories. Page titles, near-miss titles,
// deferred work, survey questions and survey answers grouped by theme. The
// themed answers say plainly what the archetype means ("no time to",
// "paged at night", "flaky CI", ...), so teamloadd's theme classifier reads
// them as the archetype meant; the neutral ones are calm on the same topics.
//
// Static, immutable data: thread-safe.
#ifndef TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_PHRASES_H_
#define TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_PHRASES_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace teamload::synthetic::internal {

// What a survey answer is about. kNeutral answers are content or matter-of-
// fact; the others are the strain themes, in the order of kThemeCount.
enum class Theme {
  kNeutral,
  kTimePressure,
  kMissingContext,
  kToolingFriction,
  kOncallFatigue,
  kIntentToLeave,
  kLowSafety,
};
inline constexpr int kThemeCount = 7;

// Service names a team's pages come from.
absl::Span<const absl::string_view> Services();
// Page titles; "$0" stands for the service.
absl::Span<const absl::string_view> PageTitleTemplates();
absl::Span<const absl::string_view> OopsTitles();
absl::Span<const absl::string_view> OopsSummaries();
absl::Span<const absl::string_view> DeferralTitles();
absl::Span<const absl::string_view> SurveyQuestions();

// How much more likely each Theme (by index) is as an answer to `question`
// than the mood alone says: the on-call question draws on-call answers.
// REQUIRES: 0 <= question < SurveyQuestions().size().
absl::Span<const double> ThemeAffinity(int question);

// Answers about `theme`. Neutral answers depend on the question; REQUIRES:
// 0 <= question < SurveyQuestions().size().
absl::Span<const absl::string_view> SurveyAnswers(Theme theme, int question);

}  // namespace teamload::synthetic::internal

#endif  // TEAMLOAD_COLLECTORS_SYNTHETIC_INTERNAL_PHRASES_H_
