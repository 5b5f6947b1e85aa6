// End to end: a real teamloadd process on a loopback port with its own data
// folder, driven over gRPC.
#include <atomic>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "daemon/config/testing.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/team.grpc.pb.h"
#include "tests/support/ingest.h"
#include "tests/support/process.h"
#include "tests/support/team_state.h"

namespace teamload {
namespace {

using teamload::v1::IngestRequest;
using teamload::v1::IngestResponse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Outcomes;

const std::string kTeams = absl::StrCat(R"yaml(
limits:
  max_request_signals: 1000
  max_request_bytes: 1048576
)yaml",
                                        config::testing::kPaymentsAndSearch);

v1::Signal Page(const std::string& id, const std::string& title = "db down",
                const std::string& team = "payments") {
  v1::Signal signal;
  signal.set_id(id);
  signal.set_team(team);
  signal.set_source("pagerduty");
  signal.mutable_occurred_at()->set_seconds(
      1'795'144'320);  // 2026-11-20T03:12:00Z
  signal.mutable_page()->set_title(title);
  signal.mutable_page()->set_urgency(v1::URGENCY_HIGH);
  return signal;
}

class DaemonTest : public ::testing::Test {
 protected:
  DaemonTest() : daemon_(dir_.path(), kTeams) {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(daemon_.Start());
    Connect();
  }
  // Idle client channels only notice the server going away at their next
  // backup poll (5 s), which would hold up a graceful stop; close them first.
  void Disconnect() {
    ingest_.reset();
    teams_.reset();
    channel_.reset();
  }
  void Connect() {
    channel_ = grpc::CreateChannel(daemon_.address(),
                                   grpc::InsecureChannelCredentials());
    ingest_ = v1::IngestService::NewStub(channel_);
    teams_ = v1::TeamService::NewStub(channel_);
  }

  grpc::Status Ingest(const IngestRequest& request, IngestResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    return ingest_->Ingest(&context, request, response);
  }
  IngestResponse IngestOk(const IngestRequest& request) {
    IngestResponse response;
    grpc::Status status = Ingest(request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  v1::Team GetTeam(const std::string& name) {
    grpc::ClientContext context;
    v1::GetTeamRequest request;
    request.set_name(name);
    v1::Team team;
    grpc::Status status = teams_->GetTeam(&context, request, &team);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return team;
  }

  // Re-sends every id; each must be a duplicate of what is stored.
  void ExpectAllDuplicates(const std::vector<std::string>& ids) {
    for (std::size_t start = 0; start < ids.size(); start += 1000) {
      IngestRequest request;
      for (std::size_t i = start; i < std::min(ids.size(), start + 1000); ++i) {
        *request.add_signals() = Page(ids[i]);
      }
      for (const auto& outcome : Outcomes(IngestOk(request))) {
        ASSERT_EQ(outcome, v1::OUTCOME_DUPLICATE)
            << "an acknowledged signal was lost";
      }
    }
  }

  testing::TempDir dir_;
  testing::Daemon daemon_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::unique_ptr<v1::TeamService::Stub> teams_;
};

TEST_F(DaemonTest, ReportsAcceptedDuplicateRevisedAndRejected) {
  IngestRequest request;
  *request.add_signals() = Page("pd:1");
  EXPECT_THAT(Outcomes(IngestOk(request)), ElementsAre(v1::OUTCOME_ACCEPTED));
  EXPECT_THAT(Outcomes(IngestOk(request)), ElementsAre(v1::OUTCOME_DUPLICATE));
  *request.mutable_signals(0) = Page("pd:1", "db down (resolved)");
  EXPECT_THAT(Outcomes(IngestOk(request)), ElementsAre(v1::OUTCOME_REVISED));
  request.mutable_signals(0)->set_team("billing");
  IngestResponse rejected = IngestOk(request);
  EXPECT_THAT(Outcomes(rejected), ElementsAre(v1::OUTCOME_REJECTED));
  EXPECT_EQ(rejected.results(0).id(), "pd:1");
  EXPECT_EQ(rejected.results(0).error(),
            "team: unknown team \"billing\" (not in teamloadd's config)");
  EXPECT_EQ(GetTeam("payments").signal_counts().at("page"), 1);
}

// Which fields are checked, and how, is the in-process test's
// (daemon/api/ingest_service_test.cc); across processes, a rejection keeps
// its place in the answer and takes nothing good down with it.
TEST_F(DaemonTest, GoodSignalsSurviveTheBadOnesInAMixedBatch) {
  IngestRequest request;
  *request.add_signals() = Page("pd:good-1");
  v1::Signal bad_score = Page("survey:1");
  bad_score.mutable_survey_note()->set_score(9);
  *request.add_signals() = bad_score;
  *request.add_signals() = Page("pd:good-2", "other", "search");
  auto* coverage = request.add_coverage();
  coverage->set_team("payments");
  coverage->set_source("pagerduty");
  *coverage->mutable_covered_through() = Page("x").occurred_at();

  IngestResponse response = IngestOk(request);
  EXPECT_THAT(Outcomes(response),
              ElementsAre(v1::OUTCOME_ACCEPTED, v1::OUTCOME_REJECTED,
                          v1::OUTCOME_ACCEPTED));
  EXPECT_EQ(response.results(1).id(), "survey:1");
  EXPECT_EQ(response.results(1).error(),
            "survey_note.score: 9 is outside 0..5");
  ASSERT_EQ(response.coverage_results_size(), 1);
  EXPECT_EQ(response.coverage_results(0).outcome(), v1::OUTCOME_ACCEPTED);

  v1::Team payments = GetTeam("payments");
  ASSERT_NO_FATAL_FAILURE(
      testing::ExpectSignalsAndCoverage(payments, "page", 1, "pagerduty"));
  EXPECT_EQ(GetTeam("search").signal_counts().at("page"), 1);
}

TEST_F(DaemonTest, StreamAnswersEachRequestInOrder) {
  // Each request carries its signal twice: same id, same content.
  testing::ExpectStreamAnswersEachRequestInOrder(
      *ingest_, 5, [](const std::string& id) { return Page(id); });
}

TEST_F(DaemonTest, RefusesRequestsOverTheLimitsNamingThem) {
  testing::ExpectRefusesRequestsOverTheLimits(
      *ingest_, 1000, 1048576,
      [](const std::string& id, const std::string& title) {
        return Page(id, title);
      });
  EXPECT_EQ(GetTeam("payments").signal_counts().at("page"), 0);
}

TEST_F(DaemonTest, UnknownTeamIsNotFoundNamingTheKnownOnes) {
  grpc::ClientContext context;
  v1::GetTeamRequest request;
  request.set_name("billing");
  v1::Team team;
  grpc::Status status = teams_->GetTeam(&context, request, &team);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(),
            "no team named \"billing\"; known teams: payments, search");

  grpc::ClientContext list_context;
  v1::ListTeamsResponse list;
  ASSERT_TRUE(teams_->ListTeams(&list_context, {}, &list).ok());
  ASSERT_EQ(list.teams_size(), 2);
  EXPECT_EQ(list.teams(0).name(), "payments");
  EXPECT_EQ(list.teams(0).timezone(), "Europe/Berlin");
  EXPECT_EQ(list.teams(0).oncall_size(), 5);
  EXPECT_THAT(list.teams(0).expected_sources(),
              ElementsAre("pagerduty", "jira"));
}

TEST_F(DaemonTest, AnswersHealthChecksAndReflection) {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckResponse status;
  ASSERT_TRUE(health->Check(&context, {}, &status).ok());
  EXPECT_EQ(status.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  auto reflection =
      grpc::reflection::v1alpha::ServerReflection::NewStub(channel_);
  grpc::ClientContext reflection_context;
  auto stream = reflection->ServerReflectionInfo(&reflection_context);
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  std::vector<std::string> services;
  for (const auto& s : response.list_services_response().service())
    services.push_back(s.name());
  EXPECT_THAT(services, ::testing::IsSupersetOf({"teamload.v1.IngestService",
                                                 "teamload.v1.TeamService",
                                                 "grpc.health.v1.Health"}));
  // teamloadd --help names every service it serves.
  const testing::ProcessResult help =
      testing::Run({testing::TeamloaddPath(), "--help"});
  for (const std::string& service : services) {
    if (!absl::StartsWith(service, "teamload.v1.")) continue;
    EXPECT_THAT(help.out, ::testing::HasSubstr(service.substr(12))) << service;
  }
  // The descriptors themselves are served too, so tools need no .proto files.
  request.set_file_containing_symbol("teamload.v1.IngestService");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_GT(response.file_descriptor_response().file_descriptor_proto_size(),
            0);
  stream->WritesDone();
}

TEST_F(DaemonTest, StateSurvivesACleanRestart) {
  IngestRequest request;
  for (int i = 0; i < 10; ++i)
    *request.add_signals() = Page(absl::StrCat("pd:", i));
  *request.add_signals() = Page("pd:0", "revised before the restart");
  IngestOk(request);
  Disconnect();
  EXPECT_EQ(daemon_.Stop(), 0);
  EXPECT_THAT(daemon_.Log(),
              HasSubstr("stopped cleanly; this run: 10 accepted, 0 duplicate, "
                        "1 revised, 0 rejected"));

  ASSERT_NO_FATAL_FAILURE(daemon_.Start());
  Connect();
  EXPECT_THAT(daemon_.Log(), HasSubstr("loaded 10 signals for 2 teams"));
  EXPECT_EQ(GetTeam("payments").signal_counts().at("page"), 10);
  // Both revisions of pd:0 are known, so re-sending everything changes nothing.
  for (const auto& outcome : Outcomes(IngestOk(request))) {
    EXPECT_EQ(outcome, v1::OUTCOME_DUPLICATE);
  }
}

// Sends batches of new signals from several threads until the daemon stops
// answering; returns the ids of every signal it acknowledged.
std::vector<std::string> IngestUntilGone(const std::string& address,
                                         int threads) {
  absl::Mutex mu;
  std::vector<std::string> acknowledged;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      auto stub = v1::IngestService::NewStub(
          grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
      for (int batch = 0;; ++batch) {
        IngestRequest request;
        for (int i = 0; i < 200; ++i) {
          *request.add_signals() =
              Page(absl::StrCat("load:", t, ":", batch, ":", i));
        }
        grpc::ClientContext context;
        context.set_deadline(
            absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
        IngestResponse response;
        if (!stub->Ingest(&context, request, &response).ok()) return;
        absl::MutexLock lock(&mu);
        for (const auto& r : response.results()) {
          if (r.outcome() == v1::OUTCOME_ACCEPTED)
            acknowledged.push_back(r.id());
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  return acknowledged;
}

TEST_F(DaemonTest, NothingAcknowledgedIsLostWhenKilledUnderConcurrentIngest) {
  std::vector<std::string> acknowledged;
  std::thread load(
      [&] { acknowledged = IngestUntilGone(daemon_.address(), 4); });
  absl::SleepFor(absl::Milliseconds(1500));
  daemon_.Kill();
  load.join();
  ASSERT_GT(acknowledged.size(), 1000u) << "too little load to mean anything";

  ASSERT_NO_FATAL_FAILURE(daemon_.Start());
  Connect();
  EXPECT_GE(GetTeam("payments").signal_counts().at("page"),
            static_cast<int64_t>(acknowledged.size()));
  ExpectAllDuplicates(acknowledged);
}

TEST_F(DaemonTest, SigtermFinishesInFlightRequestsAndExitsZero) {
  std::vector<std::string> acknowledged;
  std::thread load(
      [&] { acknowledged = IngestUntilGone(daemon_.address(), 4); });
  absl::SleepFor(absl::Milliseconds(800));
  Disconnect();
  EXPECT_EQ(daemon_.Stop(), 0);
  load.join();
  EXPECT_THAT(daemon_.Log(), HasSubstr("received SIGTERM"));
  EXPECT_THAT(daemon_.Log(), HasSubstr("stopped cleanly"));

  ASSERT_NO_FATAL_FAILURE(daemon_.Start());
  Connect();
  ExpectAllDuplicates(acknowledged);
}

TEST(DaemonConfigTest, CheckConfigNamesFileLineAndProblem) {
  testing::TempDir dir;
  const auto bad = dir.path() / "bad.yaml";
  std::ofstream(bad) << "store: sqlite:x.db\nteams:\n  - name: payments\n    "
                        "timezone: Mars/Olympus\n";
  testing::ProcessResult result =
      testing::Run({testing::TeamloaddPath(), "--check-config", bad});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr(absl::StrCat(bad.string(),
                                     ":4:15: teams[0].timezone: "
                                     "unknown time zone \"Mars/Olympus\"")));

  // Serving with it is refused the same way.
  result = testing::Run({testing::TeamloaddPath(), "--config", bad});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("unknown time zone \"Mars/Olympus\""));

  const auto good = dir.path() / "good.yaml";
  std::ofstream(good) << "store: sqlite:x.db\ninsecure_local: true\n"
                         "teams:\n  - name: payments\n";
  result = testing::Run({testing::TeamloaddPath(), "--check-config", good});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(
      result.out,
      HasSubstr("ok (1 teams, store sqlite:" + (dir.path() / "x.db").string() +
                ", listen 127.0.0.1:7070, insecure_local: no TLS, no "
                "tokens, loopback only)"));
}

TEST(DaemonConfigTest, NoTlsAndTokensMeansLoopbackOnlyAndSaidSo) {
  testing::TempDir dir;
  // Neither TLS and tokens nor insecure_local: refused, checked or served.
  const auto open = dir.path() / "open.yaml";
  std::ofstream(open) << "listen: 0.0.0.0:0\nstore: sqlite:x.db\n"
                         "teams:\n  - name: payments\n";
  for (const char* flag : {"--check-config", "--config"}) {
    const testing::ProcessResult result =
        testing::Run({testing::TeamloaddPath(), flag, open});
    EXPECT_EQ(result.exit_code, 1) << flag;
    EXPECT_THAT(result.err, HasSubstr("tls: is required: without it survey "
                                      "answers and tokens travel in clear"))
        << flag;
    EXPECT_THAT(result.err, HasSubstr("auth: is required")) << flag;
  }
  // insecure_local on every address: refused.
  const auto anywhere = dir.path() / "anywhere.yaml";
  std::ofstream(anywhere) << "listen: 0.0.0.0:0\nstore: sqlite:x.db\n"
                             "insecure_local: true\n"
                             "teams:\n  - name: payments\n";
  const testing::ProcessResult result =
      testing::Run({testing::TeamloaddPath(), "--config", anywhere});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr("anywhere.yaml:1:9: listen: \"0.0.0.0:0\" is not a "
                        "loopback address"));
}

TEST(DaemonConfigTest, AnInsecureLocalDaemonSaysSoAtStart) {
  testing::TempDir dir;
  testing::Daemon daemon(dir.path(), "teams:\n  - name: payments\n");
  daemon.Start();
  EXPECT_THAT(daemon.Log(),
              HasSubstr("(insecure_local: no TLS, no tokens, loopback only)"));
  // Logged just after the serving line Start waits for.
  EXPECT_TRUE(testing::WaitFor([&] {
    return daemon.Log().find(
               "WARN insecure_local: anyone on this machine "
               "can read every team's story") != std::string::npos;
  })) << daemon.Log();
}

}  // namespace
}  // namespace teamload
