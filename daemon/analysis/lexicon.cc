#include "daemon/analysis/lexicon.h"

#include <libstemmer.h>

#include <algorithm>
#include <memory>

#include "absl/strings/ascii.h"

namespace teamload::analysis {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

std::string Stem(absl::string_view word) {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("english", "UTF_8"));
  const sb_symbol* stemmed = sb_stemmer_stem(
      stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
      static_cast<int>(word.size()));
  if (stemmed == nullptr)
    return std::string(word);  // out of memory: keep the word
  return std::string(
      reinterpret_cast<const char*>(stemmed),
      static_cast<std::size_t>(sb_stemmer_length(stemmer.get())));
}

ThemeDefinition Define(std::string name, teamload::v1::Boundary boundary,
                       std::vector<const char*> phrases) {
  ThemeDefinition theme{std::move(name), boundary, {}};
  for (const char* phrase : phrases)
    theme.phrases.push_back(StemmedWords(phrase));
  return theme;
}

}  // namespace

std::vector<std::string> StemmedWords(absl::string_view text) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) words.push_back(Stem(word));
    word.clear();
  };
  for (char c : text) {
    // Letters, digits and apostrophes make words; UTF-8 bytes stay inside them.
    if (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '\'' ||
        static_cast<unsigned char>(c) >= 0x80) {
      word.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

const std::vector<ThemeDefinition>& Themes() {
  using teamload::v1::BOUNDARY_SAFETY;
  using teamload::v1::BOUNDARY_WORKLOAD;
  static const auto* themes = new std::vector<ThemeDefinition>{
      Define("time pressure", BOUNDARY_WORKLOAD,
             {"no time", "not enough time", "deadline", "overloaded",
              "too much work", "rushed", "time pressure", "crunch", "burnout",
              "burned out", "understaffed", "too many priorities",
              "cutting corners"}),
      Define("missing shared context", BOUNDARY_SAFETY,
             {"nobody knows", "no one knows", "no documentation",
              "undocumented", "only one person", "lost context",
              "tribal knowledge", "silo", "handover", "nobody understands"}),
      Define("tooling friction", BOUNDARY_WORKLOAD,
             {"flaky", "slow builds", "slow build", "tooling",
              "broken pipeline", "manual steps", "painful deploys", "slow ci"}),
      Define("on-call fatigue", BOUNDARY_WORKLOAD,
             {"paged at night", "woken up", "on call", "oncall", "pager",
              "tired", "exhausted", "exhausting", "nights", "no sleep"}),
      Define("intent to leave", BOUNDARY_WORKLOAD,
             {"another job", "thinking about leaving", "leave the team", "quit",
              "job hunting", "looking elsewhere", "new job"}),
      Define("low psychological safety", BOUNDARY_SAFETY,
             {"afraid", "blame", "blamed", "not safe", "scared", "fear",
              "can't speak up", "cannot speak up", "punished"}),
  };
  return *themes;
}

std::vector<int> ThemesRaisedBy(absl::string_view text) {
  const std::vector<std::string> words = StemmedWords(text);
  std::vector<int> raised;
  const auto& themes = Themes();
  for (int t = 0; t < static_cast<int>(themes.size()); ++t) {
    for (const auto& phrase : themes[t].phrases) {
      if (std::search(words.begin(), words.end(), phrase.begin(),
                      phrase.end()) != words.end()) {
        raised.push_back(t);
        break;
      }
    }
  }
  return raised;
}

}  // namespace teamload::analysis
