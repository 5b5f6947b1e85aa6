// End to end: a real teamloadd under faults and hostile input. Malformed
// protobuf is INVALID_ARGUMENT saying why, with a quiet log; a full disk is
// RESOURCE_EXHAUSTED and NOT_SERVING, loses nothing acknowledged and recovers
// without a restart; metrics_listen [::]:P starts.
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "daemon/config/testing.h"
#include "gmock/gmock.h"
#include "google/protobuf/stubs/logging.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/team.grpc.pb.h"
#include "tests/support/http.h"
#include "tests/support/ingest.h"
#include "tests/support/process.h"

namespace teamload {
namespace {

namespace fs = std::filesystem;
using grpc::health::v1::HealthCheckResponse;
using teamload::v1::IngestRequest;
using ::testing::Each;
using ::testing::HasSubstr;

// Requests of 500 signals of 1 KiB each fit.
const std::string kConfig =
    absl::StrCat("limits: {max_request_bytes: 4194304}\n",
                 config::testing::kPaymentsAndSearch);

v1::Signal Page(const std::string& id, const std::string& title = "db down") {
  v1::Signal signal;
  signal.set_id(id);
  signal.set_team("payments");
  signal.set_source("pagerduty");
  signal.mutable_occurred_at()->set_seconds(1'795'144'320);
  signal.mutable_page()->set_title(title);
  return signal;
}

// The bytes of `request`; quiet about invalid UTF-8, which tests send on
// purpose.
std::string Serialized(const IngestRequest& request) {
  google::protobuf::LogSilencer quiet;
  return request.SerializeAsString();
}

// `bytes` as gRPC sends them.
grpc::ByteBuffer Buffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  return context;
}

// The lines of `log` that contain `text`.
int LinesWith(const std::string& log, absl::string_view text) {
  int lines = 0;
  for (absl::string_view line : absl::StrSplit(log, '\n'))
    lines += absl::StrContains(line, text) ? 1 : 0;
  return lines;
}

class FaultsTest : public ::testing::Test {
 protected:
  void Connect(const std::string& address) {
    channel_ = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
    ingest_ = v1::IngestService::NewStub(channel_);
    health_ = grpc::health::v1::Health::NewStub(channel_);
  }
  void Disconnect() {
    ingest_.reset();
    health_.reset();
    channel_.reset();
  }
  grpc::Status Ingest(const IngestRequest& request,
                      v1::IngestResponse* response) {
    return ingest_->Ingest(Context().get(), request, response);
  }
  // Sends `bytes` as the one request of an Ingest call.
  grpc::Status IngestBytes(const std::string& bytes) {
    grpc::GenericStub stub(channel_);
    const grpc::ByteBuffer request = Buffer(bytes);
    grpc::ByteBuffer response;
    grpc::Status status;
    absl::Notification done;
    auto context = Context();
    stub.UnaryCall(context.get(), "/teamload.v1.IngestService/Ingest",
                   grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) {
                     status = std::move(s);
                     done.Notify();
                   });
    done.WaitForNotification();
    return status;
  }
  HealthCheckResponse::ServingStatus IngestHealth() {
    grpc::health::v1::HealthCheckRequest request;
    request.set_service("teamload.v1.IngestService");
    HealthCheckResponse response;
    const grpc::Status status =
        health_->Check(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.status();
  }

  testing::TempDir dir_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
};

class MalformedTest : public FaultsTest {
 protected:
  MalformedTest() : daemon_(dir_.path(), kConfig) {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(daemon_.Start());
    Connect(daemon_.address());
  }
  void TearDown() override { Disconnect(); }

