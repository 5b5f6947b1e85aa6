// End to end: a real teamloadd, with its default limits, stays bounded under
// overload. Clients each sending 15 MiB requests as fast as they are let get
// an answer to every request, OK or RESOURCE_EXHAUSTED marked worth
// retrying; the daemon's peak resident memory stays under 512 MiB; a
// one-signal ingest from another client goes in within a second; every
// acknowledged signal is stored; idle streams do not hold a thread each.
//
// The soak version (ctest label `soak`) runs 64 clients for 30 s; the default
// suite runs a short one. Both print their figures, which bench/README.md
// records ("Bounded under overload").
#include <dirent.h>
#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "client/ingest_client.h"
#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/team.grpc.pb.h"
#include "tests/support/process.h"

namespace teamload {
namespace {

constexpr int64_t kRssBoundKiB = 512 * 1024;  // the defaults' promise
constexpr char kConfig[] = "teams:\n  - name: payments\n";
constexpr int kSignalsPerRequest = 1000;
constexpr int kTitleBytes = 15 * 1024;  // 1,000 of them: about 15 MiB

// The pid of `daemon`: the process whose command line names its config.
pid_t PidOf(const testing::Daemon& daemon) {
  const std::string config = daemon.config_path().string();
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    pid_t pid;
    if (!absl::SimpleAtoi(entry.path().filename().string(), &pid)) continue;
    const std::string cmdline = testing::ReadFile(entry.path() / "cmdline");
    if (cmdline.find(config) != std::string::npos &&
        cmdline.find("teamloadd") != std::string::npos) {
      return pid;
    }
  }
  return -1;
}

// A number from /proc/PID/status ("VmHWM" and "VmRSS" in KiB, "Threads");
// -1 when it cannot be read.
int64_t StatusField(pid_t pid, absl::string_view name) {
  const std::string status =
      testing::ReadFile(absl::StrCat("/proc/", pid, "/status"));
  for (absl::string_view line : absl::StrSplit(status, '\n')) {
    if (!absl::ConsumePrefix(&line, name) || !absl::ConsumePrefix(&line, ":"))
      continue;
    std::vector<absl::string_view> words =
        absl::StrSplit(line, ' ', absl::SkipWhitespace());
    int64_t value;
    if (!words.empty() && absl::SimpleAtoi(words[0], &value)) return value;
  }
  return -1;
}

void AppendVarint(std::string& out, uint64_t value) {
  uint8_t bytes[10];
  out.append(reinterpret_cast<const char*>(bytes),
             google::protobuf::io::CodedOutputStream::WriteVarint64ToArray(
                 value, bytes) -
                 bytes);
}

v1::IngestRequest OnePage(const std::string& id, int title_bytes = 7) {
  v1::IngestRequest request;
  v1::Signal* signal = request.add_signals();
  signal->set_id(id);
  signal->set_team("payments");
  signal->set_source("pagerduty");
  signal->mutable_occurred_at()->set_seconds(1'795'144'320);
  signal->mutable_page()->set_title(std::string(title_bytes, 'x'));
  return request;
}

// A request of kSignalsPerRequest pages for team payments, ids
// "<prefix>:<i>", as the bytes gRPC sends. Every title is one shared slice,
// so that many clients cost the test little memory: the framing of each
// signal is encoded here around it (Signal.page = 10, Page.title = 3,
// IngestRequest.signals = 1, all length-delimited).
grpc::ByteBuffer BigRequest(const std::string& prefix) {
  static const std::string* const title = new std::string(kTitleBytes, 't');
  std::vector<grpc::Slice> slices;
  for (int i = 0; i < kSignalsPerRequest; ++i) {
    v1::Signal head;
    head.set_id(absl::StrCat(prefix, ":", i));
    head.set_team("payments");
    head.set_source("pagerduty");
    head.mutable_occurred_at()->set_seconds(1'795'144'320 + i);
    std::string page;
    page.push_back(3 << 3 | 2);
    AppendVarint(page, title->size());
    std::string signal = head.SerializeAsString();
    signal.push_back(static_cast<char>(10 << 3 | 2));
    AppendVarint(signal, page.size() + title->size());
    signal += page;
    std::string framed;
    framed.push_back(1 << 3 | 2);
    AppendVarint(framed, signal.size() + title->size());
    framed += signal;
    slices.emplace_back(framed);
    slices.emplace_back(title->data(), title->size(),
                        grpc::Slice::STATIC_SLICE);
  }
  return grpc::ByteBuffer(slices.data(), slices.size());
}

// A connection of its own, as another client process would have.
std::shared_ptr<grpc::Channel> OwnChannel(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(),
                                   args);
}

// What the load saw, across every client.
struct LoadFigures {
  absl::Mutex mu;
  int64_t answered_ok ABSL_GUARDED_BY(mu) = 0;
  int64_t refused ABSL_GUARDED_BY(mu) = 0;  // overload, worth retrying
  std::vector<std::string> other ABSL_GUARDED_BY(mu);  // any other answer
  int64_t acknowledged ABSL_GUARDED_BY(mu) = 0;        // signals
  std::vector<absl::Duration> small_latencies ABSL_GUARDED_BY(mu);
  std::vector<std::string> small_errors ABSL_GUARDED_BY(mu);
};

// One client sending 15 MiB Ingest calls until `end`: each request again
// after an overload refusal, waiting as client::IngestClient does (the
// pushback, plus a jittered backoff doubling from 100 ms to 5 s), a new one
// once it went in.
void SendBigRequests(const std::string& address, int client, absl::Time end,
                     LoadFigures& figures) {
  auto channel = OwnChannel(address);
  grpc::GenericStub stub(channel);
  std::mt19937 rng(client);
  int64_t backoff_ms = 100;
  for (int n = 0; absl::Now() < end; ++n) {
    const grpc::ByteBuffer request =
        BigRequest(absl::StrCat("c", client, "-", n));
    for (bool in = false; !in && absl::Now() < end;) {
      grpc::ClientContext context;
      context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
      grpc::ByteBuffer response_bytes;
      grpc::Status status;
      absl::Notification done;
      stub.UnaryCall(&context, "/teamload.v1.IngestService/Ingest",
                     grpc::StubOptions(), &request, &response_bytes,
                     [&](grpc::Status s) {
                       status = std::move(s);
                       done.Notify();
                     });
      done.WaitForNotification();
      if (status.ok()) {
        v1::IngestResponse response;
        int64_t acknowledged = 0;
        if (grpc::SerializationTraits<v1::IngestResponse>::Deserialize(
                &response_bytes, &response)
                .ok()) {
          for (const auto& result : response.results()) {
            acknowledged += result.outcome() != v1::OUTCOME_REJECTED;
          }
        }
        absl::MutexLock lock(&figures.mu);
        ++figures.answered_ok;
        figures.acknowledged += acknowledged;
        in = true;
        backoff_ms = 100;
        continue;
      }
      const std::optional<absl::Duration> pushback =
          client::OverloadPushback(status, context);
      {
        absl::MutexLock lock(&figures.mu);
        if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) {
          figures.other.push_back(
              absl::StrCat(status.error_code(), ": ", status.error_message()));
          return;
        }
        if (!pushback.has_value()) {
          figures.other.push_back(absl::StrCat("final RESOURCE_EXHAUSTED: ",
                                               status.error_message()));
          return;
        }
        ++figures.refused;
      }
      absl::SleepFor(*pushback +
                     absl::Milliseconds(std::uniform_int_distribution<int64_t>(
                         backoff_ms / 2, backoff_ms)(rng)));
      backoff_ms = std::min<int64_t>(backoff_ms * 2, 5000);
    }
  }
}

// One-signal ingests through the client library, one new client each
// `every`, until `end`: how long each took to be acknowledged.
void SendSmallRequests(const std::string& address, absl::Time end,
                       absl::Duration every, LoadFigures& figures) {
  for (int n = 0; absl::Now() < end; ++n) {
    const absl::Time started = absl::Now();
    const v1::IngestRequest request = OnePage(absl::StrCat("small:", n));
    int64_t acknowledged = 0;
    absl::Status status;
    {
      client::IngestClient client(
          {.endpoint = {.address = address}},
          [&](const v1::IngestRequest&, const v1::IngestResponse& response) {
            for (const auto& result : response.results())
              acknowledged += result.outcome() != v1::OUTCOME_REJECTED;
          });
      status = client.Send(request);
      if (status.ok()) status = client.Finish();
    }
    const absl::Duration took = absl::Now() - started;
    {
      absl::MutexLock lock(&figures.mu);
      if (status.ok()) {
        figures.small_latencies.push_back(took);
        figures.acknowledged += acknowledged;
      } else {
        figures.small_errors.push_back(status.ToString());
      }
    }
    absl::SleepFor(every - (absl::Now() - started));
  }
}

int64_t StoredPages(const std::string& address) {
  auto teams = v1::TeamService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  v1::GetTeamRequest request;
  request.set_name("payments");
  v1::Team team;
  const grpc::Status status = teams->GetTeam(&context, request, &team);
  EXPECT_TRUE(status.ok()) << status.error_message();
  const auto found = team.signal_counts().find("page");
  return found == team.signal_counts().end() ? 0 : found->second;
}

// A fresh teamloadd, and its pid to read /proc/PID/status.
class OverloadTest : public ::testing::Test {
 protected:
  void Start(const std::string& limits = "") {
    daemon_ = std::make_unique<testing::Daemon>(dir_.path(),
                                                absl::StrCat(kConfig, limits));
    ASSERT_NO_FATAL_FAILURE(daemon_->Start());
    pid_ = PidOf(*daemon_);
    ASSERT_GT(pid_, 0);
  }
  // Runs `clients` big senders and one small one against the daemon, with
  // its default limits, for `duration`, then checks every promise above.
  void ExpectBoundedUnderLoad(int clients, absl::Duration duration);

