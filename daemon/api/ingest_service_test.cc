// IngestService in process (api/testing.h): what a collector is told about
// each signal and heartbeat, and what the Edge refuses.
#include "daemon/api/ingest_service.h"

#include "absl/strings/str_cat.h"
#include "daemon/api/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/ingest.h"

namespace teamload::api {
namespace {

using teamload::testing::Outcomes;
using teamload::v1::IngestRequest;
using teamload::v1::IngestResponse;
using ::testing::ElementsAre;
using testing::kNow;
using testing::Page;

constexpr char kConfig[] = R"yaml(
limits:
  max_request_signals: 10
  max_request_bytes: 65536
teams:
  - name: payments
    timezone: Europe/Berlin
  - name: search
)yaml";

class IngestServiceTest : public testing::ServiceTest {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(Start(kConfig)); }

  int64_t Signals(const std::string& team, const std::string& kind) {
    grpc::ClientContext context;
    v1::GetTeamRequest request;
    request.set_name(team);
    v1::Team answer;
    EXPECT_TRUE(teams_->GetTeam(&context, request, &answer).ok());
    return answer.signal_counts().at(kind);
  }
  int64_t Pages(const std::string& team) { return Signals(team, "page"); }

  const absl::Time kAt = kNow - absl::Hours(30);
};

TEST_F(IngestServiceTest, AcceptsThenDeduplicatesThenRevisesOrRejects) {
  IngestRequest request;
  *request.add_signals() = Page("pd:1", kAt);
  EXPECT_THAT(Outcomes(IngestOk(request)), ElementsAre(v1::OUTCOME_ACCEPTED));
  EXPECT_THAT(Outcomes(IngestOk(request)), ElementsAre(v1::OUTCOME_DUPLICATE));
  *request.mutable_signals(0) = Page("pd:1", kAt, "db down (resolved)");
  EXPECT_THAT(Outcomes(IngestOk(request)), ElementsAre(v1::OUTCOME_REVISED));
  request.mutable_signals(0)->set_team("billing");
  const IngestResponse rejected = IngestOk(request);
  EXPECT_THAT(Outcomes(rejected), ElementsAre(v1::OUTCOME_REJECTED));
  EXPECT_EQ(rejected.results(0).id(), "pd:1");
  EXPECT_EQ(rejected.results(0).error(),
            "team: unknown team \"billing\" (not in teamloadd's config)");
  EXPECT_EQ(Pages("payments"), 1);
}

TEST_F(IngestServiceTest, RejectsBadSignalsOneByOneKeepingTheGoodOnes) {
  IngestRequest request;
  *request.add_signals() = Page("pd:good-1", kAt);
  *request.add_signals() = Page(std::string(300, 'x'), kAt);
  v1::Signal no_time = Page("pd:no-time", kAt);
  no_time.clear_occurred_at();
  *request.add_signals() = no_time;
  *request.add_signals() = Page("pd:future", kNow + absl::Hours(25));
  *request.add_signals() = Page("pd:good-2", kAt, "other", "search");
  *request.add_coverage() = testing::Coverage("payments", "pagerduty", kNow);

  const IngestResponse response = IngestOk(request);
  EXPECT_THAT(Outcomes(response),
              ElementsAre(v1::OUTCOME_ACCEPTED, v1::OUTCOME_REJECTED,
                          v1::OUTCOME_REJECTED, v1::OUTCOME_REJECTED,
                          v1::OUTCOME_ACCEPTED));
  EXPECT_EQ(response.results(1).error(),
            "id: is 300 bytes, over the limit of 256");
  EXPECT_EQ(response.results(2).error(), "occurred_at: is required");
  // "now" is the daemon's clock, not the machine's.
  EXPECT_EQ(response.results(3).error(),
            "occurred_at: 2026-11-27T12:00:00Z is more than a day in the "
            "future (now 2026-11-26T11:00:00Z)");
  ASSERT_EQ(response.coverage_results_size(), 1);
  EXPECT_EQ(response.coverage_results(0).outcome(), v1::OUTCOME_ACCEPTED);
  EXPECT_EQ(Pages("payments"), 1);
  EXPECT_EQ(Pages("search"), 1);
}

TEST_F(IngestServiceTest, TheEdgeRefusesRequestsOverTheLimitsNamingThem) {
  teamload::testing::ExpectRefusesRequestsOverTheLimits(
      *ingest_, 10, 65536,
      [&](const std::string& id, const std::string& title) {
        return Page(id, kAt, title);
      });
  EXPECT_EQ(Pages("payments"), 0);
}

TEST_F(IngestServiceTest, TheStreamAnswersEachRequestInOrder) {
  teamload::testing::ExpectStreamAnswersEachRequestInOrder(
      *ingest_, 3, [&](const std::string& id) { return Page(id, kAt); });
}

// A stream's requests overlap in the daemon, but each revision of one id is
// still decided in the order the requests were sent: every later title is a
// revision of the one before, never an old one coming back.
TEST_F(IngestServiceTest, TheStreamDecidesRevisionsInTheOrderSent) {
  constexpr int kRequests = 40;
  grpc::ClientContext context;
  auto stream = ingest_->IngestStream(&context);
  for (int i = 0; i < kRequests; ++i) {
    IngestRequest request;
    *request.add_signals() = Page("pd:1", kAt, absl::StrCat("update ", i));
    // Each revision changes the signal's kind; the last makes it an oops.
    if (i % 2 == 1)
      request.mutable_signals(0)->mutable_oops()->set_title(
          absl::StrCat("oops ", i));
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  std::vector<v1::Outcome> outcomes;
  IngestResponse response;
  while (stream->Read(&response)) {
    outcomes.push_back(response.results(0).outcome());
  }
  ASSERT_TRUE(stream->Finish().ok());
  std::vector<v1::Outcome> expected(kRequests, v1::OUTCOME_REVISED);
  expected[0] = v1::OUTCOME_ACCEPTED;
  EXPECT_EQ(outcomes, expected);
  // The last one sent is the current revision.
  EXPECT_EQ(Signals("payments", "oops"), 1);
  EXPECT_EQ(Pages("payments"), 0);
}

}  // namespace
}  // namespace teamload::api
