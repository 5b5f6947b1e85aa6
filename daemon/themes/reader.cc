#include "daemon/themes/reader.h"

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "daemon/themes/examples.h"

namespace teamload::themes {
namespace {

using config::ThemeSource;

// Lines of training a theme's examples from the config make at least.
constexpr std::size_t kConfigWeight = 80;

// The built-in examples of `source` with the organisation's, every label
// checked against the catalog.
absl::StatusOr<std::vector<Example>> ExamplesOf(
    const config::ThemeCatalog& themes, ThemeSource source) {
  const bool survey = source == ThemeSource::kSurvey;
  absl::StatusOr<std::vector<Example>> examples =
      ParseExamples(survey ? BuiltinSurveyExamples() : BuiltinWriteupExamples(),
                    survey ? "corpus/survey.txt" : "corpus/writeups.txt");
  if (!examples.ok()) return examples.status();
  std::set<std::string> labels{std::string(kNoTheme)};
  for (const config::ThemeConfig& theme : themes) {
    if (theme.source != source) continue;
    labels.insert(theme.label);
    // An organisation writes ten examples where the corpus has a hundred:
    // repeated up to kConfigWeight lines, they weigh as much.
    for (std::size_t i = 0; !theme.examples.empty() &&
                            (i < theme.examples.size() || i < kConfigWeight);
         ++i) {
      examples->push_back(
          {{theme.label}, theme.examples[i % theme.examples.size()]});
    }
  }
  std::set<std::string> seen;
  for (const Example& example : *examples) {
    for (const std::string& label : example.labels) {
      if (!labels.contains(label)) {
        return absl::InvalidArgumentError(
            absl::StrCat("the ", survey ? "survey" : "write-up",
                         " corpus has examples of \"", label,
                         "\", which is no theme of the config"));
      }
      seen.insert(label);
    }
  }
  for (const std::string& label : labels) {
    if (!seen.contains(label)) {
      return absl::InvalidArgumentError(
          absl::StrCat("no examples to learn theme \"", label, "\" from"));
    }
  }
  return examples;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Reader>> Reader::Train(
    std::shared_ptr<const config::ThemeCatalog> themes,
    const std::string& cache_dir) {
  Classifier::Options options;
  options.cache_dir = cache_dir;
  std::unique_ptr<Classifier> classifiers[2];
  for (const ThemeSource source :
       {ThemeSource::kSurvey, ThemeSource::kWriteup}) {
    absl::StatusOr<std::vector<Example>> examples = ExamplesOf(*themes, source);
    if (!examples.ok()) return examples.status();
    absl::StatusOr<std::unique_ptr<Classifier>> classifier =
        Classifier::Train(*examples, options);
    if (!classifier.ok()) return classifier.status();
    classifiers[source == ThemeSource::kSurvey ? 0 : 1] =
        *std::move(classifier);
  }
  return std::unique_ptr<Reader>(new Reader(
      std::move(themes), std::move(classifiers[0]), std::move(classifiers[1])));
}

const Reader& Reader::Builtin() {
  static const Reader* reader = [] {
    absl::StatusOr<std::unique_ptr<Reader>> trained =
        Train(config::DefaultThemes());
    if (!trained.ok()) {
      std::fprintf(stderr, "the built-in themes do not train: %s\n",
                   trained.status().ToString().c_str());
      std::abort();
    }
    return trained->release();
  }();
  return *reader;
}

std::string Reader::DefaultCacheDir() {
  if (const char* dir = std::getenv("CACHE_DIRECTORY"); dir && *dir) return dir;
  if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir && *dir)
    return absl::StrCat(dir, "/teamload");
  if (const char* dir = std::getenv("HOME"); dir && *dir)
    return absl::StrCat(dir, "/.cache/teamload");
  return "";
}

Reader::Reader(std::shared_ptr<const config::ThemeCatalog> themes,
               std::unique_ptr<Classifier> survey,
               std::unique_ptr<Classifier> writeups)
    : themes_(std::move(themes)),
      survey_(std::move(survey)),
      writeups_(std::move(writeups)) {}

ThemeSet Reader::Read(ThemeSource source, absl::string_view text) const {
  ThemeSet set = 0;
  for (const std::string& label : classifier(source).Labels(text)) {
    for (std::size_t i = 0; i < themes_->size(); ++i) {
      const config::ThemeConfig& theme = (*themes_)[i];
      if (theme.source == source && theme.label == label)
        set |= ThemeSet{1} << i;
    }
  }
  return set;
}

}  // namespace teamload::themes
