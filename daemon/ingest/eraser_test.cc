#include "daemon/ingest/eraser.h"

#include <memory>
#include <string>
#include <vector>

#include "daemon/ingest/follower.h"
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

void AddNote(IngestRequest& request, const std::string& id,
             const std::string& team, const std::string& respondent,
             absl::Duration ago) {
  teamload::v1::Signal* signal = request.add_signals();
  signal->set_id(id);
  signal->set_team(team);
  signal->set_source("survey");
  signal->mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(kNow - ago));
  signal->mutable_survey_note()->set_survey("pulse");
  signal->mutable_survey_note()->set_respondent(respondent);
  signal->mutable_survey_note()->set_text("words of " + respondent);
  signal->mutable_survey_note()->set_score(3);
}

// Two replicas on one store: the first erases, the second follows the feed.
class EraserTest : public ::testing::Test {
 protected:
  EraserTest()
      : store_(std::make_unique<FlakyStore>(
            *store::Store::Open("sqlite::memory:"))),
        clock_(kNow),
        model_(Teams()),
        ingestor_(store_.get(), &model_, &clock_),
        eraser_(store_.get(), &model_, &ingestor_,
                {{"survey_note", absl::Hours(24 * 400)}}, &clock_),
        other_model_(Teams()),
        follower_(store_.get(), &other_model_, &clock_, 0, {}) {}

  void Ingest(const IngestRequest& request) {
    absl::StatusOr<teamload::v1::IngestResponse> response =
        ingestor_.Ingest(request);
    ASSERT_TRUE(response.ok()) << response.status();
  }
  static int64_t Notes(const model::Model& model, const std::string& team) {
    return model.GetTeam(team)->signal_counts().at("survey_note");
  }

  std::unique_ptr<FlakyStore> store_;
  util::FakeClock clock_;
  model::Model model_;
  Ingestor ingestor_;
  Eraser eraser_;
  model::Model other_model_;
  Follower follower_;
};

TEST_F(EraserTest, ARespondentsNotesGoFromEveryTeamStoreAndReplica) {
  IngestRequest request;
  AddNote(request, "s:1", "payments", "r-ann", absl::Hours(1));
  AddNote(request, "s:2", "search", "r-ann", absl::Hours(1));
  AddNote(request, "s:3", "payments", "r-bob", absl::Hours(1));
  Ingest(request);
  request.mutable_signals(0)->mutable_survey_note()->set_score(5);
  Ingest(request);  // s:1 revision 2
  ASSERT_TRUE(follower_.CatchUp().ok());
  ASSERT_EQ(Notes(other_model_, "payments"), 2);

  absl::StatusOr<Eraser::Counts> counts = eraser_.EraseRespondent("r-ann");
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->signals, 2);
  EXPECT_EQ(counts->revisions, 3);
  EXPECT_THAT(counts->teams, ::testing::ElementsAre("payments", "search"));
  EXPECT_EQ(Notes(model_, "payments"), 1);
  EXPECT_EQ(Notes(model_, "search"), 0);
  EXPECT_THAT(*store_->Revisions("s:1"), ::testing::IsEmpty());
  ASSERT_TRUE(follower_.CatchUp().ok());
  EXPECT_EQ(Notes(other_model_, "payments"), 1);
  EXPECT_EQ(Notes(other_model_, "search"), 0);
  EXPECT_EQ(follower_.Totals().erased, 2);

  counts = eraser_.EraseSignal("s:3");
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->signals, 1);
  EXPECT_EQ(counts->revisions, 1);
  counts = eraser_.EraseSignal("s:3");
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->signals, 0);
  // Sent again after its erasure, and followed in one batch with it: the
  // note is a new signal on both replicas.
  IngestRequest again;
  AddNote(again, "s:3", "payments", "r-bob", absl::Hours(1));
  absl::StatusOr<teamload::v1::IngestResponse> response =
      ingestor_.Ingest(again);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->results(0).outcome(), teamload::v1::OUTCOME_ACCEPTED);
  ASSERT_TRUE(follower_.CatchUp().ok());
  EXPECT_EQ(Notes(model_, "payments"), 1);
  EXPECT_EQ(Notes(other_model_, "payments"), 1);
}

TEST_F(EraserTest, TheSweepErasesWhatOutlivedItsKindsRetention) {
  IngestRequest request;
  AddNote(request, "s:old", "payments", "r-ann", absl::Hours(24 * 401));
  AddNote(request, "s:new", "payments", "r-ann", absl::Hours(24 * 399));
  teamload::v1::Signal* page = request.add_signals();
  page->set_id("pd:old");
  page->set_team("payments");
  page->set_source("pagerduty");
  page->mutable_occurred_at()->set_seconds(
      absl::ToUnixSeconds(kNow - absl::Hours(24 * 900)));
  page->mutable_page()->set_title("disk full");
  // Ingest accepts signals from 2000 on; "now" is 2026.
  Ingest(request);
  ASSERT_EQ(Notes(model_, "payments"), 2);
  ASSERT_TRUE(eraser_.Sweep().ok());
  EXPECT_EQ(Notes(model_, "payments"), 1);
  EXPECT_EQ(model_.GetTeam("payments")->signal_counts().at("page"), 1);
  EXPECT_THAT(*store_->Revisions("s:old"), ::testing::IsEmpty());
  EXPECT_THAT(*store_->Revisions("s:new"), ::testing::SizeIs(1));
  // Two days later, s:new has outlived its 400 days too.
  clock_.Advance(absl::Hours(24 * 2));
  ASSERT_TRUE(eraser_.Sweep().ok());
  EXPECT_EQ(Notes(model_, "payments"), 0);
}

}  // namespace
}  // namespace teamload::ingest
