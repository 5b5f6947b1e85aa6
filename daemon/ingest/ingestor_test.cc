#include "daemon/ingest/ingestor.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "daemon/ingest/testing_store.h"
#include "daemon/store/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::ingest {
namespace {

using teamload::v1::IngestRequest;
using teamload::v1::IngestResponse;
using teamload::v1::Outcome;

const absl::Time kNow = absl::FromUnixSeconds(1'795'737'600);

teamload::v1::Signal Page(const std::string& id, const std::string& title,
                          const std::string& team = "payments") {
  teamload::v1::Signal signal;
  signal.set_id(id);
  signal.set_team(team);
  signal.set_source("pagerduty");
  signal.mutable_occurred_at()->set_seconds(1'795'700'000);
  signal.mutable_page()->set_title(title);
  return signal;
}

std::vector<Outcome> Outcomes(const IngestResponse& response) {
  std::vector<Outcome> outcomes;
  for (const auto& r : response.results()) outcomes.push_back(r.outcome());
  return outcomes;
}

class IngestorTest : public testing::Test {
 protected:
  IngestorTest()
      : store_(std::make_unique<FlakyStore>(
            *store::Store::Open("sqlite::memory:"))),
        model_(std::vector<config::TeamConfig>{{.name = "payments"},
                                               {.name = "search"}}),
        clock_(kNow),
        ingestor_(store_.get(), &model_, &clock_) {}

  IngestResponse IngestOk(const IngestRequest& request) {
    absl::StatusOr<IngestResponse> response = ingestor_.Ingest(request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? *response : IngestResponse();
  }

  std::unique_ptr<FlakyStore> store_;
  model::Model model_;
  util::FakeClock clock_;
  Ingestor ingestor_;
};

TEST_F(IngestorTest, AcceptsThenDeduplicatesThenRevisesKeepingEveryRevision) {
  IngestRequest request;
  *request.add_signals() = Page("pd:1", "db down");
  EXPECT_THAT(Outcomes(IngestOk(request)),
              testing::ElementsAre(teamload::v1::OUTCOME_ACCEPTED));
  EXPECT_THAT(Outcomes(IngestOk(request)),
              testing::ElementsAre(teamload::v1::OUTCOME_DUPLICATE));
  *request.mutable_signals(0) = Page("pd:1", "db down (resolved)");
  EXPECT_THAT(Outcomes(IngestOk(request)),
              testing::ElementsAre(teamload::v1::OUTCOME_REVISED));
  // Replaying the older content (a retried or out-of-order event) changes
  // nothing.
  *request.mutable_signals(0) = Page("pd:1", "db down");
  EXPECT_THAT(Outcomes(IngestOk(request)),
              testing::ElementsAre(teamload::v1::OUTCOME_DUPLICATE));

  absl::StatusOr<std::vector<store::Revision>> revisions =
      store_->Revisions("pd:1");
  ASSERT_TRUE(revisions.ok());
  ASSERT_EQ(revisions->size(), 2u);
  EXPECT_EQ((*revisions)[0].revision, 1);
  EXPECT_EQ((*revisions)[1].revision, 2);
  EXPECT_EQ((*revisions)[1].received_at, kNow);
  teamload::v1::Signal stored;
  ASSERT_TRUE(stored.ParseFromString((*revisions)[1].body));
  EXPECT_EQ(stored.page().title(), "db down (resolved)");
  EXPECT_EQ(model_.Lookup("pd:1", 0).revision, 2);
  EXPECT_EQ(model_.GetTeam("payments")->signal_counts().at("page"), 1);
}

TEST_F(IngestorTest, RejectedSignalsNeverTakeTheRestOfTheBatch) {
  IngestRequest request;
  *request.add_signals() = Page("pd:1", "ok");
  *request.add_signals() = Page("pd:2", "wrong team", "billing");
  *request.add_signals() = Page("", "no id");
  *request.add_signals() = Page("pd:3", "ok too");
  *request.add_signals() =
      Page("pd:1", "same id again in the batch, new content");
  IngestResponse response = IngestOk(request);
  EXPECT_THAT(Outcomes(response),
              testing::ElementsAre(teamload::v1::OUTCOME_ACCEPTED,
                                   teamload::v1::OUTCOME_REJECTED,
                                   teamload::v1::OUTCOME_REJECTED,
                                   teamload::v1::OUTCOME_ACCEPTED,
                                   teamload::v1::OUTCOME_REVISED));
  EXPECT_EQ(response.results(1).id(), "pd:2");
  EXPECT_EQ(response.results(1).error(),
            "team: unknown team \"billing\" (not in teamloadd's config)");
  EXPECT_EQ(response.results(2).error(), "id: must not be empty");
  EXPECT_EQ(model_.SignalCount(), 2);
  EXPECT_EQ(store_->Revisions("pd:1")->size(), 2u);
  EXPECT_EQ(ingestor_.Totals().accepted, 2);
  EXPECT_EQ(ingestor_.Totals().rejected, 2);
  EXPECT_EQ(ingestor_.Totals().revised, 1);
}

TEST_F(IngestorTest, CoverageIsValidatedOneByOneAndApplied) {
  IngestRequest request;
  auto* good = request.add_coverage();
  good->set_team("search");
  good->set_source("jira");
  good->mutable_covered_through()->set_seconds(1'795'700'000);
  auto* bad = request.add_coverage();
  bad->set_team("search");
  bad->set_source("jira");
  IngestResponse response = IngestOk(request);
  ASSERT_EQ(response.coverage_results_size(), 2);
  EXPECT_EQ(response.coverage_results(0).outcome(),
            teamload::v1::OUTCOME_ACCEPTED);
  EXPECT_EQ(response.coverage_results(1).outcome(),
            teamload::v1::OUTCOME_REJECTED);
  EXPECT_EQ(response.coverage_results(1).error(),
            "covered_through: is required");
  ASSERT_EQ(model_.GetTeam("search")->coverage_size(), 1);
  EXPECT_EQ(model_.GetTeam("search")->coverage(0).covered_through().seconds(),
            1'795'700'000);
}

TEST_F(IngestorTest, StoreFailureFailsTheCallAndChangesNothing) {
  store_->fail = true;
  IngestRequest request;
  *request.add_signals() = Page("pd:1", "db down");
  absl::StatusOr<IngestResponse> response = ingestor_.Ingest(request);
  EXPECT_EQ(response.status(),
            absl::UnavailableError(
                "teamloadd's store could not write, so this request was not "
                "acknowledged; send it again, and what was stored after all "
                "comes back DUPLICATE (disk on fire)"));
  EXPECT_EQ(model_.Lookup("pd:1", 0).revision, 0);
  // Once the store is back, the same signal is new, not a duplicate.
  store_->fail = false;
  EXPECT_THAT(Outcomes(IngestOk(request)),
              testing::ElementsAre(teamload::v1::OUTCOME_ACCEPTED));
}

TEST_F(IngestorTest, AResendAfterALostAnswerIsStoredOnce) {
  IngestRequest request;
  *request.add_signals() = Page("pd:1", "db down");
  *request.add_signals() = Page("pd:2", "queue full");
  store_->lose_answer = true;
  EXPECT_EQ(ingestor_.Ingest(request).status().code(),
            absl::StatusCode::kUnavailable);
  store_->lose_answer = false;
  EXPECT_THAT(Outcomes(IngestOk(request)),
              testing::ElementsAre(teamload::v1::OUTCOME_ACCEPTED,
                                   teamload::v1::OUTCOME_ACCEPTED));
  EXPECT_EQ(store_->Revisions("pd:1")->size(), 1u);
  EXPECT_EQ(store_->Revisions("pd:2")->size(), 1u);
  EXPECT_EQ(model_.SignalCount(), 2);
}

TEST_F(IngestorTest, AFullStoreIsResourceExhaustedAndNoFailureIsInternal) {
  IngestRequest request;
  *request.add_signals() = Page("pd:1", "db down");
  store_->fail = true;
  store_->failure =
      absl::ResourceExhaustedError("sqlite: COMMIT: database or disk is full");
  EXPECT_EQ(ingestor_.Ingest(request).status(),
            absl::ResourceExhaustedError(
                "teamloadd's store is full, so nothing of this request was "
                "stored; send it again once the daemon's disk has room "
                "(sqlite: COMMIT: database or disk is full)"));
  // Whatever the store's code, the caller is told to send again.
  store_->failure = absl::InternalError("sqlite: COMMIT: malformed");
  EXPECT_EQ(ingestor_.Ingest(request).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(IngestorTest, TellsTheListenerWhenTheStoreStopsAndStartsWriting) {
  std::vector<bool> heard;
  ingestor_.SetStoreWritableListener(
      [&heard](bool writable) { heard.push_back(writable); });
  EXPECT_THAT(heard, testing::ElementsAre(true));
  IngestRequest request;
  *request.add_signals() = Page("pd:1", "db down");
  store_->fail = true;
  EXPECT_FALSE(ingestor_.Ingest(request).ok());
  EXPECT_FALSE(ingestor_.Ingest(request).ok());
  EXPECT_THAT(heard, testing::ElementsAre(true, false));
  store_->fail = false;
  IngestOk(request);
  IngestOk(request);
  EXPECT_THAT(heard, testing::ElementsAre(true, false, true));
  // A removed listener hears nothing more.
  ingestor_.SetStoreWritableListener(nullptr);
  store_->fail = true;
  *request.mutable_signals(0) = Page("pd:2", "db down");
  EXPECT_FALSE(ingestor_.Ingest(request).ok());
  EXPECT_EQ(heard.size(), 3u);
}

TEST_F(IngestorTest, ARevisionNeverMovesASignalToAnotherTeam) {
  const std::string kOwned =
      "team: id \"pd:1\" already belongs to another team; a signal's team "
      "never changes (ids are owned by the team that first sent them)";
  IngestRequest first;
  *first.add_signals() = Page("pd:1", "db down", "payments");
  // The same id for two teams in one request: the first to arrive owns it.
  *first.add_signals() = Page("pd:2", "queue full", "payments");
  *first.add_signals() = Page("pd:2", "queue full", "search");
  IngestResponse response = IngestOk(first);
  EXPECT_THAT(Outcomes(response),
              testing::ElementsAre(teamload::v1::OUTCOME_ACCEPTED,
                                   teamload::v1::OUTCOME_ACCEPTED,
                                   teamload::v1::OUTCOME_REJECTED));
  EXPECT_EQ(response.results(2).error(),
            "team: id \"pd:2\" already belongs to another team; a signal's "
            "team never changes (ids are owned by the team that first sent "
            "them)");

  // Later, from the store: the other team cannot take it, the owner can
  // still revise it.
  IngestRequest later;
  *later.add_signals() = Page("pd:1", "db down", "search");
  *later.add_signals() = Page("pd:1", "db down (resolved)", "payments");
  response = IngestOk(later);
  EXPECT_THAT(Outcomes(response),
              testing::ElementsAre(teamload::v1::OUTCOME_REJECTED,
                                   teamload::v1::OUTCOME_REVISED));
  EXPECT_EQ(response.results(0).error(), kOwned);
  EXPECT_EQ(model_.GetTeam("payments")->signal_counts().at("page"), 2);
  EXPECT_EQ(model_.GetTeam("search")->signal_counts().at("page"), 0);
  // Held in a variable: a range-for over *Revisions(...) would read the
  // StatusOr after its end (AddressSanitizer: stack-use-after-scope).
  const absl::StatusOr<std::vector<store::Revision>> revisions =
      store_->Revisions("pd:1");
  ASSERT_TRUE(revisions.ok()) << revisions.status();
  for (const store::Revision& r : *revisions) EXPECT_EQ(r.team, "payments");
  EXPECT_EQ(ingestor_.Totals().rejected, 2);
}

TEST_F(IngestorTest, ConcurrentCallsShareCommitsAndDecideEachIdOnce) {
  constexpr int kThreads = 8;
  constexpr int kRequests = 50;
  std::atomic<int> accepted = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRequests; ++r) {
        IngestRequest request;
        // Every thread sends the same shared id plus ids of its own.
        *request.add_signals() = Page("shared", "same content everywhere");
        for (int i = 0; i < 20; ++i) {
          *request.add_signals() =
              Page(absl::StrCat("t", t, "-r", r, "-", i), "x");
        }
        absl::StatusOr<IngestResponse> response = ingestor_.Ingest(request);
        ASSERT_TRUE(response.ok());
        for (const auto& result : response->results()) {
          if (result.outcome() == teamload::v1::OUTCOME_ACCEPTED) ++accepted;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  // "shared" was accepted exactly once; everything else once each.
  EXPECT_EQ(accepted, kThreads * kRequests * 20 + 1);
  EXPECT_EQ(model_.SignalCount(), kThreads * kRequests * 20 + 1);
  EXPECT_EQ(store_->Revisions("shared")->size(), 1u);
  // Group commit: fewer store writes than requests.
  EXPECT_LT(store_->writes, kThreads * kRequests);
}

// Two replicas: each has its own model and ingestor, both write one store.
struct Replica {
  Replica(store::Store* store, const util::Clock* clock)
      : model(std::vector<config::TeamConfig>{{.name = "payments"},
                                              {.name = "search"}}),
        ingestor(store, &model, clock) {}
  model::Model model;
  Ingestor ingestor;
};

TEST(ReplicaRaceTest, TheLoserOfARaceDecidesAgainAgainstWhatWon) {
  std::unique_ptr<store::Store> store = *store::Store::Open("sqlite::memory:");
  util::FakeClock clock(kNow);
  Replica first(store.get(), &clock);
  Replica second(store.get(), &clock);
  IngestRequest won;
  *won.add_signals() = Page("pd:1", "db down");
  *won.add_signals() = Page("pd:2", "queue full");
  *won.add_signals() = Page("pd:4", "disk full", "search");
  ASSERT_TRUE(first.ingestor.Ingest(won).ok());

  // The second replica has not heard of them: its batch clashes with what
  // the first one stored, and is decided again instead of failing.
  IngestRequest lost;
  *lost.add_signals() = Page("pd:1", "db down (resolved)");
  *lost.add_signals() = Page("pd:2", "queue full");
  *lost.add_signals() = Page("pd:3", "new");
  *lost.add_signals() = Page("pd:4", "disk full", "payments");
  absl::StatusOr<IngestResponse> response = second.ingestor.Ingest(lost);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_THAT(Outcomes(*response),
              testing::ElementsAre(teamload::v1::OUTCOME_REVISED,
                                   teamload::v1::OUTCOME_DUPLICATE,
                                   teamload::v1::OUTCOME_ACCEPTED,
                                   teamload::v1::OUTCOME_REJECTED));
  EXPECT_EQ(response->results(0).error(), "");
  EXPECT_EQ(response->results(3).error(),
            "team: id \"pd:4\" already belongs to another team; a signal's "
            "team never changes (ids are owned by the team that first sent "
            "them)");

  std::vector<std::string> stored;
  ASSERT_TRUE(store
                  ->ForEachRevision([&](const store::Revision& r) {
                    stored.push_back(
                        absl::StrCat(r.id, "#", r.revision, " ", r.team));
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_THAT(stored, testing::ElementsAre("pd:1#1 payments", "pd:1#2 payments",
                                           "pd:2#1 payments", "pd:3#1 payments",
                                           "pd:4#1 search"));
  // The loser's model holds what won plus its own revision, once each.
  EXPECT_EQ(second.model.Lookup("pd:1", 0).revision, 2);
  EXPECT_EQ(second.model.GetTeam("payments")->signal_counts().at("page"), 3);
  EXPECT_EQ(second.model.GetTeam("search")->signal_counts().at("page"), 1);
  EXPECT_EQ(second.ingestor.Totals().revised, 1);
  EXPECT_EQ(second.ingestor.Totals().duplicate, 1);
  EXPECT_EQ(second.ingestor.Totals().accepted, 1);
}

TEST(ReplicaRaceTest, TwoReplicasOnOnePostgresStoreEachIdOnceARevision) {
  const std::string url = store::testing::NewPostgresUrl();
  std::unique_ptr<store::Store> stores[2] = {*store::Store::Open(url),
                                             *store::Store::Open(url)};
  util::FakeClock clock(kNow);
  Replica a(stores[0].get(), &clock);
  Replica b(stores[1].get(), &clock);
  constexpr int kIds = 200;
  constexpr int kPerRequest = 20;
  // Both replicas get the same ids at once, each with its own content.
  std::vector<std::thread> senders;
  for (Replica* replica : {&a, &b}) {
    const std::string title = replica == &a ? "seen by a" : "seen by b";
    senders.emplace_back([replica, title] {
      for (int first = 0; first < kIds; first += kPerRequest) {
        IngestRequest request;
        for (int i = first; i < first + kPerRequest; ++i) {
          *request.add_signals() = Page(absl::StrCat("pd:", i), title);
        }
        absl::StatusOr<IngestResponse> response =
            replica->ingestor.Ingest(request);
        ASSERT_TRUE(response.ok()) << response.status();
      }
    });
  }
  for (std::thread& sender : senders) sender.join();

  // Each id: one replica's content is revision 1, the other's revision 2.
  int64_t rows = 0;
  ASSERT_TRUE(stores[0]
                  ->ForEachRevision([&](const store::Revision&) {
                    ++rows;
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(rows, 2 * kIds);
  for (int i = 0; i < kIds; ++i) {
    EXPECT_EQ(stores[1]->Revisions(absl::StrCat("pd:", i))->size(), 2u) << i;
  }
  const IngestCounts ta = a.ingestor.Totals();
  const IngestCounts tb = b.ingestor.Totals();
  EXPECT_EQ(ta.accepted + tb.accepted, kIds);
  EXPECT_EQ(ta.revised + tb.revised, kIds);
  EXPECT_EQ(ta.duplicate + tb.duplicate + ta.rejected + tb.rejected, 0);
}

}  // namespace
}  // namespace teamload::ingest
