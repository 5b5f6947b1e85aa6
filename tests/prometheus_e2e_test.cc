// End to end with a real Prometheus server: the scrape config and rules from
// deploy/prometheus/, pointed at a live teamloadd, scrape it; the Prometheus
// HTTP API then answers with the team's teamload_team_finding series. The
// shipped config as it is (HTTPS, a bearer token from a file, the CA that
// signed the daemon's certificate) scrapes a daemon with tls: and tokens.
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
#include "tests/support/tls.h"

namespace teamload {
namespace {

// Where the scrape config's /etc/teamload/ files are.
struct ScrapeFiles {
  std::string scheme = "https";  // "http" for an insecure_local daemon
  std::string token_file;
  std::string ca_file;
};

// The shipped config with the live daemon as its target, scraped and
// evaluated every second instead of every 30.
std::string PrometheusConfig(const std::string& metrics_address,
                             const ScrapeFiles& files) {
  const std::string shipped = testing::ReadFile(
      absl::StrCat(TEAMLOAD_SOURCE_DIR, "/deploy/prometheus/prometheus.yml"));
  for (const char* expected :
       {"127.0.0.1:9470", "scrape_interval: 30s", "scheme: https",
        "credentials_file: /etc/teamload/prometheus.token",
        "ca_file: /etc/teamload/ca.crt"}) {
    EXPECT_THAT(shipped, ::testing::HasSubstr(expected));
  }
  return absl::StrReplaceAll(
      shipped, {{"127.0.0.1:9470", metrics_address},
                {"scrape_interval: 30s", "scrape_interval: 1s"},
                {"evaluation_interval: 30s", "evaluation_interval: 1s"},
                {"scheme: https", absl::StrCat("scheme: ", files.scheme)},
                {"/etc/teamload/prometheus.token", files.token_file},
                {"/etc/teamload/ca.crt", files.ca_file},
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

// A Prometheus server on a free loopback port with `config`, its data and
// log in `dir`.
class PrometheusServer {
 public:
  PrometheusServer(const std::filesystem::path& dir, const std::string& config)
      : port_(testing::FreeLoopbackPort()),
        process_(
            {PROMETHEUS_PATH,
             absl::StrCat("--config.file=", (dir / "prometheus.yml").string()),
             absl::StrCat("--storage.tsdb.path=", (dir / "tsdb").string()),
             absl::StrCat("--web.listen-address=127.0.0.1:", port_)},
            dir / "prometheus.log") {
    std::ofstream(dir / "prometheus.yml") << config;
  }

  void Start() {
    ASSERT_GT(port_, 0);
    process_.Start();
  }
  int Stop() { return process_.Stop(); }
  std::string Log() const { return process_.Log(); }

  testing::HttpResponse Get(const std::string& path) const {
    return testing::HttpGet(absl::StrCat("http://127.0.0.1:", port_, path));
  }

  // The series of `query` once it has any, waiting up to 20 s.
  std::vector<Series> WaitForSeries(const std::string& query) const {
    std::vector<Series> found;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (found.empty() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      const testing::HttpResponse answer =
          Get(absl::StrCat("/api/v1/query?query=", query));
      if (answer.status == 200) found = ParseVector(answer.body);
    }
    return found;
  }

 private:
  const int port_;
  testing::Process process_;
};

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

  // Prometheus reads the CA file whatever the scheme.
  testing::TestPki pki;
  ASSERT_NO_FATAL_FAILURE(testing::MakeTestPki(dir.path(), pki));
  ScrapeFiles files{.scheme = "http",
                    .token_file = (dir.path() / "prometheus.token").string(),
                    .ca_file = pki.ca_cert.string()};
  std::ofstream(files.token_file) << "unused by an insecure_local daemon\n";
  PrometheusServer prometheus(dir.path(),
                              PrometheusConfig(metrics_address, files));
  ASSERT_NO_FATAL_FAILURE(prometheus.Start());
  const std::vector<Series> found =
      prometheus.WaitForSeries("teamload_team_finding");
  ASSERT_EQ(found.size(), 1u) << prometheus.Log();
  EXPECT_EQ(found[0].team, "payments");
  EXPECT_EQ(found[0].detector, "unwritten_oops");
  EXPECT_EQ(found[0].boundary, "safety");
  EXPECT_EQ(found[0].level, "attention");
  EXPECT_EQ(found[0].job, "teamload");

  // The shipped rules loaded cleanly into the live server.
  const testing::HttpResponse rules = prometheus.Get("/api/v1/rules");
  EXPECT_EQ(rules.status, 200);
  EXPECT_THAT(rules.body,
              ::testing::HasSubstr("TeamloadTeamAttentionFor14Days"));

  EXPECT_EQ(prometheus.Stop(), 0) << prometheus.Log();
  EXPECT_EQ(daemon.Stop(), 0) << daemon.Log();
}

TEST(PrometheusE2eTest, TheShippedConfigScrapesOverTlsWithABearerToken) {
  testing::TempDir dir;
  testing::TestPki pki;
  ASSERT_NO_FATAL_FAILURE(testing::MakeTestPki(dir.path(), pki));
  constexpr char kToken[] = "tl_prometheus_e2e_5b1c";
  testing::Daemon daemon(
      dir.path(),
      absl::StrCat("metrics_listen: 127.0.0.1:0\n"
                   "teams:\n  - name: payments\n",
                   testing::TlsSection(pki), "auth:\n  tokens:\n",
                   testing::TokenEntry("prometheus", kToken, "metrics", "")));
  ASSERT_NO_FATAL_FAILURE(daemon.Start());
  const std::string metrics_address = daemon.MetricsAddress();
  ASSERT_FALSE(metrics_address.empty()) << daemon.Log();

  const ScrapeFiles files{
      .token_file = (dir.path() / "prometheus.token").string(),
      .ca_file = pki.ca_cert.string()};
  std::ofstream(files.token_file) << kToken << "\n";
  PrometheusServer prometheus(dir.path(),
                              PrometheusConfig(metrics_address, files));
  ASSERT_NO_FATAL_FAILURE(prometheus.Start());
  const std::vector<Series> found =
      prometheus.WaitForSeries("teamload_team_open_deferrals");
  ASSERT_EQ(found.size(), 1u) << prometheus.Log() << daemon.Log();
  EXPECT_EQ(found[0].team, "payments");
  EXPECT_EQ(found[0].job, "teamload");
  // Every scrape was let in.
  EXPECT_THAT(daemon.Log(), ::testing::Not(::testing::HasSubstr("auth:")));

  EXPECT_EQ(prometheus.Stop(), 0) << prometheus.Log();
  EXPECT_EQ(daemon.Stop(), 0) << daemon.Log();
}

}  // namespace
}  // namespace teamload
