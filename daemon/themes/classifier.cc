#include "daemon/themes/classifier.h"

#include <fasttext/fasttext.h>
#include <stdlib.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "daemon/themes/features.h"

namespace teamload::themes {
namespace {

constexpr absl::string_view kPrefix = "__label__";

// The examples as fastText reads them: labels, then features, a line each.
std::string TrainingText(const std::vector<Example>& examples,
                         bool mark_negation) {
  std::string text;
  for (const Example& example : examples) {
    for (const std::string& label : example.labels)
      absl::StrAppend(&text, kPrefix, label, " ");
    absl::StrAppend(&text, Features(example.text, mark_negation), "\n");
  }
  return text;
}

// What the model learns from, as one number: the same training text and
// options (and the same features, named by their version) learn the same
// model.
std::string ModelKey(absl::string_view text, const Classifier::Options& o) {
  const std::string all = absl::StrCat(
      text, "\nfeatures-1 dim=", o.dim, " epoch=", o.epoch,
      " lr=", o.learning_rate, " ngrams=", o.word_ngrams,
      " minn=", o.min_char_ngram, " maxn=", o.max_char_ngram,
      " buckets=", o.buckets, " seed=", o.seed, " negation=", o.mark_negation);
  return absl::StrFormat("%016x", XXH3_64bits(all.data(), all.size()));
}

// A file in `folder` removed when this goes, unless kept.
class TempFile {
 public:
  static absl::StatusOr<TempFile> Create(const std::filesystem::path& folder,
                                         absl::string_view content) {
    std::string path = (folder / "teamload-themes-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) {
      return absl::InternalError(absl::StrCat(
          "cannot create a file like ", path, ": ", std::strerror(errno)));
    }
    ::close(fd);
    TempFile file(path);
    std::ofstream out(path, std::ios::trunc | std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
    return file;
  }
  TempFile(TempFile&& other) : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  ~TempFile() {
    if (!path_.empty()) std::filesystem::remove(path_);
  }
  const std::string& path() const { return path_; }

 private:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// Learns from `text` and saves the model at `saved`.
absl::Status Learn(absl::string_view text, const Classifier::Options& options,
                   const std::string& saved) {
  absl::StatusOr<TempFile> input =
      TempFile::Create(std::filesystem::temp_directory_path(), text);
  if (!input.ok()) return input.status();
  fasttext::Args args;
  args.input = input->path();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::ova;
  args.dim = options.dim;
  args.epoch = options.epoch;
  args.lr = options.learning_rate;
  args.wordNgrams = options.word_ngrams;
  args.minn = options.min_char_ngram;
  args.maxn = options.min_char_ngram > 0 ? options.max_char_ngram : 0;
  args.bucket = options.buckets;
  args.minCount = 1;
  args.thread = 1;  // one thread: the same examples give the same model
  args.seed = options.seed;
  args.verbose = 0;
  try {
    fasttext::FastText learner;
    learner.train(args);
    learner.saveModel(saved);
  } catch (const std::exception& e) {
    return absl::InternalError(
        absl::StrCat("training the theme classifier failed: ", e.what()));
  }
  return absl::OkStatus();
}

// Whether `folder` is there to keep models in; created owner-only if not.
bool MakeCacheDir(const std::filesystem::path& folder) {
  std::error_code error;
  if (std::filesystem::create_directories(folder, error)) {
    std::filesystem::permissions(folder, std::filesystem::perms::owner_all,
                                 error);
  }
  return std::filesystem::is_directory(folder, error);
}

// The model saved at `path`, or null if it cannot be read.
std::unique_ptr<fasttext::FastText> Load(const std::string& path) {
  auto model = std::make_unique<fasttext::FastText>();
  try {
    model->loadModel(path);
  } catch (const std::exception&) {
    return nullptr;
  }
  return model;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Classifier>> Classifier::Train(
    const std::vector<Example>& examples, const Options& options) {
  std::set<std::string> labels;
  for (const Example& example : examples)
    labels.insert(example.labels.begin(), example.labels.end());
  if (labels.size() < 2) {
    return absl::InvalidArgumentError(
        "a theme classifier needs examples of at least two labels");
  }
  const std::string text = TrainingText(examples, options.mark_negation);
  // A model learnt before from the same text and options is the same model.
  const std::filesystem::path cached =
      options.cache_dir.empty()
          ? std::filesystem::path()
          : std::filesystem::path(options.cache_dir) /
                absl::StrCat("themes-", ModelKey(text, options), ".bin");
  if (!cached.empty()) {
    if (std::unique_ptr<fasttext::FastText> model = Load(cached.string()))
      return std::unique_ptr<Classifier>(
          new Classifier(std::move(model), options));
  }
  // Learnt, the model is saved and read back: fastText's dictionary holds a
  // 120 MiB table while it learns, and one sized to its words once read.
  const bool cache = !cached.empty() && MakeCacheDir(cached.parent_path());
  absl::StatusOr<TempFile> saved = TempFile::Create(
      cache ? cached.parent_path() : std::filesystem::temp_directory_path(),
      "");
  if (!saved.ok()) return saved.status();
  if (absl::Status learnt = Learn(text, options, saved->path()); !learnt.ok())
    return learnt;
  std::unique_ptr<fasttext::FastText> model = Load(saved->path());
  if (model == nullptr) {
    return absl::InternalError(absl::StrCat(
        "cannot read back the theme model saved at ", saved->path()));
  }
  // Renamed into place whole: a reader never sees half a model.
  std::error_code error;
  if (cache) std::filesystem::rename(saved->path(), cached, error);
  return std::unique_ptr<Classifier>(new Classifier(std::move(model), options));
}

Classifier::Classifier(std::unique_ptr<fasttext::FastText> model,
                       const Options& options)
    : model_(std::move(model)), options_(options) {}

Classifier::~Classifier() = default;

std::vector<std::pair<double, std::string>> Classifier::Scores(
    absl::string_view text) const {
  std::istringstream in(
      absl::StrCat(Features(text, options_.mark_negation), "\n"));
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  model_->predictLine(in, predictions, /*k=*/-1, /*threshold=*/0.0);
  std::vector<std::pair<double, std::string>> scores;
  for (auto& [probability, label] : predictions) {
    absl::string_view name = label;
    absl::ConsumePrefix(&name, kPrefix);
    scores.push_back({probability, std::string(name)});
  }
  return scores;
}

std::vector<std::string> Classifier::Labels(absl::string_view text) const {
  std::vector<std::string> labels;
  // Under three words is too little to go on: "near miss" shares "miss"
  // with "missing", and "n/a" says nothing.
  const std::string features = Features(text, options_.mark_negation);
  if (std::count(features.begin(), features.end(), ' ') < kMinWords - 1)
    return labels;
  for (auto& [probability, label] : Scores(text)) {
    if (probability >= options_.threshold && label != kNoTheme)
      labels.push_back(std::move(label));
  }
  std::sort(labels.begin(), labels.end());
  return labels;
}

}  // namespace teamload::themes
