// Test helpers for the metrics: the text exposition as sample lines.
// Test-only.
#ifndef TEAMLOAD_DAEMON_METRICS_TESTING_H_
#define TEAMLOAD_DAEMON_METRICS_TESTING_H_

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "daemon/metrics/text_format.h"
#include "prometheus/collectable.h"

namespace teamload::metrics::testing {

// The exposition's sample lines ("name{labels} value"), without comments,
// whose name starts with `prefix`.
inline std::vector<std::string> Samples(const std::string& exposition,
                                        const std::string& prefix) {
  std::vector<std::string> samples;
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (absl::StartsWith(line, prefix)) samples.push_back(line);
  }
  return samples;
}

// What /metrics writes for `collectable`.
inline std::string Exposition(const prometheus::Collectable& collectable) {
  std::string text;
  AppendText(collectable.Collect(), text);
  return text;
}

}  // namespace teamload::metrics::testing

#endif  // TEAMLOAD_DAEMON_METRICS_TESTING_H_
