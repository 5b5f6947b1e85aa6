// End to end: the collectors' IngestClient against a real teamloadd, for
// what only time shows: a stream outliving its deadline between batches.
#include <thread>

#include "client/ingest_client.h"
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
        {.address = daemon.address(),
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
        {.address = daemon.address()},
        [&](const v1::IngestRequest&, const v1::IngestResponse& response) {
          replay.Add(response);
        });
    ASSERT_TRUE(client.Send(Batch(0, 20)).ok());
    ASSERT_TRUE(client.Finish().ok());
  }
  EXPECT_EQ(replay.duplicate, 20) << replay.ToString();
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace teamload
