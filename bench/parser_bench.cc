// Collector parser throughput on generated files of the real shape: a
// PagerDuty REST v2 GET /incidents page and a Jira search page with
// changelogs, 10,000 records each. Items per second are records per second.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "collectors/jira/issue.h"
#include "collectors/pagerduty/parser.h"
#include "bench/pagerduty_pages.h"

namespace teamload {
namespace {

constexpr int kRecords = 10'000;

std::string JiraPage() {
  std::string json = R"({"startAt":0,"maxResults":10000,"total":10000,"issues":[)";
  for (int i = 0; i < kRecords; ++i) {
    if (i > 0) json += ",";
    absl::StrAppendFormat(
        &json,
        R"({"id":"%d","key":"PAY-%d","fields":{"summary":"rotate ledger TLS certificates",)"
        R"("created":"2026-09-01T09:00:00.000+0000","project":{"key":"PAY","name":"Payments"},)"
        R"("components":[{"name":"ledger"}],"labels":["team-payments"],"resolutiondate":null,)"
        R"("status":{"name":"In Progress"},"customfield_10020":[{"id":3,"name":"Sprint 3"}]},)"
        R"("changelog":{"histories":[)"
        R"({"created":"2026-10-15T10:00:00.000+0000","items":[{"field":"Sprint","fromString":"Sprint 3","toString":"Sprint 3, Sprint 4"}]},)"
        R"({"created":"2026-10-01T10:00:00.000+0000","items":[{"field":"Fix Version","fromString":"1.4","toString":"1.5"}]},)"
        R"({"created":"2026-09-10T10:00:00.000+0000","items":[{"field":"status","fromString":"Backlog","toString":"In Progress"}]}]}})",
        10000 + i, i);
  }
  return json + "]}";
}

void BM_PagerDutyRestPage(benchmark::State& state) {
  const std::string json = bench::PagerDutyPage(0, kRecords);
  collectors::pagerduty::Parser parser;
  for (auto _ : state) {
    collectors::pagerduty::ParseResult result = parser.Parse(json, "page.json");
    if (result.incidents.size() != kRecords) state.SkipWithError("records lost");
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * kRecords);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(json.size()));
}
BENCHMARK(BM_PagerDutyRestPage)->Unit(benchmark::kMillisecond);

void BM_JiraSearchPage(benchmark::State& state) {
  const std::string json = JiraPage();
  collectors::jira::Parser parser;
  for (auto _ : state) {
    collectors::jira::ParseResult result = parser.Parse(json, "page.json");
    if (result.issues.size() != kRecords || result.issues[0].times_deferred != 2) {
      state.SkipWithError("records lost or misread");
    }
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * kRecords);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(json.size()));
}
BENCHMARK(BM_JiraSearchPage)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace teamload

BENCHMARK_MAIN();
