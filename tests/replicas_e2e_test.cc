// Several teamloadd on one PostgreSQL: a write to one is read from the
// other, an erasure on one is erased on the other, and the same ids sent to
// both at once are stored once, every request answered.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "daemon/store/testing.h"
#include "daemon/store/testing_postgres.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "teamload/v1/admin.grpc.pb.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/narrative.grpc.pb.h"
#include "teamload/v1/team.grpc.pb.h"
#include "tests/support/ingest.h"
#include "tests/support/postgres_daemon.h"
#include "tests/support/process.h"

namespace teamload::testing {
namespace {

using ::teamload::store::testing::PostgresCluster;

constexpr char kTeams[] = R"yaml(teams:
  - name: payments
    timezone: Europe/Berlin
    oncall_size: 5
    expected_sources: [pagerduty]
  - name: search
)yaml";

// 2026-11-20T03:12:00Z: the narratives are told as of a day later.
const absl::Time kOccurred = absl::FromUnixSeconds(1'795'144'320);

v1::Signal Page(const std::string& id, absl::Time at = kOccurred) {
  v1::Signal signal;
  signal.set_id(id);
  signal.set_team("payments");
  signal.set_source("pagerduty");
  signal.mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(at));
  signal.mutable_page()->set_title("db down");
  signal.mutable_page()->set_urgency(v1::URGENCY_HIGH);
  return signal;
}

// One teamloadd of several on the database, and its clients.
struct Replica : PostgresDaemon {
  explicit Replica(const std::string& url) : PostgresDaemon(url, kTeams) {}
  int64_t Pages() { return PostgresDaemon::Pages("payments"); }
  std::string Narrative(absl::Time as_of) {
    return PostgresDaemon::Narrative("payments", as_of);
  }
};

// How long `replica` takes to hold `pages` pages; InfiniteDuration after
// 10 s without.
absl::Duration TimeToConverge(Replica& replica, int64_t pages) {
  const absl::Time start = absl::Now();
  while (absl::Now() - start < absl::Seconds(10)) {
    if (replica.Pages() == pages) return absl::Now() - start;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return absl::InfiniteDuration();
}

class ReplicasTest : public ::testing::Test {
 protected:
  ReplicasTest()
      : url_(store::testing::NewPostgresUrl()), first_(url_), second_(url_) {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(first_.Start());
    ASSERT_NO_FATAL_FAILURE(second_.Start());
  }
  std::vector<std::string> Stored(const std::string& sql) {
    absl::StatusOr<std::vector<std::vector<std::string>>> rows =
        PostgresCluster::Shared().Query(url_.substr(url_.rfind('/') + 1), sql);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() && !rows->empty() ? rows->front()
                                       : std::vector<std::string>{};
  }

  std::string url_;
  Replica first_;
  Replica second_;
};

TEST_F(ReplicasTest, AWriteToOneIsReadFromTheOther) {
  v1::IngestRequest request;
  for (int i = 0; i < 12; ++i) {
    *request.add_signals() =
        Page(absl::StrCat("pd:", i), kOccurred - absl::Hours(6 * i));
  }
  v1::Coverage* coverage = request.add_coverage();
  coverage->set_team("payments");
  coverage->set_source("pagerduty");
  coverage->mutable_covered_through()->set_seconds(
      absl::ToUnixSeconds(kOccurred + absl::Hours(1)));
  v1::IngestResponse response;
  ASSERT_TRUE(first_.Ingest(request, &response).ok());
  // Woken by the commit's notice; the product promises 2 s, and a loaded
  // test machine gets a little more.
  const absl::Duration took = TimeToConverge(second_, 12);
  EXPECT_LT(took, absl::Seconds(5));
  std::cerr << "the second replica converged in " << took << "\n";
  const absl::Time as_of = kOccurred + absl::Hours(24);
  const std::string told_by_first = first_.Narrative(as_of);
  EXPECT_THAT(told_by_first, ::testing::HasSubstr("pages"));
  EXPECT_EQ(second_.Narrative(as_of), told_by_first);

  // And back: a revision written to the second reaches the first.
  v1::IngestRequest revision;
  *revision.add_signals() = Page("pd:0", kOccurred + absl::Minutes(1));
  ASSERT_TRUE(second_.Ingest(revision, &response).ok());
  EXPECT_THAT(Outcomes(response), ::testing::ElementsAre(v1::OUTCOME_REVISED));
  EXPECT_LT(TimeToConverge(first_, 12), absl::Seconds(5));
  EXPECT_EQ(Stored("SELECT count(*) FROM signal_revisions"),
            std::vector<std::string>{"13"});
}

// An erasure is a change like a write: the other replica follows it, stops
// telling what was erased, and takes the id sent again as a new signal.
TEST_F(ReplicasTest, AnErasureOnOneIsErasedOnTheOther) {
  v1::IngestRequest request;
  for (int i = 0; i < 3; ++i)
    *request.add_signals() = Page(absl::StrCat("pd:", i));
  v1::IngestResponse response;
  ASSERT_TRUE(first_.Ingest(request, &response).ok());
  ASSERT_LT(TimeToConverge(second_, 3), absl::Seconds(5));

  auto admin = v1::AdminService::NewStub(grpc::CreateChannel(
      first_.daemon().address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  v1::EraseRequest erase;
  erase.set_signal_id("pd:1");
  v1::EraseResponse erased;
  ASSERT_TRUE(admin->Erase(&context, erase, &erased).ok());
  EXPECT_EQ(erased.signals(), 1);
  EXPECT_EQ(first_.Pages(), 2);
  EXPECT_LT(TimeToConverge(second_, 2), absl::Seconds(5));
  EXPECT_EQ(Stored("SELECT count(*) FROM signal_revisions WHERE id = 'pd:1'"),
            std::vector<std::string>{"0"});

  v1::IngestRequest again;
  *again.add_signals() = Page("pd:1");
  ASSERT_TRUE(second_.Ingest(again, &response).ok());
  EXPECT_THAT(Outcomes(response), ::testing::ElementsAre(v1::OUTCOME_ACCEPTED));
  EXPECT_LT(TimeToConverge(first_, 3), absl::Seconds(5));
}

// Sends ids pd:0 to pd:199, 20 a request, to both replicas at once, titled
// titles[r] when sent to replicas[r]; returns every outcome not in
// `expected`, and every failed call.
std::vector<std::string> SendToBothAtOnce(
    Replica* replicas[2], const std::string titles[2],
    const std::vector<v1::Outcome>& expected) {
  constexpr int kIds = 200;
  constexpr int kPerRequest = 20;
  std::vector<std::string> failures[2];
  std::vector<std::thread> senders;
  for (int r = 0; r < 2; ++r) {
    senders.emplace_back([&, r] {
      int answered = 0;
      for (int start = 0; start < kIds; start += kPerRequest) {
        v1::IngestRequest request;
        for (int i = start; i < start + kPerRequest; ++i) {
          *request.add_signals() = Page(absl::StrCat("pd:", i));
          request.mutable_signals(i - start)->mutable_page()->set_title(
              titles[r]);
        }
        v1::IngestResponse response;
        const grpc::Status status = replicas[r]->Ingest(request, &response);
        if (!status.ok()) {
          failures[r].push_back(status.error_message());
          continue;
        }
        for (const auto& result : response.results()) {
          ++answered;
          if (std::find(expected.begin(), expected.end(), result.outcome()) ==
              expected.end()) {
            failures[r].push_back(absl::StrCat(
                result.id(), ": ", v1::Outcome_Name(result.outcome()), " ",
                result.error()));
          }
        }
      }
      if (answered != kIds) {
        failures[r].push_back(absl::StrCat(answered, " answers"));
      }
    });
  }
  for (std::thread& sender : senders) sender.join();
  failures[0].insert(failures[0].end(), failures[1].begin(), failures[1].end());
  return failures[0];
}

TEST_F(ReplicasTest, TheSameIdsSentToBothAtOnceAreStoredOnce) {
  Replica* both[2] = {&first_, &second_};
  const std::string same[2] = {"db down", "db down"};
  EXPECT_THAT(SendToBothAtOnce(both, same,
                               {v1::OUTCOME_ACCEPTED, v1::OUTCOME_DUPLICATE}),
              ::testing::IsEmpty());
  EXPECT_EQ(Stored("SELECT count(*), count(DISTINCT id) FROM signal_revisions"),
            (std::vector<std::string>{"200", "200"}));
  EXPECT_LT(TimeToConverge(first_, 200), absl::Seconds(5));
  EXPECT_LT(TimeToConverge(second_, 200), absl::Seconds(5));

  // New content from each at once: the database settles each id's race,
  // the loser's revision comes after the winner's, and no call fails.
  const std::string differing[2] = {"db down (first)", "db down (second)"};
  EXPECT_THAT(SendToBothAtOnce(both, differing, {v1::OUTCOME_REVISED}),
              ::testing::IsEmpty());
  EXPECT_EQ(Stored("SELECT count(*), count(DISTINCT (id, revision)), "
                   "max(revision) FROM signal_revisions"),
            (std::vector<std::string>{"600", "600", "3"}));
  EXPECT_LT(TimeToConverge(first_, 200), absl::Seconds(5));
  EXPECT_LT(TimeToConverge(second_, 200), absl::Seconds(5));
}

}  // namespace
}  // namespace teamload::testing