  testing::Daemon daemon_;
};

// Unknown groups (field 99, wire type 3) nested `depth` deep.
std::string NestedGroups(int depth) {
  std::string bytes;
  for (int i = 0; i < depth; ++i) bytes += "\x9b\x06";  // start group 99
  for (int i = 0; i < depth; ++i) bytes += "\x9c\x06";  // end group 99
  return bytes;
}

TEST_F(MalformedTest, MalformedRequestsAreInvalidArgumentSayingWhy) {
  IngestRequest valid;
  *valid.add_signals() = Page("pd:1");
  const std::string whole = Serialized(valid);
  IngestRequest bad_utf8;
  *bad_utf8.add_signals() = Page("pd:2", "caf\xc3");  // cut mid-character
  const struct {
    std::string name;
    std::string bytes;
    std::string says;
  } kCases[] = {
      {"garbage", "\xff\xff\xff\xff", "truncated or garbage bytes"},
      {"truncated", whole.substr(0, whole.size() - 3),
       "truncated or garbage bytes"},
      {"invalid UTF-8", Serialized(bad_utf8),
       "teamload.v1.Page.title is not valid UTF-8"},
      {"nested too deeply", NestedGroups(200), "nested too deeply"},
  };
  for (const auto& c : kCases) {
    const grpc::Status status = IngestBytes(c.bytes);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.name;
    EXPECT_THAT(status.error_message(), HasSubstr("the request is not a valid "
                                                  "teamload.v1.IngestRequest"))
        << c.name;
    EXPECT_THAT(status.error_message(), HasSubstr(c.says)) << c.name;
  }
  // Nothing of them went in; a good request still does.
  v1::IngestResponse response;
  ASSERT_TRUE(Ingest(valid, &response).ok());
  EXPECT_THAT(testing::Outcomes(response), Each(v1::OUTCOME_ACCEPTED));
}

TEST_F(MalformedTest, AFloodOfMalformedRequestsLogsAFewLinesASecond) {
  IngestRequest bad_utf8;
  *bad_utf8.add_signals() = Page("pd:2", "\xfe\xff");
  const std::string bytes = Serialized(bad_utf8);
  const absl::Time start = absl::Now();
  for (int i = 0; i < 300; ++i) {
    ASSERT_EQ(IngestBytes(bytes).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  const int seconds =
      static_cast<int>(absl::ToInt64Seconds(absl::Now() - start)) + 1;
  const std::string log = daemon_.Log();
  EXPECT_GE(LinesWith(log, "refused a malformed ingest request"), 1);
  // Two lines a second at most, and libprotobuf's own lines kept out.
  EXPECT_LE(LinesWith(log, "refused a malformed ingest request"),
            2 * (seconds + 1));
  EXPECT_EQ(LinesWith(log, "libprotobuf"), 0) << log;
}

TEST_F(MalformedTest, AMalformedRequestEndsAStreamAfterTheAnswersBeforeIt) {
  grpc::GenericStub stub(channel_);
  grpc::CompletionQueue queue;
  auto context = Context();
  // The generic stub sends bytes as they are; each step waits for its tag.
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call = stub.PrepareCall(
      context.get(), "/teamload.v1.IngestService/IngestStream", &queue);
  void* tag = nullptr;
  bool ok = false;
  const auto step = [&](int want) {
    ASSERT_TRUE(queue.Next(&tag, &ok));
    EXPECT_EQ(tag, reinterpret_cast<void*>(want));
  };
  call->StartCall(reinterpret_cast<void*>(1));
  step(1);
  IngestRequest good;
  *good.add_signals() = Page("pd:stream");
  call->Write(Buffer(Serialized(good)), reinterpret_cast<void*>(2));
  step(2);
  grpc::ByteBuffer answer;
  call->Read(&answer, reinterpret_cast<void*>(3));
  step(3);
  ASSERT_TRUE(ok) << "the good request was not answered";
  call->Write(Buffer("\xff\xff\xff"), reinterpret_cast<void*>(4));
  step(4);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  step(5);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("truncated or garbage bytes"));
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
}

// A teamloadd whose files may not grow past a limit the test sets: a full
// disk without root or a small filesystem. Started here rather than by
// testing::Daemon, to know its pid; SIGXFSZ is ignored (and so in the child)
// so a write past the limit fails with EFBIG instead of killing it.
class DiskFullTest : public FaultsTest {
 protected:
  DiskFullTest() {
    std::ofstream(config_) << "listen: 127.0.0.1:0\nstore: sqlite:"
                           << (dir_.path() / "data/teamload.db").string()
                           << "\n"
                           << kConfig;
  }
  ~DiskFullTest() override {
    Disconnect();
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      testing::WaitExit(pid_);
    }
  }
  void Start() {
    ::signal(SIGXFSZ, SIG_IGN);
    const std::size_t log_start = testing::ReadFile(log_).size();
    pid_ = testing::Spawn({testing::TeamloaddPath(), "--config", config_},
                          "/dev/null", "/dev/null", log_);
    ASSERT_GT(pid_, 0);
    std::string address;
    ASSERT_TRUE(testing::WaitFor([&] {
      const std::string log = testing::ReadFile(log_).substr(log_start);
      const std::string kServing = "serving gRPC on ";
      const auto at = log.find(kServing);
      if (at == std::string::npos) return false;
      const auto begin = at + kServing.size();
      address = log.substr(begin, log.find_first_of(" \n", begin) - begin);
      return true;
    })) << testing::ReadFile(log_);
    Connect(address);
  }
  int Stop() {
    Disconnect();
    ::kill(pid_, SIGTERM);
    const int code = testing::WaitExit(pid_);
    pid_ = -1;
    return code;
  }
  // No file of the daemon's may grow past `bytes` (RLIM_INFINITY: no limit).
  void LimitFileSize(rlim_t bytes) {
    rlimit limit;
    ASSERT_EQ(::prlimit(pid_, RLIMIT_FSIZE, nullptr, &limit), 0);
    limit.rlim_cur = bytes;
    ASSERT_EQ(::prlimit(pid_, RLIMIT_FSIZE, &limit, nullptr), 0);
  }
  // The largest of the store's files now.
  rlim_t LargestStoreFile() {
    rlim_t largest = 0;
    for (const auto& entry : fs::directory_iterator(dir_.path() / "data"))
      largest = std::max<rlim_t>(largest, fs::file_size(entry.path()));
    return largest;
  }
  // 500 pages of about 1 KiB each, ids "<prefix><i>".
  static IngestRequest Batch(const std::string& prefix) {
    IngestRequest request;
    for (int i = 0; i < 500; ++i) {
      *request.add_signals() =
          Page(absl::StrCat(prefix, i), std::string(1000, 'x'));
    }
    return request;
  }
  int64_t PaymentsPages() {
    auto teams = v1::TeamService::NewStub(channel_);
    v1::GetTeamRequest request;
    request.set_name("payments");
    v1::Team team;
    EXPECT_TRUE(teams->GetTeam(Context().get(), request, &team).ok());
    return team.signal_counts().at("page");
  }

  const std::string config_ = (dir_.path() / "teamload.yaml").string();
  const std::string log_ = (dir_.path() / "teamloadd.log").string();
  pid_t pid_ = -1;
};

TEST_F(DiskFullTest,
       FullIsResourceExhaustedNotServingAndRecoversLosingNothing) {
  ASSERT_NO_FATAL_FAILURE(Start());
  EXPECT_EQ(IngestHealth(), HealthCheckResponse::SERVING);
  std::vector<IngestRequest> acknowledged;
  v1::IngestResponse response;
  acknowledged.push_back(Batch("before:"));
  ASSERT_TRUE(Ingest(acknowledged.back(), &response).ok());

  ASSERT_NO_FATAL_FAILURE(LimitFileSize(LargestStoreFile()));
  // The store's files cannot grow: the next batches find the disk full.
  grpc::Status status;
  IngestRequest refused;
  for (int i = 0; i < 5 && status.ok(); ++i) {
    refused = Batch(absl::StrCat("during", i, ":"));
    status = Ingest(refused, &response);
    if (status.ok()) acknowledged.push_back(refused);
  }
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(),
              HasSubstr("teamloadd's store is full, so nothing of this "
                        "request was stored; send it again once the "
                        "daemon's disk has room"));
  EXPECT_EQ(IngestHealth(), HealthCheckResponse::NOT_SERVING);
  // Failing again keeps it NOT_SERVING, and the log holds a few lines.
  EXPECT_EQ(Ingest(refused, &response).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(IngestHealth(), HealthCheckResponse::NOT_SERVING);
  EXPECT_THAT(testing::ReadFile(log_), HasSubstr("the store failed a commit"));

  // Room again: the resent batch goes in, without a restart.
  ASSERT_NO_FATAL_FAILURE(LimitFileSize(RLIM_INFINITY));
  ASSERT_TRUE(Ingest(refused, &response).ok());
  EXPECT_THAT(testing::Outcomes(response), Each(v1::OUTCOME_ACCEPTED));
  acknowledged.push_back(refused);
  EXPECT_EQ(IngestHealth(), HealthCheckResponse::SERVING);
  EXPECT_THAT(testing::ReadFile(log_),
              HasSubstr("the store writes again, after"));

  // Nothing acknowledged was lost, then or after a restart.
  const int64_t pages = static_cast<int64_t>(acknowledged.size()) * 500;
  EXPECT_EQ(PaymentsPages(), pages);
  ASSERT_EQ(Stop(), 0);
  ASSERT_NO_FATAL_FAILURE(Start());
  EXPECT_EQ(PaymentsPages(), pages);
  for (const IngestRequest& request : acknowledged) {
    ASSERT_TRUE(Ingest(request, &response).ok());
    EXPECT_THAT(testing::Outcomes(response), Each(v1::OUTCOME_DUPLICATE));
  }
}

// civetweb has no IPv6 here: [::1] is served on 127.0.0.1 (and [::] on
// 0.0.0.0, which needs TLS and tokens: security_e2e_test).
TEST(MetricsListenTest, AnIpv6LoopbackAddressStartsAndServesMetrics) {
  testing::TempDir dir;
  testing::Daemon daemon(dir.path(),
                         absl::StrCat("metrics_listen: \"[::1]:0\"\n",
                                      config::testing::kPaymentsAndSearch));
  ASSERT_NO_FATAL_FAILURE(daemon.Start());
  const std::string address = daemon.MetricsAddress();
  ASSERT_FALSE(address.empty()) << daemon.Log();
  const std::string port = address.substr(address.rfind(':') + 1);
  const testing::HttpResponse metrics =
      testing::HttpGet(absl::StrCat("http://127.0.0.1:", port, "/metrics"));
  EXPECT_EQ(metrics.status, 200);
  EXPECT_THAT(metrics.body, HasSubstr("teamload_"));
  const testing::ProcessResult check = testing::Run(
      {testing::TeamloaddPath(), "--check-config", daemon.config_path()});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

}  // namespace
}  // namespace teamload
