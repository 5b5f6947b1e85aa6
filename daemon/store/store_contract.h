// The contract every Store implementation passes. store_contract_test.cc
// instantiates StoreContractTest once with a function per implementation
// that returns the URL of a new, empty store; a new store adds one value:
//
//   INSTANTIATE_TEST_SUITE_P(Stores, StoreContractTest,
//                            testing::Values(&NewSqliteUrl, &NewPostgresUrl));
#ifndef TEAMLOAD_DAEMON_STORE_STORE_CONTRACT_H_
#define TEAMLOAD_DAEMON_STORE_STORE_CONTRACT_H_

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
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

}  // namespace teamload::store

#endif  // TEAMLOAD_DAEMON_STORE_STORE_CONTRACT_H_
