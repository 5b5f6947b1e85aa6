// End to end: the client library against a real teamloadd, for what only a
// real daemon shows: a stream outliving its deadline between batches, and a
// refusal told with the input line it stopped at.
#include <thread>

#include "absl/strings/str_cat.h"
#include "client/ingest_client.h"
#include "client/sink.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload {
namespace {

v1::IngestRequest Batch(int first, int count) {
  v1::IngestRequest request;
  for (int i = first; i < first + count; ++i) {
    v1::Signal* signal = request.add_signals();
    signal->set_id("pd:" + std::to_string(i));
    signal->set_team("payments");
    signal->set_source("pagerduty");
    signal->mutable_occurred_at()->set_seconds(1'795'000'000 + i);
    signal->mutable_page();
  }
  return request;
}

// A producer on a pipe may pause longer than a stream's deadline; the next
// batch must still go in, on a new stream, with nothing lost or doubled.
TEST(IngestClientTest, SlowBatchesOutliveTheStreamDeadline) {
  testing::TempDir dir;
  testing::Daemon daemon(dir.path(), "teams:\n  - name: payments\n");
  ASSERT_NO_FATAL_FAILURE(daemon.Start());
  client::IngestTotals totals;
  int retries = 0;
  {
    client::IngestClient client(
        {.endpoint = {.address = daemon.address()},
         .rpc_timeout = absl::Milliseconds(600),
         .on_retry = [&](int, const absl::Status&,
                         absl::Duration) { ++retries; }},
        [&](const v1::IngestRequest&, const v1::IngestResponse& response) {
          totals.Add(response);
        });
    ASSERT_TRUE(client.Send(Batch(0, 10)).ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    absl::Status second = client.Send(Batch(10, 10));
    ASSERT_TRUE(second.ok()) << second;
    absl::Status finished = client.Finish();
    ASSERT_TRUE(finished.ok()) << finished;
    EXPECT_EQ(client.answered(), 2);
  }
  EXPECT_EQ(totals.accepted + totals.duplicate, 20)
      << totals.ToString() << "; retries: " << retries;
  EXPECT_EQ(totals.rejected, 0);
  // Replayed, every one is a duplicate: nothing was half-stored.
  client::IngestTotals replay;
  {
    client::IngestClient client(
        {.endpoint = {.address = daemon.address()}},
        [&](const v1::IngestRequest&, const v1::IngestResponse& response) {
          replay.Add(response);
        });
    ASSERT_TRUE(client.Send(Batch(0, 20)).ok());
    ASSERT_TRUE(client.Finish().ok());
  }
  EXPECT_EQ(replay.duplicate, 20) << replay.ToString();
  EXPECT_EQ(daemon.Stop(), 0);
}

// A batch the daemon refuses ends the run with one message that says where
// in the input it stopped and what went in before it.
TEST(DaemonSinkTest, ARefusalNamesTheFirstLineNotTakenAndWhatWentIn) {
  testing::TempDir dir;
  testing::Daemon daemon(dir.path(),
                         "teams:\n  - name: payments\n"
                         "limits: {max_request_bytes: 4096}\n");
  ASSERT_NO_FATAL_FAILURE(daemon.Start());
  std::unique_ptr<client::Sink> sink =
      client::DaemonSink({.program = "test",
                          .endpoint = {.address = daemon.address()},
                          .batch_size = 5,
                          .input_name = "signals.jsonl"});
  const v1::IngestRequest small = Batch(0, 15);
  absl::Status status;
  for (int i = 0; i < small.signals_size() && status.ok(); ++i) {
    status = sink->Add(small.signals(i), i + 1);
  }
  ASSERT_TRUE(status.ok()) << status;
  v1::Signal large = Batch(15, 1).signals(0);
  large.mutable_page()->set_title(std::string(8192, 'x'));
  status = sink->Add(large, 16);
  if (status.ok()) status = sink->Flush();
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  EXPECT_THAT(std::string(status.message()),
              ::testing::StartsWith(absl::StrCat(
                  daemon.address(), " refused lines from 16 on: ")));
  EXPECT_THAT(std::string(status.message()),
              ::testing::EndsWith(
                  "; 15 signals before it went in; running the same command "
                  "again is safe (ingest is idempotent)"));
  EXPECT_EQ(sink->totals().signals.accepted, 15);
  // Every later call gives the same answer.
  EXPECT_EQ(sink->Flush(), status);
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace teamload
