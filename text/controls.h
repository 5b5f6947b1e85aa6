// Controls: stored text (a title, a quote, an id, a team's name) as a person
// may see it. Every control character becomes a visible escape, so text that
// came from outside cannot clear a terminal, set its window title, ring its
// bell, return the cursor to overwrite a line, forge a log line, or reorder
// what surrounds it with a bidirectional override.
//
// Shown escaped:
//   tab, carriage return, newline    \t  \r  \n  (newlines kept on request)
//   other C0 controls and DEL        \x1b \x07 \x7f
//   C1 controls U+0080..U+009F       \u009b
//   bidi embeddings and overrides    \u202a..\u202e, isolates \u2066..\u2069
//   a byte that is not UTF-8         \xff
// Everything else, printable ASCII and valid UTF-8, is copied as it is.
//
// This is the one home of the rule: teamloadctl, teamloadd's log, Markdown,
// HTML and mail headers all call ShowControls. Machine-readable output
// (--json, the API) keeps the exact text. Pure functions, thread-safe.
#ifndef TEAMLOAD_TEXT_CONTROLS_H_
#define TEAMLOAD_TEXT_CONTROLS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace teamload::text {

enum class Newlines {
  kEscape,  // one line: "\n" is shown as the two characters \n
  kKeep,    // prose of several lines (Markdown from teamloadd, a log entry)
};

std::string ShowControls(absl::string_view text,
                         Newlines newlines = Newlines::kEscape);

}  // namespace teamload::text

#endif  // TEAMLOAD_TEXT_CONTROLS_H_
