#include "daemon/metrics/metrics.h"

#include "absl/strings/str_cat.h"
#include "daemon/metrics/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::metrics {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using testing::Exposition;
using ::testing::Not;
using testing::Samples;
using ::testing::UnorderedElementsAre;

using teamload::v1::IngestRequest;
using teamload::v1::IngestResponse;

// A request with one signal per (source, kind), answered with `outcomes`.
struct Entry {
  const char* source;
  const char* kind;  // "page", "oops" or "" for none
  teamload::v1::Outcome outcome;
};

void Answer(Metrics& metrics, const std::vector<Entry>& entries) {
  IngestRequest request;
  IngestResponse response;
  for (const Entry& e : entries) {
    teamload::v1::Signal* s = request.add_signals();
    s->set_source(e.source);
    if (std::string(e.kind) == "page") s->mutable_page();
    if (std::string(e.kind) == "oops") s->mutable_oops();
    response.add_results()->set_outcome(e.outcome);
  }
  metrics.RequestAnswered(request, response, absl::Milliseconds(3));
}

TEST(MetricsTest, CountsSignalsBySourceKindAndOutcome) {
  Metrics metrics;
  Answer(metrics, {{"pagerduty", "page", teamload::v1::OUTCOME_ACCEPTED},
                   {"pagerduty", "page", teamload::v1::OUTCOME_ACCEPTED},
                   {"pagerduty", "page", teamload::v1::OUTCOME_DUPLICATE},
                   {"oops", "oops", teamload::v1::OUTCOME_REVISED},
                   {"pagerduty", "", teamload::v1::OUTCOME_REJECTED}});
  Answer(metrics, {{"pagerduty", "page", teamload::v1::OUTCOME_ACCEPTED}});
  const std::string text = Exposition(*metrics.registry());
  EXPECT_THAT(
      Samples(text, "teamload_signals_ingested_total"),
      UnorderedElementsAre(
          R"(teamload_signals_ingested_total{kind="none",outcome="rejected",source="pagerduty"} 1)",
          R"(teamload_signals_ingested_total{kind="oops",outcome="revised",source="oops"} 1)",
          R"(teamload_signals_ingested_total{kind="page",outcome="accepted",source="pagerduty"} 3)",
          R"(teamload_signals_ingested_total{kind="page",outcome="duplicate",source="pagerduty"} 1)"));
  EXPECT_THAT(Samples(text, "teamload_ingest_request_duration_seconds_count"),
              ElementsAre("teamload_ingest_request_duration_seconds_count 2"));
  EXPECT_THAT(
      Samples(text,
              "teamload_ingest_request_duration_seconds_bucket{le=\"0.005\"}"),
      ElementsAre(
          R"(teamload_ingest_request_duration_seconds_bucket{le="0.005"} 2)"));
  EXPECT_THAT(
      Samples(text,
              "teamload_ingest_request_duration_seconds_bucket{le=\"0.0025\"}"),
      ElementsAre(
          R"(teamload_ingest_request_duration_seconds_bucket{le="0.0025"} 0)"));
}

TEST(MetricsTest, CapsTheSourcesThatGetTheirOwnLabel) {
  Metrics metrics;
  // A rejected signal never claims a label value of its own.
  Answer(metrics, {{"typo-source", "page", teamload::v1::OUTCOME_REJECTED}});
  for (int i = 0; i < Metrics::kMaxSources + 1; ++i) {
    const std::string source = absl::StrCat("source-", i);
    Answer(metrics, {{source.c_str(), "page", teamload::v1::OUTCOME_ACCEPTED}});
  }
  const std::vector<std::string> samples = Samples(
      Exposition(*metrics.registry()), "teamload_signals_ingested_total");
  EXPECT_EQ(samples.size(), Metrics::kMaxSources + 2u);
  EXPECT_THAT(
      samples,
      Contains(
          R"(teamload_signals_ingested_total{kind="page",outcome="rejected",source="other"} 1)"));
  EXPECT_THAT(
      samples,
      Contains(
          R"(teamload_signals_ingested_total{kind="page",outcome="accepted",source="source-31"} 1)"));
  EXPECT_THAT(
      samples,
      Contains(
          R"(teamload_signals_ingested_total{kind="page",outcome="accepted",source="other"} 1)"));
  EXPECT_THAT(samples, Not(Contains(::testing::HasSubstr("source-32"))));
}

