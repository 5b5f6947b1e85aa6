#include "daemon/metrics/text_format.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "absl/strings/str_cat.h"

namespace teamload::metrics {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

// Backslash, and newline as \n; in label values also the double quote.
void AppendEscaped(std::string& out, absl::string_view text, bool quote) {
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\\' || (quote && c == '"')) out += '\\';
    out += c;
  }
}

void AppendDouble(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "Nan";
  } else if (std::isinf(value)) {
    out += value < 0 ? "-Inf" : "+Inf";
  } else if (value == std::trunc(value) && std::abs(value) < 1e15 &&
             !(value == 0 && std::signbit(value))) {
    // Counts, flags and whole seconds: what "%.16g" writes is the integer.
    absl::StrAppend(&out, static_cast<int64_t>(value));
  } else {
    char buffer[32];
    const auto written =
        std::to_chars(buffer, buffer + sizeof(buffer), value,
                      std::chars_format::general, 16);  // "%.16g"
    out.append(buffer, written.ptr);
  }
}

absl::string_view TypeName(MetricType type) {
  switch (type) {
    case MetricType::Counter:
      return "counter";
    case MetricType::Gauge:
      return "gauge";
    case MetricType::Summary:
      return "summary";
    case MetricType::Untyped:
      return "untyped";
    case MetricType::Histogram:
      return "histogram";
  }
  return "untyped";
}

// One sample: `name``suffix`{labels[,extra_name="extra_value"]} and the
// value that `append_value` writes, then the metric's timestamp if any.
template <typename AppendValue>
void AppendMetricSample(std::string& out, const MetricFamily& family,
                        const ClientMetric& metric, absl::string_view suffix,
                        absl::string_view extra_name,
                        absl::string_view extra_value,
                        AppendValue append_value) {
  out += family.name;
  out.append(suffix.data(), suffix.size());
  bool first = true;
  for (const ClientMetric::Label& label : metric.label) {
    AppendLabel(out, first, label.name, label.value);
    first = false;
  }
  if (!extra_name.empty()) AppendLabel(out, first, extra_name, extra_value);
  if (!first || !extra_name.empty()) out += '}';
  out += ' ';
  append_value();
  if (metric.timestamp_ms != 0) absl::StrAppend(&out, " ", metric.timestamp_ms);
  out += '\n';
}

std::string DoubleText(double value) {
  std::string text;
  AppendDouble(text, value);
  return text;
}

void AppendMetric(std::string& out, const MetricFamily& family,
                  const ClientMetric& metric) {
  const auto sample = [&](absl::string_view suffix, absl::string_view extra,
                          absl::string_view extra_value, auto value) {
    AppendMetricSample(out, family, metric, suffix, extra, extra_value, [&] {
      if constexpr (std::is_same_v<decltype(value), double>) {
        AppendDouble(out, value);
      } else {
        absl::StrAppend(&out, value);
      }
    });
  };
  switch (family.type) {
    case MetricType::Counter:
      sample("", "", "", metric.counter.value);
      return;
    case MetricType::Gauge:
      sample("", "", "", metric.gauge.value);
      return;
    case MetricType::Untyped:
      sample("", "", "", metric.untyped.value);
      return;
    case MetricType::Summary:
      sample("_count", "", "", metric.summary.sample_count);
      sample("_sum", "", "", metric.summary.sample_sum);
      for (const ClientMetric::Quantile& q : metric.summary.quantile) {
        sample("", "quantile", DoubleText(q.quantile), q.value);
      }
      return;
    case MetricType::Histogram: {
      const ClientMetric::Histogram& histogram = metric.histogram;
      sample("_count", "", "", histogram.sample_count);
      sample("_sum", "", "", histogram.sample_sum);
      double last = -INFINITY;
      for (const ClientMetric::Bucket& bucket : histogram.bucket) {
        sample("_bucket", "le", DoubleText(bucket.upper_bound),
               bucket.cumulative_count);
        last = bucket.upper_bound;
      }
      if (last != INFINITY) {
        sample("_bucket", "le", "+Inf", histogram.sample_count);
      }
      return;
    }
  }
}

}  // namespace

void AppendHeader(std::string& out, absl::string_view name,
                  absl::string_view help, absl::string_view type) {
  if (!help.empty()) {
    absl::StrAppend(&out, "# HELP ", name, " ");
    AppendEscaped(out, help, /*quote=*/false);
    out += '\n';
  }
  absl::StrAppend(&out, "# TYPE ", name, " ", type, "\n");
}

void AppendSampleName(std::string& out, absl::string_view name) {
  out.append(name.data(), name.size());
}

void AppendLabel(std::string& out, bool first, absl::string_view name,
                 absl::string_view value) {
  out += first ? '{' : ',';
  out.append(name.data(), name.size());
  out += "=\"";
  AppendEscaped(out, value, /*quote=*/true);
  out += '"';
}

void AppendSampleValue(std::string& out, bool labelled, double value) {
  if (labelled) out += '}';
  out += ' ';
  AppendDouble(out, value);
  out += '\n';
}

void AppendText(const std::vector<MetricFamily>& families, std::string& out) {
  for (const MetricFamily& family : families) {
    AppendHeader(out, family.name, family.help, TypeName(family.type));
    for (const ClientMetric& metric : family.metric) {
      AppendMetric(out, family, metric);
    }
  }
}

}  // namespace teamload::metrics
