// The Prometheus text exposition format (version 0.0.4), written straight
// into a string: what GET /metrics answers. Byte for byte what
// prometheus-cpp's TextSerializer writes for the same families (HELP, TYPE,
// samples in order, doubles as "%.16g"), at a fraction of its cost: no
// std::ostream, integral values written as integers without printf.
// Deliberate differences, where the format requires escapes that
// prometheus-cpp leaves out: a newline in a label value or HELP text is
// written as the two characters \n (prometheus-cpp writes a raw newline
// that breaks the line), and a backslash in HELP text is doubled.
//
// Stateless and thread-safe.
#ifndef TEAMLOAD_DAEMON_METRICS_TEXT_FORMAT_H_
#define TEAMLOAD_DAEMON_METRICS_TEXT_FORMAT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "prometheus/metric_family.h"

namespace teamload::metrics {

// The content type of the format.
inline constexpr char kTextContentType[] =
    "text/plain; version=0.0.4; charset=utf-8";

// Appends every family of `families` to `out`.
void AppendText(const std::vector<prometheus::MetricFamily>& families,
                std::string& out);

// The pieces, for collectors that write their series without building
// families first. A family is its header and then its samples:
//   AppendHeader(out, "x", "help", "gauge");
//   AppendSampleName(out, "x"); AppendLabel(out, first, "team", "a");
//   AppendLabel(out, false, "kind", "page"); AppendSampleValue(out, true, 2);
void AppendHeader(std::string& out, absl::string_view name,
                  absl::string_view help, absl::string_view type);
void AppendSampleName(std::string& out, absl::string_view name);
// `first`: the sample's first label (opens the braces).
void AppendLabel(std::string& out, bool first, absl::string_view name,
                 absl::string_view value);
// Ends the sample: closes the braces if `labelled`, then " VALUE\n".
void AppendSampleValue(std::string& out, bool labelled, double value);

}  // namespace teamload::metrics

#endif  // TEAMLOAD_DAEMON_METRICS_TEXT_FORMAT_H_
