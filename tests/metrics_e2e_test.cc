// End to end: a real teamloadd with metrics_listen, fed a known input over
// gRPC, then scraped at /metrics: exact series, and `promtool check metrics`
// on the live body. Also checks that every teamload_ metric the dashboard
// and the alerting rules use is one the daemon serves.
#include <cstring>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "tests/support/http.h"
#include "tests/support/process.h"

namespace teamload {
namespace {

using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

constexpr absl::Duration kDay = absl::Hours(24);

constexpr char kConfig[] = R"yaml(metrics_listen: 127.0.0.1:0
limits:
  max_request_signals: 20
teams:
  - name: payments
    timezone: UTC
    oncall_size: 4
    expected_sources: [pagerduty, oops, survey]
)yaml";

void SetTime(google::protobuf::Timestamp* ts, absl::Time t) {
  ts->set_seconds(absl::ToUnixSeconds(t));
}

v1::Signal Page(const std::string& id, const std::string& team, absl::Time at) {
  v1::Signal s;
  s.set_id(id);
  s.set_team(team);
  s.set_source("pagerduty");
  SetTime(s.mutable_occurred_at(), at);
  s.mutable_page()->set_urgency(v1::URGENCY_HIGH);
  return s;
}

v1::Signal Oops(const std::string& id, absl::Time at) {
  v1::Signal s;
  s.set_id(id);
  s.set_team("payments");
  s.set_source("oops");
  SetTime(s.mutable_occurred_at(), at);
  s.mutable_oops()->set_title("near miss");
  return s;
}

v1::Signal Annotation(absl::Time at) {
  v1::Signal s;
  s.set_id("annotation:1");
  s.set_team("payments");
  s.set_source("annotation");
  SetTime(s.mutable_occurred_at(), at);
  s.mutable_annotation()->set_text(R"(reorg: "platform" took two\)");
  s.mutable_annotation()->set_author("maria");
  return s;
}

// Sample lines by series ("name{labels}"), the value as written.
std::map<std::string, std::string> SamplesOf(const std::string& body,
                                             const std::string& prefix) {
  std::map<std::string, std::string> samples;
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) {
    if (!absl::StartsWith(line, prefix)) continue;
    const std::size_t space = line.rfind(' ');
    samples[line.substr(0, space)] = line.substr(space + 1);
  }
  return samples;
}

class MetricsE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    daemon_.Start();
    ASSERT_FALSE(daemon_.MetricsAddress().empty()) << daemon_.Log();
    channel_ = grpc::CreateChannel(daemon_.address(),
                                   grpc::InsecureChannelCredentials());
    ingest_ = v1::IngestService::NewStub(channel_);
  }
  void TearDown() override {
    ingest_.reset();
    channel_.reset();
    EXPECT_EQ(daemon_.Stop(), 0) << daemon_.Log();
  }

  grpc::Status Ingest(const v1::IngestRequest& request) {
    grpc::ClientContext context;
    v1::IngestResponse response;
    return ingest_->Ingest(&context, request, &response);
  }

  std::string Scrape() {
    const testing::HttpResponse response = testing::HttpGet(
        absl::StrCat("http://", daemon_.MetricsAddress(), "/metrics"));
    EXPECT_EQ(response.status, 200);
    EXPECT_THAT(response.content_type, ::testing::HasSubstr("text/plain"));
    return response.body;
  }

  testing::TempDir dir_;
  testing::Daemon daemon_{dir_.path(), kConfig};
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
};

