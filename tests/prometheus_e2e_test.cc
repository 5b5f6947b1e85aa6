// End to end with a real Prometheus server: the scrape config and rules from
// deploy/prometheus/, pointed at a live teamloadd, scrape it; the Prometheus
// HTTP API then answers with the team's teamload_team_finding series.
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "simdjson.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "tests/support/http.h"
#include "tests/support/process.h"

namespace teamload {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The shipped config with the live daemon as its target, scraped and
// evaluated every second instead of every 30.
std::string PrometheusConfig(const std::string& metrics_address) {
  const std::string shipped = ReadFile(
      absl::StrCat(TEAMLOAD_SOURCE_DIR, "/deploy/prometheus/prometheus.yml"));
  EXPECT_THAT(shipped, ::testing::HasSubstr("127.0.0.1:9470"));
  EXPECT_THAT(shipped, ::testing::HasSubstr("scrape_interval: 30s"));
  return absl::StrReplaceAll(
      shipped, {{"127.0.0.1:9470", metrics_address},
                {"scrape_interval: 30s", "scrape_interval: 1s"},
                {"evaluation_interval: 30s", "evaluation_interval: 1s"},
                {"rules.yml", absl::StrCat(TEAMLOAD_SOURCE_DIR,
                                           "/deploy/prometheus/rules.yml")}});
}

struct Series {
  std::string team, detector, boundary, level, job;
};

// The series of an instant-vector answer from /api/v1/query.
std::vector<Series> ParseVector(const std::string& body) {
  std::vector<Series> series;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body).get(doc) != simdjson::SUCCESS) return series;
  simdjson::dom::array result;
  if (doc.at_pointer("/data/result").get(result) != simdjson::SUCCESS)
    return series;
  for (simdjson::dom::element item : result) {
    const auto label = [&](const char* name) {
      std::string_view value;
      if (item.at_pointer(absl::StrCat("/metric/", name)).get(value) !=
          simdjson::SUCCESS) {
        return std::string();
      }
      return std::string(value);
    };
    series.push_back({label("team"), label("detector"), label("boundary"),
                      label("level"), label("job")});
  }
  return series;
}

TEST(PrometheusE2eTest, PrometheusScrapesTheDaemonAndAnswersForFindings) {
  testing::TempDir dir;
  testing::Daemon daemon(dir.path(),
                         "metrics_listen: 127.0.0.1:0\n"
                         "teams:\n"
                         "  - name: payments\n"
                         "    expected_sources: [oops]\n");
  daemon.Start();
  const std::string metrics_address = daemon.MetricsAddress();
  ASSERT_FALSE(metrics_address.empty()) << daemon.Log();
  {
    // Three oopses unwritten after 14 days: an ATTENTION finding.
    auto channel = grpc::CreateChannel(daemon.address(),
                                       grpc::InsecureChannelCredentials());
    auto ingest = v1::IngestService::NewStub(channel);
    v1::IngestRequest request;
    for (int age : {20, 30, 40}) {
      v1::Signal* s = request.add_signals();
      s->set_id(absl::StrCat("oops:", age));
      s->set_team("payments");
      s->set_source("oops");
      s->mutable_occurred_at()->set_seconds(
          absl::ToUnixSeconds(absl::Now() - absl::Hours(24 * age)));
      s->mutable_oops()->set_title("near miss");
    }
    grpc::ClientContext context;
    v1::IngestResponse response;
    ASSERT_TRUE(ingest->Ingest(&context, request, &response).ok());
  }

  const auto config_path = dir.path() / "prometheus.yml";
  std::ofstream(config_path) << PrometheusConfig(metrics_address);
  const int port = testing::FreeLoopbackPort();
  ASSERT_GT(port, 0);
  testing::Process prometheus(
      {PROMETHEUS_PATH, absl::StrCat("--config.file=", config_path.string()),
       absl::StrCat("--storage.tsdb.path=", (dir.path() / "tsdb").string()),
       absl::StrCat("--web.listen-address=127.0.0.1:", port)},
      dir.path() / "prometheus.log");
  prometheus.Start();

  const std::string query = absl::StrCat(
      "http://127.0.0.1:", port, "/api/v1/query?query=teamload_team_finding");
  std::vector<Series> found;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (found.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    const testing::HttpResponse answer = testing::HttpGet(query);
    if (answer.status == 200) found = ParseVector(answer.body);
  }
  ASSERT_EQ(found.size(), 1u) << prometheus.Log();
  EXPECT_EQ(found[0].team, "payments");
  EXPECT_EQ(found[0].detector, "unwritten_oops");
  EXPECT_EQ(found[0].boundary, "safety");
  EXPECT_EQ(found[0].level, "attention");
  EXPECT_EQ(found[0].job, "teamload");

  // The shipped rules loaded cleanly into the live server.
  const testing::HttpResponse rules = testing::HttpGet(
      absl::StrCat("http://127.0.0.1:", port, "/api/v1/rules"));
  EXPECT_EQ(rules.status, 200);
  EXPECT_THAT(rules.body,
              ::testing::HasSubstr("TeamloadTeamAttentionFor14Days"));

  EXPECT_EQ(prometheus.Stop(), 0) << prometheus.Log();
  EXPECT_EQ(daemon.Stop(), 0) << daemon.Log();
}

}  // namespace
}  // namespace teamload
