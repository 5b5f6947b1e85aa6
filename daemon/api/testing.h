// Test-only: teamloadd's gRPC services in the test's own process, wired as
// main.cc wires them: the config parsed from YAML, a real SqliteStore in a
// fresh temporary folder, the model rebuilt from it, the Ingestor, and
// api::Server on 127.0.0.1:0, all reading one FakeClock the test moves.
// ServiceTest is the gtest fixture around it, with a stub per service.
//
// Not thread-safe itself; the services it runs are.
#ifndef TEAMLOAD_DAEMON_API_TESTING_H_
#define TEAMLOAD_DAEMON_API_TESTING_H_

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "daemon/api/server.h"
#include "daemon/config/config.h"
#include "daemon/ingest/eraser.h"
#include "daemon/ingest/ingestor.h"
#include "daemon/model/model.h"
#include "daemon/store/store.h"
#include "daemon/util/clock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/narrative.grpc.pb.h"
#include "teamload/v1/report.grpc.pb.h"
#include "teamload/v1/signal.pb.h"
#include "teamload/v1/team.grpc.pb.h"

namespace teamload::api::testing {

// Thursday 2026-11-26 12:00 in Europe/Berlin (11:00 UTC): the FakeClock's
// start, so "now" is the same in every run.
inline const absl::Time kNow = absl::FromUnixSeconds(1'795'690'800);

// Two teams in Berlin: payments, five on call and paged through PagerDuty,
// and search. Tests append their own keys; text appended at once, indented
// four spaces, continues search's entry.
inline constexpr char kPaymentsAndSearch[] = R"yaml(
teams:
  - name: payments
    timezone: Europe/Berlin
    oncall_size: 5
    expected_sources: [pagerduty]
  - name: search
    timezone: Europe/Berlin
)yaml";

inline google::protobuf::Timestamp Timestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(t));
  return ts;
}

// A high-urgency PagerDuty page.
inline teamload::v1::Signal Page(const std::string& id, absl::Time at,
                                 const std::string& title = "db down",
                                 const std::string& team = "payments") {
  teamload::v1::Signal signal;
  signal.set_id(id);
  signal.set_team(team);
  signal.set_source("pagerduty");
  *signal.mutable_occurred_at() = Timestamp(at);
  signal.mutable_page()->set_title(title);
  signal.mutable_page()->set_urgency(teamload::v1::URGENCY_HIGH);
  return signal;
}

inline teamload::v1::Coverage Coverage(const std::string& team,
                                       const std::string& source,
                                       absl::Time covered_through) {
  teamload::v1::Coverage coverage;
  coverage.set_team(team);
  coverage.set_source(source);
  *coverage.mutable_covered_through() = Timestamp(covered_through);
  return coverage;
}

// A night of pages for payments after eight quiet weeks: 12, a quarter of
// an hour apart, from 01:00 Berlin last night; pagerduty has looked at
// payments through kNow.
inline teamload::v1::IngestRequest NightOfPages() {
  teamload::v1::IngestRequest request;
  for (int i = 0; i < 12; ++i) {
    *request.add_signals() =
        Page(absl::StrCat("pd:night-", i),
             kNow - absl::Hours(11) + absl::Minutes(15 * i));
  }
  *request.add_coverage() = Coverage("payments", "pagerduty", kNow);
  return request;
}

