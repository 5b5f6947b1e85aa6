// Classifier: which themes a sentence raises, learnt from labelled examples
// with fastText (supervised, one-vs-all so a sentence may raise several
// themes, word bigrams and character n-grams so paraphrases and typos land
// near the examples). Sentences are read through Features(), so a negated
// word is a feature of its own.
//
// Training is deterministic: one thread, a fixed seed and the examples in
// their given order give the same model, and so the same answers, every
// time; a model kept in a cache folder is that same model, read back.
//
// Thread-safe after Train: Labels() only reads the model.
#ifndef TEAMLOAD_DAEMON_THEMES_CLASSIFIER_H_
#define TEAMLOAD_DAEMON_THEMES_CLASSIFIER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/themes/examples.h"

namespace fasttext {
class FastText;
}

namespace teamload::themes {

class Classifier {
 public:
  // Chosen by 5-fold cross-validation inside the training corpus only
  // (bench/themes_eval --folds 5; bench/README.md, "Themes").
  struct Options {
    int dim = 32;
    int epoch = 100;
    double learning_rate = 0.7;
    int word_ngrams = 2;
    int min_char_ngram = 4;  // 0 turns character n-grams off
    int max_char_ngram = 6;
    int buckets = 50'000;  // hashed n-grams share this many rows
    // A label is raised when its one-vs-all probability reaches this.
    double threshold = 0.4;
    int seed = 1;
    bool mark_negation = true;  // Features()
    // Set: models are kept here as themes-<hash of text and options>.bin,
    // and a model learnt before from the same examples and options is read
    // instead of learnt again (milliseconds instead of seconds). Created,
    // owner-only, if missing; unusable, models are learnt every time.
    std::string cache_dir;
  };

  // INVALID_ARGUMENT if there are no examples or only one label; INTERNAL,
  // with fastText's words, if training fails.
  static absl::StatusOr<std::unique_ptr<Classifier>> Train(
      const std::vector<Example>& examples, const Options& options);

  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;
  ~Classifier();

  // A sentence of fewer words raises no label.
  static constexpr int kMinWords = 3;

  // The labels `text` raises, other than kNoTheme, in ascending order.
  std::vector<std::string> Labels(absl::string_view text) const;
  // Every label's probability for `text`, highest first.
  std::vector<std::pair<double, std::string>> Scores(
      absl::string_view text) const;

 private:
  Classifier(std::unique_ptr<fasttext::FastText> model, const Options& options);

  // Constant after construction.
  const std::unique_ptr<fasttext::FastText> model_;
  const Options options_;
};

}  // namespace teamload::themes

#endif  // TEAMLOAD_DAEMON_THEMES_CLASSIFIER_H_
