// Collector parser throughput on generated files of the real shape: a
// PagerDuty REST v2 GET /incidents page, a Jira search page with
// changelogs, a Jira "Export CSV (all fields)" file, a survey CSV export
// and a GitHub issue events page with embedded issues, 10,000 records each.
// Items per second are records per second.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/pagerduty_pages.h"
#include "benchmark/benchmark.h"
#include "collectors/github/issue_history.h"
#include "collectors/github/parser.h"
#include "collectors/jira/csv_export.h"
#include "collectors/jira/issue.h"
#include "collectors/pagerduty/parser.h"
#include "collectors/survey/survey_csv.h"

namespace teamload {
namespace {

constexpr int kRecords = 10'000;

// Parses `input` once an iteration with `parse`, which returns whether all
// kRecords records were read, and read right; counts records and bytes.
template <typename Parse>
void MeasureParse(benchmark::State& state, const std::string& input,
                  Parse parse) {
  for (auto _ : state) {
    if (!parse(input)) state.SkipWithError("records lost or misread");
  }
  state.SetItemsProcessed(state.iterations() * kRecords);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(input.size()));
}

std::string JiraPage() {
  std::string json =
      R"({"startAt":0,"maxResults":10000,"total":10000,"issues":[)";
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
  collectors::pagerduty::Parser parser;
  MeasureParse(state, bench::PagerDutyPage(0, kRecords),
               [&](const std::string& json) {
                 collectors::pagerduty::ParseResult result =
                     parser.Parse(json, "page.json");
                 benchmark::DoNotOptimize(result);
                 return result.incidents.size() == kRecords;
               });
}
BENCHMARK(BM_PagerDutyRestPage)->Unit(benchmark::kMillisecond);

void BM_JiraSearchPage(benchmark::State& state) {
  collectors::jira::Parser parser;
  MeasureParse(state, JiraPage(), [&](const std::string& json) {
    collectors::jira::ParseResult result = parser.Parse(json, "page.json");
    benchmark::DoNotOptimize(result);
    return result.issues.size() == kRecords &&
           result.issues[0].times_deferred == 2;
  });
}
BENCHMARK(BM_JiraSearchPage)->Unit(benchmark::kMillisecond);

// The columns of tests/fixtures/jira_csv/: 47, three of them Sprint, and a
// quoted two-line description.
std::string JiraCsv() {
  std::string csv =
      "Summary,Issue key,Issue id,Issue Type,Status,Project key,Project "
      "name,Project type,Project lead,Project description,Project "
      "url,Priority,Resolution,Assignee,Reporter,Creator,Created,Updated,Last "
      "Viewed,Resolved,Affects Version/s,Fix Version/s,Fix Version/s,"
      "Component/s,Component/s,Due Date,Votes,Labels,Labels,Description,"
      "Environment,Watchers,Watchers,Original Estimate,Remaining "
      "Estimate,Time Spent,Work Ratio,Security Level,Attachment,Custom field "
      "(Story Points),Sprint,Sprint,Sprint,Custom field (Rank),Comment,Parent "
      "id,Status Category\r\n";
  for (int i = 0; i < kRecords; ++i) {
    absl::StrAppendFormat(
        &csv,
        "Rotate payment gateway certificates,PAY-%d,%d,Story,In "
        "Progress,PAY,Payments,software,Dana Whitfield,,,High,,Ana Ruiz,Dana "
        "Whitfield,Dana Whitfield,02/Sep/26 9:15 AM,20/Nov/26 4:41 PM,,,,1.4,"
        "1.5,ledger,api,15/Nov/26,0,tech-debt,,\"The certificates expire on 1 "
        "Dec.\r\nRoll out one region at a time, \"\"carefully\"\".\",,Ana "
        "Ruiz,,,,,,,,5,PAY Sprint 41,PAY Sprint 42,PAY Sprint "
        "43,0|i0007r:,,,In "
        "Progress\r\n",
        i, 10000 + i);
  }
  return csv;
}

void BM_JiraCsvExport(benchmark::State& state) {
  MeasureParse(state, JiraCsv(), [](const std::string& csv) {
    collectors::jira::ParseResult result =
        collectors::jira::ParseCsvExport(csv, "export.csv", {});
    benchmark::DoNotOptimize(result);
    return result.issues.size() == kRecords &&
           result.issues[0].times_deferred == 2;
  });
}
BENCHMARK(BM_JiraCsvExport)->Unit(benchmark::kMillisecond);

// Google Forms' shape: two Likert questions and one free-text answer a row,
// each respondent hashed with HMAC-SHA256.
void BM_SurveyCsv(benchmark::State& state) {
  std::string csv = "Timestamp,Email Address,Team,Workload,Rested,Comments\r\n";
  for (int i = 0; i < kRecords; ++i) {
    absl::StrAppendFormat(
        &csv,
        "11/2/2026 9:14:03,person%d@example.com,Payments,2,3,"
        "\"Too many pages at night, and the freeze slips.\"\r\n",
        i);
  }
  const collectors::survey::RespondentHasher hasher("bench-salt-0123456789");
  const collectors::survey::SurveyColumns columns{
      .team = "Team",
      .respondent = "Email Address",
      .submitted = "Timestamp",
      .likert = {"Workload", "Rested"},
      .text = {"Comments"},
      .submitted_format = "%m/%d/%Y %H:%M:%S"};
  MeasureParse(state, csv, [&](const std::string& input) {
    collectors::survey::SurveyParse result =
        collectors::survey::ParseSurvey(input, "pulse.csv", columns, hasher);
    benchmark::DoNotOptimize(result);
    return result.responses.size() == kRecords;
  });
}
BENCHMARK(BM_SurveyCsv)->Unit(benchmark::kMillisecond);

// GET /repos/acme/payments/issues/events: 2,000 issues, five events each
// (milestoned, demilestoned, labeled deferred, subscribed, closed), each
// event embedding its issue as GitHub does.
std::string GithubEventsPage() {
  constexpr const char* kEvents[] = {"milestoned", "demilestoned", "labeled",
                                     "subscribed", "closed"};
  std::string json = "[";
  for (int i = 0; i < kRecords; ++i) {
    if (i > 0) json += ",";
    const int number = 1 + i / 5;
    absl::StrAppendFormat(
        &json,
        R"({"id":%d,"node_id":"IE_%d","url":"https://api.github.com/repos/acme/payments/issues/events/%d",)"
        R"("actor":{"login":"maria","id":101},"event":"%s","commit_id":null,"commit_url":null,)"
        R"("created_at":"2026-10-%02dT10:00:00Z","milestone":{"title":"v1.4"},)"
        R"("label":{"name":"deferred","color":"fbca04"},"issue":{)"
        R"("url":"https://api.github.com/repos/acme/payments/issues/%d",)"
        R"("repository_url":"https://api.github.com/repos/acme/payments","id":%d,)"
        R"("number":%d,"title":"rotate ledger TLS certificates","user":{"login":"maria","id":101},)"
        R"("labels":[{"id":5003,"name":"deferred","color":"fbca04"}],"state":"closed","locked":false,)"
        R"("comments":2,"created_at":"2026-09-01T09:00:00Z","updated_at":"2026-10-20T10:00:00Z",)"
        R"("closed_at":"2026-10-20T10:00:00Z","author_association":"MEMBER"}})",
        90000 + i, i, 90000 + i, kEvents[i % 5], 1 + i % 5, number,
        2000000 + number, number);
  }
  return json + "]";
}

void BM_GithubEventsPage(benchmark::State& state) {
  collectors::github::Parser parser;
  MeasureParse(state, GithubEventsPage(), [&](const std::string& json) {
    collectors::github::ParseResult result = parser.Parse(json, "events.json");
    collectors::github::IssueHistory history({"deferred"});
    history.Add(result);
    std::vector<collectors::github::Issue> issues = history.Issues();
    benchmark::DoNotOptimize(issues);
    return issues.size() == kRecords / 5 && issues[0].times_deferred == 2;
  });
}
BENCHMARK(BM_GithubEventsPage)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace teamload

BENCHMARK_MAIN();
