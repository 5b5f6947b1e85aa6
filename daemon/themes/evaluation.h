// Evaluation: how well a classifier finds the themes of labelled examples it
// did not learn from. Per label, precision (of the sentences it raised the
// label for, how many carry it) and recall (of the sentences that carry it,
// how many it raised it for); their macro F1; and false alarms, the `none`
// sentences it raised any theme for.
//
// Thread-safe: pure functions.
#ifndef TEAMLOAD_DAEMON_THEMES_EVALUATION_H_
#define TEAMLOAD_DAEMON_THEMES_EVALUATION_H_

#include <map>
#include <string>
#include <vector>

#include "daemon/themes/classifier.h"
#include "daemon/themes/examples.h"

namespace teamload::themes {

struct LabelScore {
  int carried = 0;  // examples that carry the label
  int raised = 0;   // examples the classifier raised it for
  int both = 0;
  double precision() const { return raised == 0 ? 1.0 : double(both) / raised; }
  double recall() const { return carried == 0 ? 1.0 : double(both) / carried; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

struct Evaluation {
  std::map<std::string, LabelScore> labels;  // every label but kNoTheme
  int none = 0;                              // examples labelled kNoTheme
  int false_alarms = 0;                      // of those, the ones given a theme
  // The examples it got wrong, as "want: a,b; got: c; TEXT".
  std::vector<std::string> mistakes;

  double MacroF1() const;
};

Evaluation Evaluate(const Classifier& classifier,
                    const std::vector<Example>& examples);

}  // namespace teamload::themes

#endif  // TEAMLOAD_DAEMON_THEMES_EVALUATION_H_
