// End to end: the health port (health_listen) of a real teamloadd. It
// answers grpc.health.v1.Health in plaintext without a token while the main
// port serves TLS; it serves nothing else; its statuses follow the main
// port's (the store failing, SIGTERM); and --check-config and a start refuse
// a health port that cannot work.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/signal_builders.h"
#include "daemon/config/testing.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/impl/rpc_method.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/sync_stream.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/narrative.grpc.pb.h"
#include "teamload/v1/team.grpc.pb.h"
#include "tests/support/process.h"
#include "tests/support/tls.h"

namespace teamload {
namespace {

namespace fs = std::filesystem;
using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;
using ::testing::HasSubstr;

constexpr char kIngestService[] = "teamload.v1.IngestService";
constexpr char kAdminToken[] = "tl_health_test_admin";

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  return context;
}

std::shared_ptr<grpc::Channel> Plaintext(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

// Health/Check of `service` ("" is the whole server) on `channel`, without a
// token, as a probe sends it.
grpc::Status Check(const std::shared_ptr<grpc::Channel>& channel,
                   const std::string& service,
                   HealthCheckResponse::ServingStatus& status) {
  HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  const grpc::Status answer =
      Health::NewStub(channel)->Check(Context().get(), request, &response);
  status = response.status();
  return answer;
}

// Whether `service` is SERVING on `channel`: fails the test when the check
// itself fails.
HealthCheckResponse::ServingStatus StatusOf(
    const std::shared_ptr<grpc::Channel>& channel,
    const std::string& service = "") {
  HealthCheckResponse::ServingStatus status = HealthCheckResponse::UNKNOWN;
  const grpc::Status answer = Check(channel, service, status);
  EXPECT_TRUE(answer.ok()) << answer.error_code() << ": "
                           << answer.error_message();
  return status;
}

// Health/Watch of the whole server on `channel`. The tests' copy of
// health.proto declares Check only, so this makes the call the way a
// generated stub would.
std::unique_ptr<grpc::ClientReader<HealthCheckResponse>> Watch(
    const std::shared_ptr<grpc::Channel>& channel,
    grpc::ClientContext* context) {
  static const grpc::internal::RpcMethod kWatch(
      "/grpc.health.v1.Health/Watch",
      grpc::internal::RpcMethod::SERVER_STREAMING);
  return std::unique_ptr<grpc::ClientReader<HealthCheckResponse>>(
      grpc::internal::ClientReaderFactory<HealthCheckResponse>::Create(
          channel.get(), kWatch, context, HealthCheckRequest()));
}

// A page of payments', id "pagerduty:<key>".
v1::Signal Page(const std::string& key, const std::string& title = "db down") {
  v1::Signal signal = client::NewSignal(
      "pagerduty", key, "payments",
      absl::FromUnixSeconds(1'795'144'320));  // 2026-11-20T03:12:00Z
  signal.mutable_page()->set_title(title);
  return signal;
}

// A teamloadd with `health_listen: 127.0.0.1:0` and `config_rest`, and a
// plaintext channel to its health port once started.
class HealthPortTest : public ::testing::Test {
 protected:
  void StartDaemon(const std::string& config_rest) {
    daemon_ = std::make_unique<testing::Daemon>(
        dir_.path(), absl::StrCat("health_listen: 127.0.0.1:0\n", config_rest));
    ASSERT_NO_FATAL_FAILURE(daemon_->Start());
    constexpr char kServing[] = "serving gRPC health on ";
    const std::string log = daemon_->Log();
    const std::size_t at = log.rfind(kServing);
    ASSERT_NE(at, std::string::npos) << log;
    const std::size_t begin = at + sizeof(kServing) - 1;
    health_address_ = log.substr(begin, log.find(' ', begin) - begin);
    health_ = Plaintext(health_address_);
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::Daemon> daemon_;
  std::string health_address_;
  std::shared_ptr<grpc::Channel> health_;
};

// The shape Kubernetes needs: the main port TLS with tokens, the health
// port plaintext.
class TlsHealthPortTest : public HealthPortTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(testing::MakeTestPki(dir_.path(), pki_));
    ASSERT_NO_FATAL_FAILURE(StartDaemon(absl::StrCat(
        testing::TlsSection(pki_), "auth:\n  tokens:\n",
        testing::TokenEntry("admin", kAdminToken, "admin", "[\"*\"]"),
        "teams:\n  - name: payments\n")));
  }

  testing::TestPki pki_;
};

TEST_F(TlsHealthPortTest, AnswersServingInPlaintextWithoutAToken) {
  EXPECT_THAT(daemon_->Log(),
              HasSubstr(absl::StrCat("serving gRPC health on ", health_address_,
                                     " (grpc.health.v1.Health only, "
                                     "plaintext, no token)")));
  EXPECT_EQ(StatusOf(health_), HealthCheckResponse::SERVING);
  EXPECT_EQ(StatusOf(health_, kIngestService), HealthCheckResponse::SERVING);
  // The same statuses as the main port's, which answers over TLS only.
  auto tls = grpc::CreateChannel(
      daemon_->address(),
      grpc::SslCredentials({.pem_root_certs = pki_.ca_pem()}));
  EXPECT_EQ(StatusOf(tls), HealthCheckResponse::SERVING);
  EXPECT_EQ(StatusOf(tls, kIngestService), HealthCheckResponse::SERVING);
  HealthCheckResponse::ServingStatus status;
  EXPECT_EQ(Check(Plaintext(daemon_->address()), "", status).error_code(),
            grpc::StatusCode::UNAVAILABLE);

  // Watch too: the current status at once.
  auto context = Context();
  auto watch = Watch(health_, context.get());
  HealthCheckResponse response;
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
  context->TryCancel();
}

TEST_F(TlsHealthPortTest, ServesNothingButHealthEvenToAnAdminToken) {
  const auto with_token = [] {
    auto context = Context();
    context->AddMetadata("authorization", absl::StrCat("Bearer ", kAdminToken));
    return context;
  };
  v1::IngestRequest ingest;
  *ingest.add_signals() = Page("health-port");
  v1::IngestResponse ingested;
  EXPECT_EQ(v1::IngestService::NewStub(health_)
                ->Ingest(with_token().get(), ingest, &ingested)
                .error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  v1::ListNarrativesResponse narratives;
  EXPECT_EQ(v1::NarrativeService::NewStub(health_)
                ->ListNarratives(with_token().get(), {}, &narratives)
                .error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  v1::ListTeamsResponse teams;
  EXPECT_EQ(v1::TeamService::NewStub(health_)
                ->ListTeams(with_token().get(), {}, &teams)
                .error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  // No reflection either: the port does not even say what it serves.
  auto context = with_token();
  auto reflection =
      grpc::reflection::v1alpha::ServerReflection::NewStub(health_)
          ->ServerReflectionInfo(context.get());
  grpc::reflection::v1alpha::ServerReflectionRequest list;
  list.set_list_services("");
  reflection->Write(list);
  reflection->WritesDone();
  grpc::reflection::v1alpha::ServerReflectionResponse services;
  EXPECT_FALSE(reflection->Read(&services));
  EXPECT_EQ(reflection->Finish().error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

class LocalHealthPortTest : public HealthPortTest {
 protected:
  // Requests of 500 signals of 1 KiB each fit.
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(
        StartDaemon(absl::StrCat("limits: {max_request_bytes: 4194304}\n",
                                 config::testing::kPaymentsAndSearch)));
    main_ = Plaintext(daemon_->address());
  }

  grpc::Status Ingest(const v1::IngestRequest& request) {
    v1::IngestResponse response;
    return v1::IngestService::NewStub(main_)->Ingest(Context().get(), request,
                                                     &response);
  }

  std::shared_ptr<grpc::Channel> main_;
};

// Kubernetes stops sending a pod traffic once its readiness probe fails:
// from SIGTERM on, while in-flight calls finish, the health port says
// NOT_SERVING; then it closes.
TEST_F(LocalHealthPortTest, GoesNotServingOnSigtermWhileCallsFinish) {
  auto watch_context = Context();
  auto watch = Watch(health_, watch_context.get());
  HealthCheckResponse watched;
  ASSERT_TRUE(watch->Read(&watched));
  EXPECT_EQ(watched.status(), HealthCheckResponse::SERVING);

  // A call in flight holds the main port open through the grace period.
  grpc::ClientContext stream_context;
  auto ingest_stub = v1::IngestService::NewStub(main_);
  auto stream = ingest_stub->IngestStream(&stream_context);
  v1::IngestRequest request;
  *request.add_signals() = Page("in-flight");
  ASSERT_TRUE(stream->Write(request));
  v1::IngestResponse response;
  ASSERT_TRUE(stream->Read(&response));

  ASSERT_EQ(::kill(daemon_->pid(), SIGTERM), 0);
  ASSERT_TRUE(watch->Read(&watched));
  EXPECT_EQ(watched.status(), HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(StatusOf(health_), HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(StatusOf(health_, kIngestService),
            HealthCheckResponse::NOT_SERVING);

  // The call finishes; teamloadd stops and the health port closes.
  stream->WritesDone();
  while (stream->Read(&response)) {
  }
  EXPECT_TRUE(stream->Finish().ok());
  stream.reset();
  ingest_stub.reset();
  main_.reset();
  EXPECT_EQ(daemon_->Stop(), 0);
  EXPECT_THAT(daemon_->Log(), HasSubstr("stopped cleanly"));
  EXPECT_FALSE(watch->Read(&watched));
  HealthCheckResponse::ServingStatus status;
  EXPECT_EQ(Check(Plaintext(health_address_), "", status).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

// The largest of the store's files now.
rlim_t LargestFile(const fs::path& dir) {
  rlim_t largest = 0;
  for (const auto& entry : fs::directory_iterator(dir))
    largest = std::max<rlim_t>(largest, fs::file_size(entry.path()));
  return largest;
}

// No file of `pid`'s may grow past `bytes` (RLIM_INFINITY: no limit).
void LimitFileSize(pid_t pid, rlim_t bytes) {
  rlimit limit;
  ASSERT_EQ(::prlimit(pid, RLIMIT_FSIZE, nullptr, &limit), 0);
  limit.rlim_cur = bytes;
  ASSERT_EQ(::prlimit(pid, RLIMIT_FSIZE, &limit, nullptr), 0);
}

// Ingest's own status (NOT_SERVING while the store cannot write) reaches
// the health port as it reaches the main port.
TEST_F(LocalHealthPortTest, FollowsIngestHealthWhenTheStoreCannotWrite) {
  const auto batch = [](const std::string& prefix) {
    v1::IngestRequest request;
    for (int i = 0; i < 500; ++i)
      *request.add_signals() =
          Page(absl::StrCat(prefix, i), std::string(1000, 'x'));
    return request;
  };
  ASSERT_TRUE(Ingest(batch("before:")).ok());
  ASSERT_NO_FATAL_FAILURE(
      LimitFileSize(daemon_->pid(), LargestFile(dir_.path() / "data")));
  grpc::Status status;
  v1::IngestRequest refused;
  for (int i = 0; i < 5 && status.ok(); ++i) {
    refused = batch(absl::StrCat("during", i, ":"));
    status = Ingest(refused);
  }
  ASSERT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(StatusOf(main_, kIngestService), HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(StatusOf(health_, kIngestService),
            HealthCheckResponse::NOT_SERVING);
  // The daemon itself still serves: reads go on.
  EXPECT_EQ(StatusOf(health_), HealthCheckResponse::SERVING);

  ASSERT_NO_FATAL_FAILURE(LimitFileSize(daemon_->pid(), RLIM_INFINITY));
  ASSERT_TRUE(Ingest(refused).ok());
  EXPECT_EQ(StatusOf(main_, kIngestService), HealthCheckResponse::SERVING);
  EXPECT_EQ(StatusOf(health_, kIngestService), HealthCheckResponse::SERVING);
}

// `teamloadd --check-config` on `config`, written to a file in `dir`.
testing::ProcessResult CheckConfig(const fs::path& dir,
                                   const std::string& config) {
  const fs::path path = dir / "teamload.yaml";
  std::ofstream(path) << config;
  return testing::Run({testing::TeamloaddPath(), "--check-config", path});
}

TEST(HealthConfigTest, CheckConfigShowsTheHealthPort) {
  testing::TempDir dir;
  const testing::ProcessResult result = CheckConfig(
      dir.path(),
      absl::StrCat("listen: 127.0.0.1:7070\nhealth_listen: 0.0.0.0:7071\n"
                   "store: sqlite:x.db\n",
                   config::testing::kPaymentsAndSearch));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out,
              HasSubstr("listen 127.0.0.1:7070, insecure_local: no TLS, no "
                        "tokens, loopback only; health_listen 0.0.0.0:7071 "
                        "(plaintext, no token))"));
}

TEST(HealthConfigTest, CheckConfigRefusesABadAddressOrATakenPort) {
  testing::TempDir dir;
  for (const auto& [health_listen, problem] :
       std::vector<std::pair<std::string, std::string>>{
           {"7071",
            "teamload.yaml:2:16: health_listen: \"7071\" is not HOST:PORT"},
           {"0.0.0.0:http",
            "teamload.yaml:2:16: health_listen: \"0.0.0.0:http\" is not "
            "HOST:PORT"},
           {"localhost:7070",
            "teamload.yaml:2:16: health_listen: \"localhost:7070\" takes "
            "port 7070, which listen (\"127.0.0.1:7070\") already has: give "
            "each listener a port of its own"}}) {
    SCOPED_TRACE(health_listen);
    const testing::ProcessResult result = CheckConfig(
        dir.path(), absl::StrCat("listen: 127.0.0.1:7070\nhealth_listen: ",
                                 health_listen, "\nstore: sqlite:x.db\n",
                                 config::testing::kPaymentsAndSearch));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err, HasSubstr(problem));
  }
}

TEST(HealthConfigTest, AStartOnAPortInUseFailsNamingIt) {
  // A port held by another program (without SO_REUSEPORT, so gRPC cannot
  // share it).
  const int holder = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  ASSERT_EQ(
      ::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof(address)),
      0);
  ASSERT_EQ(::listen(holder, 1), 0);
  ASSERT_EQ(::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &size),
            0);
  const std::string taken = absl::StrCat("127.0.0.1:", ntohs(address.sin_port));

  testing::TempDir dir;
  const fs::path config = dir.path() / "teamload.yaml";
  std::ofstream(config) << "listen: 127.0.0.1:0\nhealth_listen: " << taken
                        << "\nstore: sqlite:" << (dir.path() / "t.db").string()
                        << "\n"
                        << config::testing::kPaymentsAndSearch;
  const testing::ProcessResult result =
      testing::Run({testing::TeamloaddPath(), "--config", config});
  ::close(holder);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr(absl::StrCat("cannot serve health checks on ", taken,
                                     " (is the address in use")));
}

}  // namespace
}  // namespace teamload
