// The contract every Store implementation passes. store_contract_test.cc
// instantiates StoreContractTest once with a function per implementation
// that returns the URL of a new, empty store; a new store adds one value:
//
//   INSTANTIATE_TEST_SUITE_P(Stores, StoreContractTest,
//                            testing::Values(&NewSqliteUrl, &NewPostgresUrl));
#ifndef TEAMLOAD_DAEMON_STORE_STORE_CONTRACT_H_
#define TEAMLOAD_DAEMON_STORE_STORE_CONTRACT_H_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "daemon/store/store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::store {

using NewStoreUrl = std::string (*)();

class StoreContractTest : public testing::TestWithParam<NewStoreUrl> {
 protected:
  void SetUp() override {
    url_ = GetParam()();
    store_ = OpenOrDie();
  }
  std::unique_ptr<Store> OpenOrDie() {
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(url_);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }
  static Revision MakeRevision(std::string id, int64_t revision,
                               std::string body) {
    return Revision{.id = std::move(id),
                    .revision = revision,
                    .team = "payments",
                    .kind = "page",
                    .occurred_at = absl::FromUnixSeconds(1'795'000'000),
                    .received_at = absl::FromUnixSeconds(1'795'000'100),
                    .body = std::move(body)};
  }
  // Everything a scan visits, in order.
  template <typename T>
  static std::vector<T> Collect(
      absl::Status (Store::*scan)(absl::FunctionRef<absl::Status(const T&)>),
      Store& store) {
    std::vector<T> all;
    EXPECT_TRUE((store.*scan)([&](const T& item) {
                  all.push_back(item);
                  return absl::OkStatus();
                }).ok());
    return all;
  }
  // Whether this claim won the slot; a failed claim fails the test.
  static bool Claim(Store& store, absl::string_view report, absl::Time slot) {
    absl::StatusOr<bool> won = store.ClaimReportSlot(report, slot);
    EXPECT_TRUE(won.ok()) << won.status();
    return won.ok() && *won;
  }
  static std::vector<Revision> All(Store& store) {
    return Collect(&Store::ForEachRevision, store);
  }
  static std::vector<CoverageMark> AllCoverage(Store& store) {
    return Collect(&Store::ForEachCoverage, store);
  }

  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContractTest, NewStoreIsEmptyAndMigrated) {
  EXPECT_THAT(All(*store_), testing::IsEmpty());
  EXPECT_THAT(AllCoverage(*store_), testing::IsEmpty());
  absl::StatusOr<int> version = store_->SchemaVersion();
  ASSERT_TRUE(version.ok()) << version.status();
  EXPECT_GE(*version, 1);
}

TEST_P(StoreContractTest, ReadsBackRevisionsOrderedByIdThenRevision) {
  // Binary bodies must round-trip byte for byte, NULs included.
  const std::string binary("\0\x01\xff body", 8);
  ASSERT_TRUE(store_
                  ->Write({.revisions = {MakeRevision("pd:b", 1, "b1"),
                                         MakeRevision("pd:a", 1, binary)}})
                  .ok());
  ASSERT_TRUE(
      store_->Write({.revisions = {MakeRevision("pd:a", 2, "a2")}}).ok());

  EXPECT_THAT(All(*store_),
              testing::ElementsAre(MakeRevision("pd:a", 1, binary),
                                   MakeRevision("pd:a", 2, "a2"),
                                   MakeRevision("pd:b", 1, "b1")));
  absl::StatusOr<std::vector<Revision>> revisions = store_->Revisions("pd:a");
  ASSERT_TRUE(revisions.ok()) << revisions.status();
  EXPECT_THAT(*revisions, testing::ElementsAre(MakeRevision("pd:a", 1, binary),
                                               MakeRevision("pd:a", 2, "a2")));
  EXPECT_THAT(*store_->Revisions("pd:unknown"), testing::IsEmpty());
}

TEST_P(StoreContractTest, TeamOfAnIdIsItsLatestRevisionsTeam) {
  Revision search = MakeRevision("pd:s", 1, "s1");
  search.team = "search";
  ASSERT_TRUE(
      store_
          ->Write({.revisions = {MakeRevision("pd:p", 1, "p1"),
                                 MakeRevision("pd:p", 2, "p2"), search}})
          .ok());
  EXPECT_EQ(*store_->TeamOf("pd:p"), "payments");
  EXPECT_EQ(*store_->TeamOf("pd:s"), "search");
  EXPECT_EQ(*store_->TeamOf("pd:unknown"), "");
  // Ids are matched whole, not by prefix.
  EXPECT_EQ(*store_->TeamOf("pd:"), "");
}

TEST_P(StoreContractTest, BatchWithAnExistingRevisionWritesNothing) {
  ASSERT_TRUE(
      store_->Write({.revisions = {MakeRevision("pd:a", 1, "a1")}}).ok());
  absl::Status status = store_->Write(
      {.revisions = {MakeRevision("pd:new", 1, "n1"),
                     MakeRevision("pd:a", 1, "again")},
       .coverage = {{"payments", "pagerduty", absl::FromUnixSeconds(1)}}});
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(All(*store_),
              testing::ElementsAre(MakeRevision("pd:a", 1, "a1")));
  EXPECT_THAT(AllCoverage(*store_), testing::IsEmpty());
}

TEST_P(StoreContractTest, ARevisionIsStoredUnderOneTeamOnly) {
  ASSERT_TRUE(
      store_->Write({.revisions = {MakeRevision("pd:a", 1, "a1")}}).ok());
  Revision elsewhere = MakeRevision("pd:a", 1, "a1");
  elsewhere.team = "search";
  const absl::Status status = store_->Write({.revisions = {elsewhere}});
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
  EXPECT_THAT(std::string(status.message()),
              testing::HasSubstr("revision 1 of \"pd:a\""));
  EXPECT_THAT(All(*store_),
              testing::ElementsAre(MakeRevision("pd:a", 1, "a1")));
  EXPECT_EQ(*store_->TeamOf("pd:a"), "payments");
}

TEST_P(StoreContractTest, ABatchWrittenAgainIsStoredOnce) {
  // A writer that lost the answer to its commit sends the batch again.
  const WriteBatch batch{
      .revisions = {MakeRevision("pd:a", 1, "a1"),
                    MakeRevision("pd:b", 1, "b1")},
      .coverage = {{"payments", "pagerduty", absl::FromUnixSeconds(9)}}};
  ASSERT_TRUE(store_->Write(batch).ok());
  const absl::Status again = store_->Write(batch);
  EXPECT_TRUE(again.ok()) << again;
  EXPECT_THAT(All(*store_),
              testing::ElementsAre(MakeRevision("pd:a", 1, "a1"),
                                   MakeRevision("pd:b", 1, "b1")));
  EXPECT_THAT(AllCoverage(*store_),
              testing::ElementsAre(CoverageMark{"payments", "pagerduty",
                                                absl::FromUnixSeconds(9)}));
}

TEST_P(StoreContractTest, ScansManyRevisionsInIdOrder) {
  // More rows than one read of a streaming scan, over several teams, written
  // in an order unlike the scan's.
  constexpr int kIds = 6'000;
  WriteBatch first;
  WriteBatch second;
  for (int i = kIds - 1; i >= 0; --i) {
    Revision r = MakeRevision(absl::StrFormat("pd:%05d", i), 1,
                              std::string(1 + i % 300, static_cast<char>(i)));
    r.team = absl::StrCat("team-", i % 7);
    first.revisions.push_back(r);
    r.revision = 2;
    r.body += "!";
    second.revisions.push_back(std::move(r));
  }
  ASSERT_TRUE(store_->Write(second).ok());
  ASSERT_TRUE(store_->Write(first).ok());
  int64_t visited = 0;
  const absl::Status status =
      store_->ForEachRevision([&](const Revision& r) -> absl::Status {
        const int i = static_cast<int>(visited / 2);
        const Revision& expected = visited % 2 == 0
                                       ? first.revisions[kIds - 1 - i]
                                       : second.revisions[kIds - 1 - i];
        ++visited;
        if (r == expected) return absl::OkStatus();
        return absl::InternalError(absl::StrFormat(
            "row %d is revision %d of %s", visited - 1, r.revision, r.id));
      });
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(visited, 2 * kIds);
}

TEST_P(StoreContractTest, CoverageKeepsTheLatestMarkPerTeamAndSource) {
  const absl::Time early = absl::FromUnixSeconds(1'795'000'000);
  const absl::Time late = early + absl::Hours(24);
  ASSERT_TRUE(store_
                  ->Write({.coverage = {{"payments", "pagerduty", late},
                                        {"search", "pagerduty", early}}})
                  .ok());
  ASSERT_TRUE(store_
                  ->Write({.coverage = {{"payments", "pagerduty", early},
                                        {"search", "pagerduty", late}}})
                  .ok());
  EXPECT_THAT(AllCoverage(*store_),
              testing::ElementsAre(CoverageMark{"payments", "pagerduty", late},
                                   CoverageMark{"search", "pagerduty", late}));
}

TEST_P(StoreContractTest, WritesSurviveClosingAndReopening) {
  ASSERT_TRUE(store_
                  ->Write({.revisions = {MakeRevision("pd:a", 1, "a1")},
                           .coverage = {{"payments", "jira",
                                         absl::FromUnixSeconds(7)}}})
                  .ok());
  store_.reset();
  std::unique_ptr<Store> reopened = OpenOrDie();
  ASSERT_NE(reopened, nullptr);
  EXPECT_THAT(All(*reopened),
              testing::ElementsAre(MakeRevision("pd:a", 1, "a1")));
  EXPECT_THAT(AllCoverage(*reopened),
              testing::ElementsAre(
                  CoverageMark{"payments", "jira", absl::FromUnixSeconds(7)}));
}

TEST_P(StoreContractTest, VisitorErrorStopsTheScanAndIsReturned) {
  ASSERT_TRUE(store_
                  ->Write({.revisions = {MakeRevision("pd:a", 1, "a1"),
                                         MakeRevision("pd:b", 1, "b1")}})
                  .ok());
  int visited = 0;
  absl::Status status = store_->ForEachRevision([&](const Revision&) {
    ++visited;
    return absl::DataLossError("stop here");
  });
  EXPECT_EQ(status, absl::DataLossError("stop here"));
  EXPECT_EQ(visited, 1);
}

TEST_P(StoreContractTest, EachReportSlotIsClaimedOnce) {
  const absl::Time monday = absl::FromUnixSeconds(1'795'500'000);
  const absl::Time thursday = monday + absl::Hours(72);
  EXPECT_TRUE(Claim(*store_, "weekly", monday));
  EXPECT_FALSE(Claim(*store_, "weekly", monday));
  EXPECT_TRUE(Claim(*store_, "weekly", thursday));
  // Another report's slot at the same moment is its own.
  EXPECT_TRUE(Claim(*store_, "monthly", monday));
  // A restart remembers every claim.
  store_.reset();
  std::unique_ptr<Store> reopened = OpenOrDie();
  ASSERT_NE(reopened, nullptr);
  EXPECT_FALSE(Claim(*reopened, "weekly", monday));
  EXPECT_FALSE(Claim(*reopened, "weekly", thursday));
  EXPECT_TRUE(Claim(*reopened, "weekly", thursday + absl::Hours(96)));
}

TEST_P(StoreContractTest, OfTwoStoresOnOneDatabaseOnlyOneWinsEachSlot) {
  std::unique_ptr<Store> other = OpenOrDie();
  ASSERT_NE(other, nullptr);
  const absl::Time first = absl::FromUnixSeconds(1'795'500'000);
  constexpr int kSlots = 100;
  // Two replicas race for every slot at once.
  std::vector<int> won_by[2];
  std::vector<std::thread> replicas;
  for (Store* store : {store_.get(), other.get()}) {
    std::vector<int>& won = won_by[replicas.size()];
    replicas.emplace_back([store, &won, first] {
      for (int i = 0; i < kSlots; ++i) {
        if (Claim(*store, "weekly", first + absl::Minutes(i))) won.push_back(i);
      }
    });
  }
  for (std::thread& replica : replicas) replica.join();
  std::vector<int> all = won_by[0];
  all.insert(all.end(), won_by[1].begin(), won_by[1].end());
  std::sort(all.begin(), all.end());
  std::vector<int> each_once(kSlots);
  for (int i = 0; i < kSlots; ++i) each_once[i] = i;
  EXPECT_EQ(all, each_once);
}

// Everything the feed gives from `cursor` on, `limit` rows a read, as
// "erased team/id" (first in a batch, as followers apply them),
// "id#revision" and "coverage team/source" lines; the cursor it ends at.
inline std::vector<std::string> Follow(Store& store, int64_t& cursor,
                                       int limit = 1000) {
  std::vector<std::string> seen;
  for (;;) {
    absl::StatusOr<ChangeBatch> batch = store.ReadChangesSince(cursor, limit);
    EXPECT_TRUE(batch.ok()) << batch.status();
    if (!batch.ok()) return seen;
    EXPECT_LE(
        batch->revisions.size() + batch->coverage.size() + batch->erased.size(),
        static_cast<size_t>(limit));
    for (const SignalKey& e : batch->erased) {
      seen.push_back(absl::StrCat("erased ", e.team, "/", e.id));
    }
    for (const Revision& r : batch->revisions) {
      seen.push_back(absl::StrCat(r.id, "#", r.revision));
    }
    for (const CoverageMark& c : batch->coverage) {
      seen.push_back(absl::StrCat("coverage ", c.team, "/", c.source, " ",
                                  absl::ToUnixSeconds(c.covered_through)));
    }
    if (batch->cursor == cursor) {
      EXPECT_TRUE(batch->revisions.empty() && batch->coverage.empty() &&
                  batch->erased.empty());
      return seen;
    }
    cursor = batch->cursor;
  }
}

TEST_P(StoreContractTest, TheFeedGivesEveryWriteOnceInCommitOrder) {
  absl::StatusOr<int64_t> start = store_->ChangeCursor();
  ASSERT_TRUE(start.ok()) << start.status();
  // An id's revisions come oldest first, however a batch was ordered.
  ASSERT_TRUE(store_
                  ->Write({.revisions = {MakeRevision("pd:b", 1, "b1"),
                                         MakeRevision("pd:a", 2, "a2"),
                                         MakeRevision("pd:a", 1, "a1")},
                           .coverage = {{"payments", "pagerduty",
                                         absl::FromUnixSeconds(20)}}})
                  .ok());
  int64_t cursor = *start;
  std::vector<std::string> seen = Follow(*store_, cursor);
  EXPECT_THAT(seen,
              testing::UnorderedElementsAre("pd:a#1", "pd:a#2", "pd:b#1",
                                            "coverage payments/pagerduty 20"));
  EXPECT_LT(std::find(seen.begin(), seen.end(), "pd:a#1"),
            std::find(seen.begin(), seen.end(), "pd:a#2"));
  // Written again (a lost answer), and a mark that does not move: nothing
  // new.
  ASSERT_TRUE(store_
                  ->Write({.revisions = {MakeRevision("pd:b", 1, "b1")},
                           .coverage = {{"payments", "pagerduty",
                                         absl::FromUnixSeconds(10)}}})
                  .ok());
  EXPECT_THAT(Follow(*store_, cursor), testing::IsEmpty());
  ASSERT_TRUE(store_
                  ->Write({.revisions = {MakeRevision("pd:a", 3, "a3")},
                           .coverage = {{"payments", "pagerduty",
                                         absl::FromUnixSeconds(30)}}})
                  .ok());
  EXPECT_THAT(Follow(*store_, cursor),
              testing::UnorderedElementsAre("pd:a#3",
                                            "coverage payments/pagerduty 30"));
  EXPECT_EQ(*store_->ChangeCursor(), cursor);
  // Nothing new: the same cursor, no rows.
  EXPECT_THAT(Follow(*store_, cursor), testing::IsEmpty());
  EXPECT_EQ(*store_->ChangeCursor(), cursor);
}

TEST_P(StoreContractTest, TheFeedReadInSmallStepsSkipsNothing) {
  std::vector<std::string> written;
  for (int commit = 0; commit < 7; ++commit) {
    WriteBatch batch;
    for (int i = 0; i < 3; ++i) {
      const std::string id = absl::StrFormat("pd:%d-%d", commit, i);
      batch.revisions.push_back(MakeRevision(id, 1, id));
      written.push_back(absl::StrCat(id, "#1"));
    }
    batch.coverage.push_back(
        {"payments", "pagerduty", absl::FromUnixSeconds(commit + 1)});
    written.push_back(absl::StrCat("coverage payments/pagerduty ", commit + 1));
    ASSERT_TRUE(store_->Write(batch).ok());
  }
  for (const int limit : {1, 2, 3, 5}) {
    int64_t cursor = 0;
    const std::vector<std::string> seen = Follow(*store_, cursor, limit);
    // A mark moved again is read once, with its latest value.
    std::vector<std::string> expected;
    for (const std::string& line : written) {
      if (!absl::StartsWith(line, "coverage") ||
          line == "coverage payments/pagerduty 7") {
        expected.push_back(line);
      }
    }
    EXPECT_THAT(seen, testing::UnorderedElementsAreArray(expected))
        << "limit " << limit;
    EXPECT_EQ(cursor, *store_->ChangeCursor());
  }
}

TEST_P(StoreContractTest, FollowingFromTheCursorBeforeALoadMissesNothing) {
  ASSERT_TRUE(
      store_->Write({.revisions = {MakeRevision("pd:a", 1, "a1")}}).ok());
  int64_t cursor = *store_->ChangeCursor();
  // Committed while the load runs, after the cursor was read.
  ASSERT_TRUE(
      store_->Write({.revisions = {MakeRevision("pd:b", 1, "b1")}}).ok());
  EXPECT_THAT(All(*store_), testing::SizeIs(2));
  EXPECT_THAT(Follow(*store_, cursor), testing::ElementsAre("pd:b#1"));
}

TEST_P(StoreContractTest, ErasingDeletesEveryRevisionAndTellsTheFeed) {
  Revision search = MakeRevision("pd:c", 1, "c1");
  search.team = "search";
  ASSERT_TRUE(
      store_
          ->Write({.revisions = {MakeRevision("pd:a", 1, "a1"),
                                 MakeRevision("pd:a", 2, "a2"),
                                 MakeRevision("pd:b", 1, "b1"), search}})
          .ok());
  absl::StatusOr<int64_t> start = store_->ChangeCursor();
  ASSERT_TRUE(start.ok()) << start.status();
  absl::StatusOr<Erasure> erased =
      store_->EraseSignals({"pd:c", "pd:a", "pd:unknown", "pd:a"});
  ASSERT_TRUE(erased.ok()) << erased.status();
  EXPECT_THAT(erased->signals,
              testing::ElementsAre(SignalKey{"payments", "pd:a"},
                                   SignalKey{"search", "pd:c"}));
  EXPECT_EQ(erased->revisions, 3);
  EXPECT_THAT(All(*store_),
              testing::ElementsAre(MakeRevision("pd:b", 1, "b1")));
  EXPECT_THAT(*store_->Revisions("pd:a"), testing::IsEmpty());
  EXPECT_EQ(*store_->TeamOf("pd:c"), "");
  // Sent again, an erased id is a new signal: revision 1, new content.
  ASSERT_TRUE(
      store_->Write({.revisions = {MakeRevision("pd:a", 1, "new a1")}}).ok());
  int64_t cursor = *start;
  EXPECT_THAT(Follow(*store_, cursor, 1),
              testing::ElementsAre("erased payments/pd:a", "erased search/pd:c",
                                   "pd:a#1"));
  // Erasing nothing changes nothing, and the feed has nothing new.
  erased = store_->EraseSignals({"pd:unknown"});
  ASSERT_TRUE(erased.ok()) << erased.status();
  EXPECT_THAT(erased->signals, testing::IsEmpty());
  EXPECT_EQ(erased->revisions, 0);
  EXPECT_THAT(Follow(*store_, cursor), testing::IsEmpty());
}

TEST_P(StoreContractTest, EraseOccurredBeforeJudgesTheLatestRevision) {
  const absl::Time cutoff = absl::FromUnixSeconds(1'795'000'000);
  const auto note = [&](std::string id, int64_t revision, absl::Time at) {
    Revision r = MakeRevision(std::move(id), revision, absl::StrCat(revision));
    r.kind = "survey_note";
    r.occurred_at = at;
    return r;
  };
  Revision old_page = MakeRevision("pd:old", 1, "p");
  old_page.occurred_at = cutoff - absl::Hours(1);
  ASSERT_TRUE(
      store_
          ->Write({.revisions = {note("s:old", 1, cutoff - absl::Hours(48)),
                                 note("s:old", 2, cutoff - absl::Seconds(1)),
                                 note("s:new", 1, cutoff),
                                 // Moved into retention by its revision.
                                 note("s:moved", 1, cutoff - absl::Hours(1)),
                                 note("s:moved", 2, cutoff + absl::Hours(1)),
                                 old_page}})
          .ok());
  absl::StatusOr<Erasure> erased =
      store_->EraseOccurredBefore("survey_note", cutoff);
  ASSERT_TRUE(erased.ok()) << erased.status();
  EXPECT_THAT(erased->signals,
              testing::ElementsAre(SignalKey{"payments", "s:old"}));
  EXPECT_EQ(erased->revisions, 2);
  std::vector<std::string> left;
  for (const Revision& r : All(*store_)) {
    left.push_back(absl::StrCat(r.id, "#", r.revision));
  }
  EXPECT_THAT(left, testing::ElementsAre("pd:old#1", "s:moved#1", "s:moved#2",
                                         "s:new#1"));
}

TEST_P(StoreContractTest, AWaiterHearsOfACommit) {
  std::atomic<bool> heard = false;
  std::thread waiter([&] {
    const absl::Time give_up = absl::Now() + absl::Seconds(20);
    while (!heard && absl::Now() < give_up) {
      absl::StatusOr<bool> notice =
          store_->AwaitChangeNotice(absl::Milliseconds(50));
      EXPECT_TRUE(notice.ok()) << notice.status();
      if (notice.ok() && *notice) heard = true;
    }
  });
  // Until it is heard: a waiter may start listening after a commit.
  for (int i = 0; !heard && i < 400; ++i) {
    ASSERT_TRUE(store_
                    ->Write({.coverage = {{"payments", "pagerduty",
                                           absl::FromUnixSeconds(i + 1)}}})
                    .ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  waiter.join();
  EXPECT_TRUE(heard);
}

}  // namespace teamload::store

#endif  // TEAMLOAD_DAEMON_STORE_STORE_CONTRACT_H_
