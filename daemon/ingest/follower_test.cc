#include "daemon/ingest/follower.h"

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "daemon/ingest/ingestor.h"
#include "daemon/ingest/testing.h"
#include "daemon/ingest/testing_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::ingest {
namespace {

using teamload::v1::IngestRequest;

using testing::kNow;

std::vector<config::TeamConfig> Teams() { return testing::PaymentsAndSearch(); }

IngestRequest Pages(const std::vector<std::string>& ids,
                    const std::string& title) {
  IngestRequest request;
  for (const std::string& id : ids) {
    teamload::v1::Signal* signal = request.add_signals();
    signal->set_id(id);
    signal->set_team("payments");
    signal->set_source("pagerduty");
    signal->mutable_occurred_at()->set_seconds(1'795'700'000);
    signal->mutable_page()->set_title(title);
  }
  auto* coverage = request.add_coverage();
  coverage->set_team("payments");
  coverage->set_source("pagerduty");
  coverage->mutable_covered_through()->set_seconds(1'795'700'000);
  return request;
}

// Two replicas on one store: each its own model and ingestor; the second
// follows the feed.
class FollowerTest : public ::testing::Test {
 protected:
  FollowerTest()
      : store_(std::make_unique<FlakyStore>(
            *store::Store::Open("sqlite::memory:"))),
        clock_(kNow),
        writer_model_(Teams()),
        writer_(store_.get(), &writer_model_, &clock_),
        follower_model_(Teams()),
        follower_ingestor_(store_.get(), &follower_model_, &clock_) {}

  void Ingest(Ingestor& ingestor, const IngestRequest& request) {
    absl::StatusOr<teamload::v1::IngestResponse> response =
        ingestor.Ingest(request);
    ASSERT_TRUE(response.ok()) << response.status();
  }
  int64_t PageCount(const model::Model& model) const {
    return model.GetTeam("payments")->signal_counts().at("page");
  }
  // Whether the following replica holds `pages` pages within 5 s.
  bool Converges(int64_t pages) {
    for (int i = 0; i < 250; ++i) {
      if (PageCount(follower_model_) == pages) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  std::unique_ptr<FlakyStore> store_;
  util::FakeClock clock_;
  model::Model writer_model_;
  Ingestor writer_;
  model::Model follower_model_;
  Ingestor follower_ingestor_;
};

TEST_F(FollowerTest, AppliesOtherWritesOnceAndItsOwnNotAgain) {
  Ingest(writer_, Pages({"pd:1"}, "before the start"));
  // Read before the model loads, as teamloadd does.
  const int64_t cursor = *store_->ChangeCursor();
  ASSERT_TRUE(follower_model_.Rebuild(*store_).ok());
  Follower follower(store_.get(), &follower_model_, &clock_, cursor, {});

  Ingest(writer_, Pages({"pd:2", "pd:3"}, "elsewhere"));
  Ingest(writer_, Pages({"pd:2"}, "elsewhere, revised"));
  Ingest(follower_ingestor_, Pages({"pd:4"}, "here"));
  ASSERT_TRUE(follower.CatchUp().ok());
  EXPECT_EQ(PageCount(follower_model_), 4);
  EXPECT_EQ(follower_model_.SignalCount(), 4);
  EXPECT_EQ(follower_model_.Lookup("pd:2", 0).revision, 2);
  EXPECT_EQ(follower_model_.GetTeam("payments")->coverage_size(), 1);
  const Follower::Counts counts = follower.Totals();
  // pd:2 twice and pd:3; the coverage mark never moved after the load.
  EXPECT_EQ(counts.applied, 3);
  EXPECT_EQ(counts.known, 1);  // pd:4, its own
  EXPECT_EQ(follower.cursor(), *store_->ChangeCursor());
  // Caught up: reading again changes nothing.
  ASSERT_TRUE(follower.CatchUp().ok());
  EXPECT_EQ(follower.Totals().applied, counts.applied);
  // What it learnt counts for its own ingest: the same content is a
  // duplicate, new content a revision.
  absl::StatusOr<teamload::v1::IngestResponse> again =
      follower_ingestor_.Ingest(Pages({"pd:3", "pd:2"}, "elsewhere"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->results(0).outcome(), teamload::v1::OUTCOME_DUPLICATE);
  EXPECT_EQ(again->results(1).outcome(), teamload::v1::OUTCOME_DUPLICATE);
}

TEST_F(FollowerTest, ANoticeWakesItAtOnce) {
  Follower follower(store_.get(), &follower_model_, &clock_,
                    *store_->ChangeCursor(), {});
  follower.Start();
  // The clock never moves: only the notice can wake it.
  Ingest(writer_, Pages({"pd:1", "pd:2"}, "elsewhere"));
  EXPECT_TRUE(Converges(2));
  follower.Stop();
}

TEST_F(FollowerTest, WithoutNoticesItPollsOnTheClock) {
  store_->deaf = true;
  Follower follower(store_.get(), &follower_model_, &clock_,
                    *store_->ChangeCursor(),
                    {.poll_interval = absl::Seconds(1)});
  follower.Start();
  // Its first read, at start, finds nothing.
  ASSERT_TRUE(Converges(0));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Ingest(writer_, Pages({"pd:1"}, "elsewhere"));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(PageCount(follower_model_), 0);  // not due yet on the clock
  clock_.Advance(absl::Seconds(1));
  EXPECT_TRUE(Converges(1));
  follower.Stop();
}

}  // namespace
}  // namespace teamload::ingest