TEST(MetricsTest, CountsRefusalsStoreErrorsAndReportRuns) {
  Metrics metrics;
  std::string text = Exposition(*metrics.registry());
  // Every refusal reason and the store errors show as 0 from the start.
  EXPECT_THAT(
      Samples(text, "teamload_ingest_requests_refused_total"),
      UnorderedElementsAre(
          R"(teamload_ingest_requests_refused_total{reason="overloaded"} 0)",
          R"(teamload_ingest_requests_refused_total{reason="store_error"} 0)",
          R"(teamload_ingest_requests_refused_total{reason="too_many_bytes"} 0)",
          R"(teamload_ingest_requests_refused_total{reason="too_many_signals"} 0)"));
  EXPECT_THAT(Samples(text, "teamload_store_errors_total"),
              ElementsAre("teamload_store_errors_total 0"));

  metrics.RequestRefused(ingest::Refusal::kTooManySignals,
                         absl::Milliseconds(1));
  metrics.RequestRefused(ingest::Refusal::kTooManySignals,
                         absl::Milliseconds(1));
  metrics.RequestRefused(ingest::Refusal::kStoreError, absl::Milliseconds(1));
  metrics.StoreCommitted(absl::Milliseconds(4), absl::OkStatus());
  metrics.StoreCommitted(absl::Milliseconds(20),
                         absl::UnavailableError("disk full"));
  metrics.ReportRun("weekly-managers", "sent");
  metrics.ReportRun("weekly-managers", "sent");
  metrics.ReportRun("weekly-managers", "failed");
  metrics.ReportDelivery("weekly-managers", "mail", true);
  metrics.ReportDelivery("weekly-managers", "slack", true);
  metrics.ReportDelivery("weekly-managers", "slack", false);
  text = Exposition(*metrics.registry());
  EXPECT_THAT(
      Samples(text, "teamload_ingest_requests_refused_total"),
      UnorderedElementsAre(
          R"(teamload_ingest_requests_refused_total{reason="overloaded"} 0)",
          R"(teamload_ingest_requests_refused_total{reason="store_error"} 1)",
          R"(teamload_ingest_requests_refused_total{reason="too_many_bytes"} 0)",
          R"(teamload_ingest_requests_refused_total{reason="too_many_signals"} 2)"));
  EXPECT_THAT(Samples(text, "teamload_store_errors_total"),
              ElementsAre("teamload_store_errors_total 1"));
  EXPECT_THAT(Samples(text, "teamload_store_commit_duration_seconds_count"),
              ElementsAre("teamload_store_commit_duration_seconds_count 2"));
  EXPECT_THAT(
      Samples(text,
              "teamload_store_commit_duration_seconds_bucket{le=\"0.005\"}"),
      ElementsAre(
          R"(teamload_store_commit_duration_seconds_bucket{le="0.005"} 1)"));
  EXPECT_THAT(
      Samples(text,
              "teamload_store_commit_duration_seconds_bucket{le=\"0.025\"}"),
      ElementsAre(
          R"(teamload_store_commit_duration_seconds_bucket{le="0.025"} 2)"));
  EXPECT_THAT(Samples(text, "teamload_ingest_request_duration_seconds_count"),
              ElementsAre("teamload_ingest_request_duration_seconds_count 3"));
  EXPECT_THAT(
      Samples(text, "teamload_report_runs_total"),
      UnorderedElementsAre(
          R"(teamload_report_runs_total{outcome="failed",report="weekly-managers"} 1)",
          R"(teamload_report_runs_total{outcome="sent",report="weekly-managers"} 2)"));
  EXPECT_THAT(
      Samples(text, "teamload_report_deliveries_total"),
      UnorderedElementsAre(
          R"(teamload_report_deliveries_total{channel="mail",outcome="sent",report="weekly-managers"} 1)",
          R"(teamload_report_deliveries_total{channel="slack",outcome="failed",report="weekly-managers"} 1)",
          R"(teamload_report_deliveries_total{channel="slack",outcome="sent",report="weekly-managers"} 1)"));
}

}  // namespace
}  // namespace teamload::metrics
