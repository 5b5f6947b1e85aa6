#include "daemon/themes/evaluation.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace teamload::themes {

double Evaluation::MacroF1() const {
  if (labels.empty()) return 0;
  double sum = 0;
  for (const auto& [label, score] : labels) sum += score.f1();
  return sum / labels.size();
}

Evaluation Evaluate(const Classifier& classifier,
                    const std::vector<Example>& examples) {
  Evaluation evaluation;
  for (const Example& example : examples) {
    std::set<std::string> want(example.labels.begin(), example.labels.end());
    want.erase(std::string(kNoTheme));
    const std::vector<std::string> got_list = classifier.Labels(example.text);
    const std::set<std::string> got(got_list.begin(), got_list.end());
    for (const std::string& label : want) ++evaluation.labels[label].carried;
    for (const std::string& label : got) {
      LabelScore& score = evaluation.labels[label];
      ++score.raised;
      if (want.contains(label)) ++score.both;
    }
    if (want.empty()) {
      ++evaluation.none;
      if (!got.empty()) ++evaluation.false_alarms;
    }
    if (want != got) {
      evaluation.mistakes.push_back(absl::StrCat(
          "want: ", want.empty() ? "none" : absl::StrJoin(want, ","), "; got: ",
          got.empty() ? "none" : absl::StrJoin(got, ","), "; ", example.text));
    }
  }
  return evaluation;
}

}  // namespace teamload::themes
