// themes_eval: how well the theme classifier does on sentences it did not
// learn from (bench/README.md, "Themes").
//
//   themes_eval --train TRAIN.txt --heldout HELDOUT.txt [options]
//       trains on TRAIN and scores HELDOUT once: per theme precision and
//       recall, macro F1, false alarms on `none`, training and reading cost.
//   themes_eval --train TRAIN.txt --folds K [options]
//       K-fold cross-validation inside TRAIN only: the way to compare
//       options without ever looking at the held-out set.
//   themes_eval --train TRAIN.txt --show TEXT... [options]
//       every label's probability for each TEXT.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "daemon/themes/classifier.h"
#include "daemon/themes/evaluation.h"
#include "daemon/themes/examples.h"

namespace {

using teamload::themes::Classifier;
using teamload::themes::Evaluation;
using teamload::themes::Example;

std::vector<Example> ReadExamples(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    std::fprintf(stderr, "themes_eval: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  auto examples = teamload::themes::ParseExamples(text.str(), path);
  if (!examples.ok()) {
    std::fprintf(stderr, "themes_eval: %s\n",
                 examples.status().ToString().c_str());
    std::exit(1);
  }
  return *examples;
}

double Millis(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

void Print(const Evaluation& e) {
  std::printf("%-28s %9s %9s %9s %7s\n", "theme", "precision", "recall", "F1",
              "n");
  for (const auto& [label, s] : e.labels) {
    std::printf("%-28s %9.3f %9.3f %9.3f %7d\n", label.c_str(), s.precision(),
                s.recall(), s.f1(), s.carried);
  }
  std::printf("macro F1 %.3f; false alarms on none: %d of %d\n", e.MacroF1(),
              e.false_alarms, e.none);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Scores the theme classifier on sentences it did not learn from."};
  std::string train_path, heldout_path;
  int folds = 0;
  bool mistakes = false;
  std::vector<std::string> show;
  Classifier::Options options;
  app.add_option("--train", train_path, "labelled examples to learn from")
      ->required();
  app.add_option("--heldout", heldout_path, "labelled examples to score");
  app.add_option("--folds", folds, "cross-validate inside --train instead");
  app.add_flag("--mistakes", mistakes, "print every sentence it got wrong");
  app.add_option("--show", show, "print each label's probability for TEXT");
  app.add_option("--dim", options.dim);
  app.add_option("--epoch", options.epoch);
  app.add_option("--lr", options.learning_rate);
  app.add_option("--word-ngrams", options.word_ngrams);
  app.add_option("--minn", options.min_char_ngram);
  app.add_option("--maxn", options.max_char_ngram);
  app.add_option("--buckets", options.buckets);
  app.add_option("--threshold", options.threshold);
  app.add_option("--mark-negation", options.mark_negation);
  CLI11_PARSE(app, argc, argv);
  if ((folds > 1) + !heldout_path.empty() + !show.empty() != 1) {
    std::fprintf(stderr,
                 "themes_eval: give one of --heldout, --folds K (K > 1) or "
                 "--show\n");
    return 2;
  }
  const std::vector<Example> train = ReadExamples(train_path);
  if (!show.empty()) {
    auto classifier = Classifier::Train(train, options);
    if (!classifier.ok()) {
      std::fprintf(stderr, "%s\n", classifier.status().ToString().c_str());
      return 1;
    }
    for (const std::string& text : show) {
      std::printf("%s\n", text.c_str());
      for (const auto& [p, label] : (*classifier)->Scores(text))
        if (p >= 0.01) std::printf("  %.3f %s\n", p, label.c_str());
    }
    return 0;
  }

  if (folds > 1) {
    // Fold f holds every K-th example from f: a fixed split, no shuffling.
    Evaluation total;
    for (int f = 0; f < folds; ++f) {
      std::vector<Example> learn, score;
      for (std::size_t i = 0; i < train.size(); ++i)
        (static_cast<int>(i % folds) == f ? score : learn).push_back(train[i]);
      auto classifier = Classifier::Train(learn, options);
      if (!classifier.ok()) {
        std::fprintf(stderr, "%s\n", classifier.status().ToString().c_str());
        return 1;
      }
      const Evaluation e = teamload::themes::Evaluate(**classifier, score);
      for (const auto& [label, s] : e.labels) {
        auto& t = total.labels[label];
        t.carried += s.carried, t.raised += s.raised, t.both += s.both;
      }
      total.none += e.none, total.false_alarms += e.false_alarms;
      total.mistakes.insert(total.mistakes.end(), e.mistakes.begin(),
                            e.mistakes.end());
    }
    std::printf("%d-fold cross-validation on %s (%zu examples)\n", folds,
                train_path.c_str(), train.size());
    Print(total);
    if (mistakes)
      for (const auto& m : total.mistakes) std::printf("  %s\n", m.c_str());
    return 0;
  }

  const auto start = std::chrono::steady_clock::now();
  auto classifier = Classifier::Train(train, options);
  const auto trained = std::chrono::steady_clock::now();
  if (!classifier.ok()) {
    std::fprintf(stderr, "%s\n", classifier.status().ToString().c_str());
    return 1;
  }
  const std::vector<Example> heldout = ReadExamples(heldout_path);
  const Evaluation e = teamload::themes::Evaluate(**classifier, heldout);
  // Reading cost: every held-out sentence 20 times, median per sentence.
  std::vector<double> micros;
  for (int round = 0; round < 20; ++round) {
    const auto t0 = std::chrono::steady_clock::now();
    for (const Example& example : heldout) (*classifier)->Labels(example.text);
    micros.push_back(Millis(std::chrono::steady_clock::now() - t0) * 1000 /
                     heldout.size());
  }
  std::sort(micros.begin(), micros.end());
  std::printf("trained on %zu examples of %s in %.0f ms; scored %zu of %s\n",
              train.size(), train_path.c_str(), Millis(trained - start),
              heldout.size(), heldout_path.c_str());
  Print(e);
  std::printf("reading one sentence: %.1f us (median of 20 rounds)\n",
              micros[micros.size() / 2]);
  if (mistakes)
    for (const auto& m : e.mistakes) std::printf("  %s\n", m.c_str());
  return 0;
}
