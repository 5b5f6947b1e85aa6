// Lexicon: which qualitative themes a survey answer raises. Each theme is a
// list of phrases; answers and phrases are split into words and stemmed with
// the Snowball English stemmer, so "overloaded", "overload" and
// "overloading" all match. Negation is not understood: "not overloaded"
// raises time pressure too, which is why themes count respondents, not words.
//
// Thread-safe: the lexicon is immutable; stemming uses a stemmer per thread.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_LEXICON_H_
#define TEAMLOAD_DAEMON_ANALYSIS_LEXICON_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "teamload/v1/narrative.pb.h"

namespace teamload::analysis {

struct ThemeDefinition {
  std::string name;  // "on-call fatigue"
  teamload::v1::Boundary boundary;
  std::vector<std::vector<std::string>> phrases;  // stemmed words
};

// The themes, in a fixed order.
const std::vector<ThemeDefinition>& Themes();

// Lower-cased, stemmed words of `text`.
std::vector<std::string> StemmedWords(absl::string_view text);

// Indexes into Themes() of the themes `text` raises, ascending.
std::vector<int> ThemesRaisedBy(absl::string_view text);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_LEXICON_H_