class InProcessDaemon {
 public:
  // Parses `yaml` (teams, limits, reports; without listen or store) as the
  // config and starts serving. The store is a new SQLite file in a new
  // temporary folder, removed again by the destructor.
  static absl::StatusOr<std::unique_ptr<InProcessDaemon>> Start(
      absl::string_view yaml, absl::Time now = kNow) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "teamload-api-XXXXXX")
            .string();
    if (mkdtemp(pattern.data()) == nullptr)
      return absl::InternalError("mkdtemp failed");
    std::unique_ptr<InProcessDaemon> daemon(new InProcessDaemon(pattern, now));
    absl::StatusOr<config::Config> config = config::ParseConfig(
        absl::StrCat("listen: 127.0.0.1:0\nstore: sqlite:teamload.db\n"
                     "insecure_local: true\n",
                     yaml),
        (daemon->dir_ / "teamload.yaml").string());
    if (!config.ok()) return config.status();
    absl::StatusOr<std::unique_ptr<store::Store>> store =
        store::Store::Open(config->store);
    if (!store.ok()) return store.status();
    daemon->store_ = *std::move(store);
    daemon->model_ = std::make_unique<model::Model>(config->teams);
    if (absl::Status s = daemon->model_->Rebuild(*daemon->store_); !s.ok())
      return s;
    daemon->ingestor_ = std::make_unique<ingest::Ingestor>(
        daemon->store_.get(), daemon->model_.get(), &daemon->clock_);
    daemon->eraser_ = std::make_unique<ingest::Eraser>(
        daemon->store_.get(), daemon->model_.get(), daemon->ingestor_.get(),
        config->retention, &daemon->clock_);
    absl::StatusOr<std::unique_ptr<Server>> server =
        Server::Start(*config, {.ingestor = daemon->ingestor_.get(),
                                .model = daemon->model_.get(),
                                .clock = &daemon->clock_,
                                .eraser = daemon->eraser_.get()});
    if (!server.ok()) return server.status();
    daemon->server_ = *std::move(server);
    return daemon;
  }

  InProcessDaemon(const InProcessDaemon&) = delete;
  InProcessDaemon& operator=(const InProcessDaemon&) = delete;
  // Stops serving; in-flight calls are cancelled. Close client channels
  // first, or the stop waits for their next poll.
  ~InProcessDaemon() {
    if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
    server_.reset();
    eraser_.reset();
    ingestor_.reset();
    model_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::shared_ptr<grpc::Channel> NewChannel() const {
    return grpc::CreateChannel(server_->address(),
                               grpc::InsecureChannelCredentials());
  }
  util::FakeClock& clock() { return clock_; }

 private:
  InProcessDaemon(std::filesystem::path dir, absl::Time now)
      : dir_(std::move(dir)), clock_(now) {}

  const std::filesystem::path dir_;
  util::FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<model::Model> model_;
  std::unique_ptr<ingest::Ingestor> ingestor_;
  std::unique_ptr<ingest::Eraser> eraser_;
  std::unique_ptr<Server> server_;
};

// The fixture: Start(yaml) in SetUp, then call the services through the
// stubs; TearDown closes the channel before stopping the daemon, so the stop
// does not wait for an idle client.
class ServiceTest : public ::testing::Test {
 protected:
  void Start(absl::string_view yaml) {
    absl::StatusOr<std::unique_ptr<InProcessDaemon>> daemon =
        InProcessDaemon::Start(yaml);
    ASSERT_TRUE(daemon.ok()) << daemon.status();
    daemon_ = *std::move(daemon);
    channel_ = daemon_->NewChannel();
    ingest_ = teamload::v1::IngestService::NewStub(channel_);
    teams_ = teamload::v1::TeamService::NewStub(channel_);
    narratives_ = teamload::v1::NarrativeService::NewStub(channel_);
    reports_ = teamload::v1::ReportService::NewStub(channel_);
  }
  void TearDown() override {
    ingest_.reset();
    teams_.reset();
    narratives_.reset();
    reports_.reset();
    channel_.reset();
    daemon_.reset();
  }

  // The call's answer; a failed call fails the test.
  teamload::v1::IngestResponse IngestOk(
      const teamload::v1::IngestRequest& request) {
    grpc::ClientContext context;
    teamload::v1::IngestResponse response;
    grpc::Status status = ingest_->Ingest(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  std::unique_ptr<InProcessDaemon> daemon_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<teamload::v1::IngestService::Stub> ingest_;
  std::unique_ptr<teamload::v1::TeamService::Stub> teams_;
  std::unique_ptr<teamload::v1::NarrativeService::Stub> narratives_;
  std::unique_ptr<teamload::v1::ReportService::Stub> reports_;
};

}  // namespace teamload::api::testing

#endif  // TEAMLOAD_DAEMON_API_TESTING_H_