TEST_F(MetricsE2eTest, ScrapeShowsExactlyWhatWasIngested) {
  const absl::Time now =
      absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()));
  v1::IngestRequest first;
  *first.add_signals() = Page("pd:1", "payments", now - kDay);
  *first.add_signals() = Page("pd:2", "payments", now - 2 * kDay);
  for (int age : {20, 30, 40}) {
    *first.add_signals() = Oops(absl::StrCat("oops:", age), now - age * kDay);
  }
  *first.add_signals() = Page("pd:3", "nobody", now - kDay);  // rejected
  *first.add_signals() = Annotation(now - 2 * kDay);
  for (const char* source : {"pagerduty", "oops"}) {
    v1::Coverage* c = first.add_coverage();
    c->set_team("payments");
    c->set_source(source);
    SetTime(c->mutable_covered_through(), now - absl::Hours(1));
  }
  ASSERT_TRUE(Ingest(first).ok());
  v1::IngestRequest replay;  // nothing new: no store commit
  *replay.add_signals() = Page("pd:1", "payments", now - kDay);
  ASSERT_TRUE(Ingest(replay).ok());
  v1::IngestRequest too_big;
  for (int i = 0; i < 21; ++i) {
    *too_big.add_signals() = Page(absl::StrCat("pd:big", i), "payments", now);
  }
  EXPECT_EQ(Ingest(too_big).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  const std::string body = Scrape();
  EXPECT_THAT(
      SamplesOf(body, "teamload_signals_ingested_total"),
      UnorderedElementsAre(
          Pair(
              R"(teamload_signals_ingested_total{kind="page",outcome="accepted",source="pagerduty"})",
              "2"),
          Pair(
              R"(teamload_signals_ingested_total{kind="page",outcome="duplicate",source="pagerduty"})",
              "1"),
          Pair(
              R"(teamload_signals_ingested_total{kind="page",outcome="rejected",source="pagerduty"})",
              "1"),
          Pair(
              R"(teamload_signals_ingested_total{kind="oops",outcome="accepted",source="oops"})",
              "3"),
          Pair(
              R"(teamload_signals_ingested_total{kind="annotation",outcome="accepted",source="annotation"})",
              "1")));
  EXPECT_THAT(
      SamplesOf(body, "teamload_ingest_requests_refused_total"),
      UnorderedElementsAre(
          Pair(
              R"(teamload_ingest_requests_refused_total{reason="too_many_signals"})",
              "1"),
          Pair(
              R"(teamload_ingest_requests_refused_total{reason="too_many_bytes"})",
              "0"),
          Pair(R"(teamload_ingest_requests_refused_total{reason="overloaded"})",
               "0"),
          Pair(
              R"(teamload_ingest_requests_refused_total{reason="store_error"})",
              "0")));
  EXPECT_EQ(SamplesOf(body, "teamload_ingest_request_duration_seconds_count")
                .at("teamload_ingest_request_duration_seconds_count"),
            "3");
  EXPECT_EQ(SamplesOf(body, "teamload_store_commit_duration_seconds_count")
                .at("teamload_store_commit_duration_seconds_count"),
            "1");
  EXPECT_THAT(SamplesOf(body, "teamload_store_errors_total"),
              UnorderedElementsAre(Pair("teamload_store_errors_total", "0")));
  EXPECT_THAT(SamplesOf(body, "teamload_report_runs_total"), IsEmpty());

  EXPECT_THAT(
      SamplesOf(body, "teamload_team_recent_signals"),
      UnorderedElementsAre(
          Pair(R"(teamload_team_recent_signals{team="payments",kind="page"})",
               "2"),
          Pair(R"(teamload_team_recent_signals{team="payments",kind="oops"})",
               "0"),
          Pair(
              R"(teamload_team_recent_signals{team="payments",kind="deferral"})",
              "0"),
          Pair(
              R"(teamload_team_recent_signals{team="payments",kind="survey_note"})",
              "0"),
          Pair(
              R"(teamload_team_recent_signals{team="payments",kind="migration"})",
              "0"),
          Pair(R"(teamload_team_recent_signals{team="payments",kind="deploy"})",
               "0"),
          Pair(
              R"(teamload_team_recent_signals{team="payments",kind="annotation"})",
              "1")));
  // For Grafana's annotations: the time as the value, the words as labels
  // (escaped as the exposition format wants).
  EXPECT_THAT(
      SamplesOf(body, "teamload_team_annotation_timestamp_seconds"),
      UnorderedElementsAre(Pair(
          R"(teamload_team_annotation_timestamp_seconds{team="payments",id="annotation:1",author="maria",text="reorg: \"platform\" took two\\"})",
          absl::StrCat(absl::ToUnixSeconds(now - 2 * kDay)))));
  EXPECT_THAT(SamplesOf(body, "teamload_team_unwritten_oopses"),
              UnorderedElementsAre(Pair(
                  R"(teamload_team_unwritten_oopses{team="payments"})", "3")));
  EXPECT_THAT(SamplesOf(body, "teamload_team_open_deferrals"),
              UnorderedElementsAre(Pair(
                  R"(teamload_team_open_deferrals{team="payments"})", "0")));
  EXPECT_THAT(
      SamplesOf(body, "teamload_team_blind_spot"),
      UnorderedElementsAre(
          Pair(R"(teamload_team_blind_spot{team="payments",source="survey"})",
               "1")));
  EXPECT_THAT(
      SamplesOf(body, "teamload_team_finding"),
      UnorderedElementsAre(Pair(
          R"(teamload_team_finding{team="payments",detector="unwritten_oops",boundary="safety",level="attention"})",
          "1")));
  // Coverage ages run with the daemon's clock: an hour, and the seconds
  // since `now` was taken.
  const auto ages = SamplesOf(body, "teamload_team_coverage_age_seconds");
  ASSERT_EQ(ages.size(), 2u);
  const double elapsed = absl::ToDoubleSeconds(absl::Now() - now);
  for (const char* source : {"pagerduty", "oops"}) {
    double age = 0;
    ASSERT_TRUE(absl::SimpleAtod(
        ages.at(absl::StrCat(
            R"(teamload_team_coverage_age_seconds{team="payments",source=")",
            source, R"("})")),
        &age));
    EXPECT_GE(age, 3600);
    EXPECT_LE(age, 3600 + elapsed + 1);
  }

  // The live body passes promtool: no errors, no lint warnings.
  const testing::ProcessResult promtool =
      testing::Run({PROMTOOL_PATH, "check", "metrics"}, body);
  EXPECT_EQ(promtool.exit_code, 0) << promtool.out << promtool.err;
  EXPECT_EQ(promtool.out, "");
  EXPECT_EQ(promtool.err, "");
}

