// Features: the words a theme classifier sees for one answer or write-up.
//
// Lower-cased words (letters, digits, apostrophes inside a word), with
// contractions opened ("don't" -> "do not", "cant" -> "can not") and every
// word inside a negation's scope marked: "I'm not tired, just busy" reads
// "i'm not not_tired just busy". A scope opens at a negation or a hedge that
// says something is over ("not", "no", "never", "without", "no longer",
// "used to", ...) and closes at punctuation or a contrast ("but", "though",
// "however", ...). The classifier learns what a marked word means: "not_tired"
// and "tired" are different features, so "not tired" cannot raise on-call
// fatigue by sharing a word with "tired".
//
// Thread-safe: a pure function.
#ifndef TEAMLOAD_DAEMON_THEMES_FEATURES_H_
#define TEAMLOAD_DAEMON_THEMES_FEATURES_H_

#include <string>

#include "absl/strings/string_view.h"

namespace teamload::themes {

// The marked words of `text`, separated by single spaces, with no newline.
// Without `mark_negation`, the same words unmarked (to measure what marking
// is worth; see bench/README.md).
std::string Features(absl::string_view text, bool mark_negation = true);

}  // namespace teamload::themes

#endif  // TEAMLOAD_DAEMON_THEMES_FEATURES_H_
