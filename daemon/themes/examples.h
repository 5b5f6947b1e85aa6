// Examples: labelled sentences a theme classifier learns from, in fastText's
// supervised format, one per line:
//
//   __label__oncall_fatigue third night in a row the pager woke me at 3am
//   __label__time_pressure __label__tooling_friction CI takes 40 minutes ...
//   __label__none not tired at all, the rotation has been quiet
//
// Lines starting with '#' and blank lines are skipped. `none` is the label of
// a sentence that raises no theme.
//
// Thread-safe: pure functions and plain values.
#ifndef TEAMLOAD_DAEMON_THEMES_EXAMPLES_H_
#define TEAMLOAD_DAEMON_THEMES_EXAMPLES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace teamload::themes {

inline constexpr absl::string_view kNoTheme = "none";

struct Example {
  std::vector<std::string> labels;  // without "__label__"; at least one
  std::string text;                 // not empty
};

// The examples of `text`. INVALID_ARGUMENT naming "ORIGIN:LINE" and the rule
// for a line without a label or without text, or with a label that is not
// lower-case letters, digits and '_'.
absl::StatusOr<std::vector<Example>> ParseExamples(absl::string_view text,
                                                   absl::string_view origin);

// The built-in examples for survey answers and for incident write-ups,
// compiled in from daemon/themes/corpus/ (see its README).
absl::string_view BuiltinSurveyExamples();
absl::string_view BuiltinWriteupExamples();

}  // namespace teamload::themes

#endif  // TEAMLOAD_DAEMON_THEMES_EXAMPLES_H_
