#include "tests/support/postgres_daemon.h"

#include <fstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"

namespace teamload::testing {

PostgresDaemon::PostgresDaemon(const std::string& url, const std::string& teams)
    : daemon_(dir_.path(), teams) {
  // Daemon writes a SQLite store; point it at the database instead.
  std::string config = ReadFile(daemon_.config_path());
  const auto at = config.find("store: sqlite:");
  const auto end = config.find('\n', at);
  config.replace(at, end - at, "store: " + url);
  std::ofstream(daemon_.config_path()) << config;
}

PostgresDaemon::~PostgresDaemon() {
  ingest_.reset();
  teams_.reset();
  narratives_.reset();
  channel_.reset();
}

void PostgresDaemon::Start() {
  ASSERT_NO_FATAL_FAILURE(daemon_.Start());
  channel_ = grpc::CreateChannel(daemon_.address(),
                                 grpc::InsecureChannelCredentials());
  ingest_ = v1::IngestService::NewStub(channel_);
  teams_ = v1::TeamService::NewStub(channel_);
  narratives_ = v1::NarrativeService::NewStub(channel_);
}

grpc::Status PostgresDaemon::Ingest(const v1::IngestRequest& request,
                                    v1::IngestResponse* response) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  return ingest_->Ingest(&context, request, response);
}

int64_t PostgresDaemon::Pages(const std::string& team) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  v1::GetTeamRequest request;
  request.set_name(team);
  v1::Team answer;
  if (!teams_->GetTeam(&context, request, &answer).ok()) return -1;
  const auto count = answer.signal_counts().find("page");
  return count == answer.signal_counts().end() ? 0 : count->second;
}

std::string PostgresDaemon::Narrative(const std::string& team,
                                      absl::Time as_of) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  v1::GetNarrativeRequest request;
  request.set_team(team);
  request.mutable_as_of()->set_seconds(absl::ToUnixSeconds(as_of));
  v1::Narrative narrative;
  const grpc::Status status =
      narratives_->GetNarrative(&context, request, &narrative);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return narrative.markdown();
}

std::string DatabaseOf(const std::string& url) {
  const std::string path = url.substr(url.rfind('/') + 1);
  return path.substr(0, path.find('?'));
}

std::map<std::string, int64_t> StoredRevisions(
    const store::testing::PostgresCluster& cluster,
    const std::string& database) {
  absl::StatusOr<std::vector<std::vector<std::string>>> rows = cluster.Query(
      database, "SELECT id, count(*) FROM signal_revisions GROUP BY id");
  EXPECT_TRUE(rows.ok()) << rows.status();
  std::map<std::string, int64_t> revisions;
  if (!rows.ok()) return revisions;
  for (const std::vector<std::string>& row : *rows) {
    EXPECT_TRUE(absl::SimpleAtoi(row[1], &revisions[row[0]])) << row[1];
  }
  return revisions;
}

void ExpectAcknowledgedStoredOnce(const IngestLoad& load,
                                  const std::map<std::string, int64_t>& stored,
                                  PostgresDaemon& daemon,
                                  const std::string& team) {
  EXPECT_THAT(load.Unacknowledged(), ::testing::IsEmpty());
  EXPECT_THAT(load.UnexpectedOutcomes(), ::testing::IsEmpty());
  EXPECT_THAT(load.BreachesOfExactlyOnce(stored), ::testing::IsEmpty());
  const int64_t acknowledged = static_cast<int64_t>(load.Acknowledged().size());
  EXPECT_EQ(static_cast<int64_t>(stored.size()), acknowledged);
  EXPECT_TRUE(WaitFor([&] { return daemon.Pages(team) == acknowledged; }))
      << "teamloadd counts " << daemon.Pages(team) << " pages, " << acknowledged
      << " acknowledged";
  EXPECT_THAT(load.ResendAcknowledged([&](const v1::IngestRequest& request,
                                          v1::IngestResponse* response) {
    return daemon.Ingest(request, response);
  }),
              ::testing::IsEmpty());
}

}  // namespace teamload::testing