  testing::TempDir dir_;
  std::unique_ptr<testing::Daemon> daemon_;
  pid_t pid_ = -1;
};
using OverloadSoakTest = OverloadTest;

void OverloadTest::ExpectBoundedUnderLoad(int clients,
                                          absl::Duration duration) {
  ASSERT_NO_FATAL_FAILURE(Start());
  testing::Daemon& daemon = *daemon_;
  const pid_t pid = pid_;
  const int64_t rss_before = StatusField(pid, "VmRSS");

  LoadFigures figures;
  const absl::Time end = absl::Now() + duration;
  std::atomic<int64_t> peak_rss{0};
  std::atomic<int64_t> peak_threads{0};
  std::atomic<bool> sampling{true};
  std::thread sampler([&] {
    while (sampling) {
      peak_rss = std::max<int64_t>(peak_rss, StatusField(pid, "VmRSS"));
      peak_threads =
          std::max<int64_t>(peak_threads, StatusField(pid, "Threads"));
      absl::SleepFor(absl::Milliseconds(20));
    }
  });
  std::vector<std::thread> senders;
  for (int i = 0; i < clients; ++i) {
    senders.emplace_back(
        [&, i] { SendBigRequests(daemon.address(), i, end, figures); });
  }
  std::thread small_sender([&] {
    // Once every big client is sending.
    absl::SleepFor(std::min(absl::Seconds(1), duration / 4));
    SendSmallRequests(daemon.address(), end, absl::Milliseconds(250), figures);
  });
  for (std::thread& sender : senders) sender.join();
  small_sender.join();
  sampling = false;
  sampler.join();
  const int64_t hwm = StatusField(pid, "VmHWM");

  absl::MutexLock lock(&figures.mu);
  std::vector<absl::Duration> small = figures.small_latencies;
  std::sort(small.begin(), small.end());
  const absl::Duration small_median =
      small.empty() ? absl::InfiniteDuration() : small[small.size() / 2];
  const absl::Duration small_max =
      small.empty() ? absl::InfiniteDuration() : small.back();
  absl::PrintF(
      "overload figures: clients=%d duration=%s rss_before=%d KiB "
      "peak_rss=%d KiB VmHWM=%d KiB peak_threads=%d ok=%d "
      "refused=%d other=%d acknowledged=%d "
      "small_n=%d small_median=%s small_max=%s\n",
      clients, absl::FormatDuration(duration), rss_before, peak_rss.load(), hwm,
      peak_threads.load(), figures.answered_ok, figures.refused,
      figures.other.size(), figures.acknowledged, small.size(),
      absl::FormatDuration(small_median), absl::FormatDuration(small_max));

  EXPECT_LT(hwm, kRssBoundKiB);
  EXPECT_THAT(figures.other, ::testing::IsEmpty());
  EXPECT_GT(figures.answered_ok, 0);
  EXPECT_GT(figures.refused, 0) << "the load never reached a limit";
  EXPECT_THAT(figures.small_errors, ::testing::IsEmpty());
  EXPECT_FALSE(small.empty());
  EXPECT_LT(small_max, absl::Seconds(1));
  EXPECT_EQ(StoredPages(daemon.address()), figures.acknowledged);
  EXPECT_EQ(daemon.Stop(), 0);
}

int EnvInt(const char* name, int otherwise) {
  const char* value = std::getenv(name);
  int parsed;
  return value != nullptr && absl::SimpleAtoi(value, &parsed) ? parsed
                                                              : otherwise;
}

TEST_F(OverloadTest, ManyClientsSendingLargeRequestsStayBounded) {
  ExpectBoundedUnderLoad(EnvInt("TEAMLOAD_OVERLOAD_CLIENTS", 64),
                         absl::Seconds(EnvInt("TEAMLOAD_OVERLOAD_SECONDS", 5)));
}

TEST_F(OverloadSoakTest, SixtyFourClientsForThirtySecondsStayBounded) {
  ExpectBoundedUnderLoad(64, absl::Seconds(30));
}

// Streams that send nothing are refused past limits.max_ingest_calls and
// hold no thread each (they did: 16,000 idle streams, 16,015 threads); the
// daemon still serves once they are gone.
TEST_F(OverloadTest, IdleStreamsAreBoundedAndHoldNoThreadEach) {
  const int streams = EnvInt("TEAMLOAD_IDLE_STREAMS", 2000);
  constexpr int kPerConnection = 16;  // limits.max_streams_per_connection
  ASSERT_NO_FATAL_FAILURE(Start());
  testing::Daemon& daemon = *daemon_;
  const pid_t pid = pid_;
  const int64_t threads_before = StatusField(pid, "Threads");
  struct Idle {
    grpc::ClientContext context;
    std::unique_ptr<
        grpc::ClientReaderWriter<v1::IngestRequest, v1::IngestResponse>>
        stream;
  };
  std::vector<std::unique_ptr<v1::IngestService::Stub>> stubs;
  std::vector<std::unique_ptr<Idle>> idle;
  for (int i = 0; i < streams; ++i) {
    if (i % kPerConnection == 0) {
      stubs.push_back(v1::IngestService::NewStub(OwnChannel(daemon.address())));
    }
    idle.push_back(std::make_unique<Idle>());
    idle.back()->stream = stubs.back()->IngestStream(&idle.back()->context);
  }
  absl::SleepFor(absl::Seconds(1));
  int64_t threads = 0;
  for (int i = 0; i < 10; ++i) {
    threads = std::max(threads, StatusField(pid, "Threads"));
    absl::SleepFor(absl::Milliseconds(100));
  }
  const int64_t rss = StatusField(pid, "VmRSS");
  absl::PrintF(
      "idle stream figures: streams=%d threads_before=%d threads=%d "
      "VmRSS=%d KiB\n",
      streams, threads_before, threads, rss);
  // limits.max_threads, and the daemon's own threads beside gRPC's.
  EXPECT_LE(threads, 64 + threads_before);
  EXPECT_LT(rss, kRssBoundKiB);
  for (auto& stream : idle) stream->context.TryCancel();
  for (auto& stream : idle) (void)stream->stream->Finish();
  idle.clear();
  stubs.clear();

  int64_t acknowledged = 0;
  client::IngestClient client(
      {.endpoint = {.address = daemon.address()}},
      [&](const v1::IngestRequest&, const v1::IngestResponse& response) {
        acknowledged += response.results_size();
      });
  ASSERT_TRUE(client.Send(OnePage("after-idle")).ok());
  ASSERT_TRUE(client.Finish().ok());
  EXPECT_EQ(acknowledged, 1);
  EXPECT_EQ(daemon.Stop(), 0);
}

// client::IngestClient waits out an overload refusal and sends again; a
// request over limits.max_request_bytes is refused once, for good.
TEST_F(OverloadTest, TheClientRetriesOverloadButNotAnOversizedRequest) {
  ASSERT_NO_FATAL_FAILURE(
      Start("limits: {max_ingest_calls: 1, max_request_bytes: 4096}\n"));
  testing::Daemon& daemon = *daemon_;
  // Holds the one place until closed.
  auto holder_stub = v1::IngestService::NewStub(OwnChannel(daemon.address()));
  grpc::ClientContext holder_context;
  auto holder = holder_stub->IngestStream(&holder_context);
  ASSERT_TRUE(holder->Write(OnePage("holder")));
  v1::IngestResponse response;
  ASSERT_TRUE(holder->Read(&response));

  std::vector<std::string> retried;
  int64_t acknowledged = 0;
  auto new_client = [&] {
    return std::make_unique<client::IngestClient>(
        client::IngestClientOptions{
            .endpoint = {.address = daemon.address()},
            .on_retry =
                [&](int, const absl::Status& error, absl::Duration) {
                  retried.push_back(error.ToString());
                }},
        [&](const v1::IngestRequest&, const v1::IngestResponse& response) {
          acknowledged += response.results_size();
        });
  };
  std::thread release([&] {
    absl::SleepFor(absl::Milliseconds(500));
    holder->WritesDone();
    EXPECT_TRUE(holder->Finish().ok());
  });
  auto client = new_client();
  ASSERT_TRUE(client->Send(OnePage("waited")).ok());
  const absl::Status finished = client->Finish();
  release.join();
  EXPECT_TRUE(finished.ok()) << finished;
  EXPECT_EQ(acknowledged, 1);
  ASSERT_FALSE(retried.empty());
  EXPECT_THAT(retried,
              ::testing::Each(::testing::HasSubstr(
                  "RESOURCE_EXHAUSTED: the daemon is at its limit of 1 ingest "
                  "calls open at once (limits.max_ingest_calls); retry after "
                  "a pause")));

  retried.clear();
  client = new_client();
  absl::Status oversized = client->Send(OnePage("big", 5000));
  if (oversized.ok()) oversized = client->Finish();
  EXPECT_EQ(oversized.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(oversized.message()),
              ::testing::HasSubstr("(limits.max_request_bytes)"));
  EXPECT_THAT(retried, ::testing::IsEmpty());
  // Gone before the daemon stops, as its clients would be.
  client.reset();
  holder.reset();
  holder_stub.reset();
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace teamload
