#include "daemon/themes/features.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace teamload::themes {
namespace {

constexpr absl::string_view kMark = "not_";

// Words that open a negation's scope on their own.
bool OpensScope(absl::string_view word) {
  static const auto* words = new absl::flat_hash_set<absl::string_view>{
      "not", "no",      "never",  "nothing", "none",   "neither",
      "nor", "without", "hardly", "barely",  "nobody", "nowhere"};
  return words->contains(word);
}

// Words that close a scope: a contrast turns back to what is meant.
bool ClosesScope(absl::string_view word) {
  static const auto* words = new absl::flat_hash_set<absl::string_view>{
      "but",    "though", "although", "however", "yet",
      "except", "still",  "whereas",  "while"};
  return words->contains(word);
}

// The verb of a negated contraction, or "" if `word` is none: "don't" and
// "dont" -> "do", "can't", "cant" and "cannot" -> "can", "won't" -> "will".
std::string NegatedVerb(absl::string_view word) {
  static const auto* bare = new absl::flat_hash_set<absl::string_view>{
      "dont",   "doesnt",  "didnt",    "isnt",  "wasnt", "arent",
      "werent", "havent",  "hasnt",    "hadnt", "wont",  "wouldnt",
      "cant",   "couldnt", "shouldnt", "aint",  "cannot"};
  absl::string_view verb;
  if (absl::EndsWith(word, "n't")) {
    verb = word.substr(0, word.size() - 3);
  } else if (bare->contains(word)) {
    verb = word.substr(0, word.size() - (word == "cannot" ? 3 : 2));
  } else {
    return "";
  }
  if (verb == "ca") return "can";
  if (verb == "wo") return "will";
  return std::string(verb);
}

// Splits `text` into lower-cased words and sentence breaks (""): letters,
// digits and apostrophes (typographic ones too) make words, UTF-8 bytes stay
// inside them, and . , ; : ! ? ( ) and newlines break.
std::vector<std::string> Words(absl::string_view raw) {
  // The typographic apostrophe (U+2019) as people's phones type it.
  const std::string text = absl::StrReplaceAll(raw, {{"\u2019", "'"}});
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    // Apostrophes only inside a word: 'quoted' -> quoted.
    while (!word.empty() && word.front() == '\'') word.erase(0, 1);
    while (!word.empty() && word.back() == '\'') word.pop_back();
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u) || c == '\'' || u >= 0x80) {
      word.push_back(absl::ascii_tolower(u));
    } else {
      flush();
      if (absl::string_view(".,;:!?()\n").find(c) != absl::string_view::npos)
        words.push_back("");
    }
  }
  flush();
  return words;
}

}  // namespace

std::string Features(absl::string_view text, bool mark_negation) {
  std::vector<std::string> out;
  bool negated = false;
  const std::vector<std::string> words = Words(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    absl::string_view word = words[i];
    if (word.empty()) {  // a sentence break
      negated = false;
      continue;
    }
    if (std::string verb = NegatedVerb(word); !verb.empty()) {
      out.push_back(std::move(verb));
      out.push_back("not");
      negated = true;
      continue;
    }
    const absl::string_view next =
        i + 1 < words.size() ? absl::string_view(words[i + 1]) : "";
    // "no longer", "used to": what follows is over.
    if ((word == "no" && next == "longer") ||
        (word == "used" && next == "to")) {
      out.push_back(std::string(word));
      out.push_back(std::string(next));
      ++i;
      negated = true;
      continue;
    }
    if (ClosesScope(word)) {
      negated = false;
      out.push_back(std::string(word));
      continue;
    }
    if (OpensScope(word)) {
      out.push_back(std::string(word));
      negated = true;
      continue;
    }
    out.push_back(negated && mark_negation ? absl::StrCat(kMark, word)
                                           : std::string(word));
  }
  return absl::StrJoin(out, " ");
}

}  // namespace teamload::themes
