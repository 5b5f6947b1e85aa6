#include "daemon/metrics/text_format.h"

#include <cmath>
#include <limits>

#include "daemon/metrics/metrics.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace teamload::metrics {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

std::string Text(const std::vector<MetricFamily>& families) {
  std::string text;
  AppendText(families, text);
  return text;
}

ClientMetric Metric(std::vector<ClientMetric::Label> labels) {
  ClientMetric metric;
  metric.label = std::move(labels);
  return metric;
}

// Values whose text differs between integer, fixed and exponent forms.
const std::vector<double>& AwkwardValues() {
  static const auto* values =
      new std::vector<double>{0,
                              -0.0,
                              1,
                              -1,
                              2,
                              0.1,
                              0.3,
                              0.1 + 0.2,
                              1.0 / 3,
                              2.5,
                              3600.5,
                              123456789.125,
                              1e-7,
                              0.001,
                              0.0025,
                              1e14,
                              1e15 - 1,
                              1e15,
                              1e16,
                              1e16 + 2,
                              9007199254740993.0,
                              1e20,
                              -1e21,
                              1.7976931348623157e308,
                              std::numeric_limits<double>::denorm_min(),
                              INFINITY,
                              -INFINITY,
                              NAN};
  return *values;
}

TEST(TextFormatTest, WritesWhatPrometheusCppWritesForEveryType) {
  MetricFamily counter{.name = "c_total",
                       .help = "A counter, \"quoted\".",
                       .type = MetricType::Counter};
  MetricFamily gauge{.name = "g", .help = "", .type = MetricType::Gauge};
  MetricFamily untyped{.name = "u", .help = "U.", .type = MetricType::Untyped};
  for (double value : AwkwardValues()) {
    ClientMetric metric = Metric({{"team", "pay\"ments\\"}, {"kind", "page"}});
    metric.counter.value = metric.gauge.value = metric.untyped.value = value;
    counter.metric.push_back(metric);
    gauge.metric.push_back(metric);
    metric.label.clear();
    metric.timestamp_ms = 1700000000123;
    untyped.metric.push_back(metric);
  }
  MetricFamily histogram{
      .name = "h_seconds", .help = "H.", .type = MetricType::Histogram};
  ClientMetric h = Metric({});
  h.histogram = {.sample_count = 7,
                 .sample_sum = 0.30000000000000004,
                 .bucket = {{1, 0.001}, {3, 0.0025}, {7, 10}}};
  histogram.metric.push_back(h);
  h.label = {{"le_not", "x"}};
  h.histogram.bucket.push_back({7, INFINITY});
  histogram.metric.push_back(h);
  MetricFamily summary{.name = "s", .help = "S.", .type = MetricType::Summary};
  ClientMetric s = Metric({{"a", "b"}});
  s.summary = {.sample_count = 3,
               .sample_sum = 1234.5,
               .quantile = {{0.5, 12}, {0.9, 0.05}, {0.99, NAN}}};
  summary.metric.push_back(s);
  const std::vector<MetricFamily> families = {counter, gauge, untyped,
                                              histogram, summary};

  EXPECT_EQ(Text(families), prometheus::TextSerializer().Serialize(families));
}

TEST(TextFormatTest, WritesTheDaemonsOwnMetricsAsPrometheusCppDoes) {
  Metrics metrics;
  metrics.RequestRefused(ingest::Refusal::kTooManyBytes, absl::Milliseconds(7));
  metrics.StoreCommitted(absl::Microseconds(1234), absl::OkStatus());
  metrics.ReportRun("weekly", "sent");
  metrics.AuthFailed(auth::AuthFailure::kDenied);
  const std::vector<MetricFamily> families = metrics.registry()->Collect();
  EXPECT_EQ(Text(families), prometheus::TextSerializer().Serialize(families));
}

// Where prometheus-cpp writes the text raw.
TEST(TextFormatTest, EscapesAsTheFormatRequires) {
  MetricFamily gauge{
      .name = "g", .help = "two\nlines \\ here", .type = MetricType::Gauge};
  ClientMetric metric = Metric({{"team", "a\nb\"c\\"}});
  metric.gauge.value = 1;
  gauge.metric.push_back(metric);
  EXPECT_EQ(Text({gauge}),
            "# HELP g two\\nlines \\\\ here\n"
            "# TYPE g gauge\n"
            "g{team=\"a\\nb\\\"c\\\\\"} 1\n");
}

TEST(TextFormatTest, PiecesWriteOneFamily) {
  std::string text;
  AppendHeader(text, "x", "An x.", "gauge");
  AppendSampleName(text, "x");
  AppendSampleValue(text, /*labelled=*/false, 0.5);
  AppendSampleName(text, "x");
  AppendLabel(text, /*first=*/true, "team", "payments");
  AppendLabel(text, /*first=*/false, "kind", "page");
  AppendSampleValue(text, /*labelled=*/true, 2);
  EXPECT_EQ(text,
            "# HELP x An x.\n"
            "# TYPE x gauge\n"
            "x 0.5\n"
            "x{team=\"payments\",kind=\"page\"} 2\n");
}

}  // namespace
}  // namespace teamload::metrics