TEST_F(MetricsE2eTest, DashboardAndRulesUseOnlyMetricsTheDaemonServes) {
  // A counter with labels shows once it has counted something.
  v1::IngestRequest request;
  *request.add_signals() = Page("pd:1", "payments", absl::Now() - kDay);
  ASSERT_TRUE(Ingest(request).ok());
  // Report runs and their deliveries (daemon/reports) are counted by name
  // as they happen; the names are checked in daemon/metrics/metrics_test.cc.
  std::set<std::string> served = {"teamload_report_runs_total",
                                  "teamload_report_deliveries_total"};
  std::istringstream lines(Scrape());
  for (std::string line; std::getline(lines, line);) {
    if (absl::StartsWith(line, "# TYPE ")) {
      served.insert(line.substr(7, line.find(' ', 7) - 7));
    }
  }
  ASSERT_GT(served.size(), 10u);
  const std::regex metric(R"(teamload_[a-z0-9_]+)");
  for (const char* file :
       {"deploy/grafana/teamload.json", "deploy/prometheus/rules.yml"}) {
    const std::string text =
        testing::ReadFile(absl::StrCat(TEAMLOAD_SOURCE_DIR, "/", file));
    ASSERT_FALSE(text.empty()) << file;
    int used = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), metric);
         it != std::sregex_iterator(); ++it) {
      std::string name = it->str();
      for (const char* suffix : {"_bucket", "_count", "_sum"}) {
        if (absl::EndsWith(name, suffix) && !served.contains(name)) {
          name.resize(name.size() - std::strlen(suffix));
        }
      }
      EXPECT_TRUE(served.contains(name)) << file << " uses " << it->str();
      ++used;
    }
    EXPECT_GE(used, 5) << file;
  }
}

TEST_F(MetricsE2eTest, OtherPathsAreNotFound) {
  EXPECT_EQ(testing::HttpGet(
                absl::StrCat("http://", daemon_.MetricsAddress(), "/debug"))
                .status,
            404);
}

}  // namespace
}  // namespace teamload
