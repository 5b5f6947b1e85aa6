#include "daemon/api/edge.h"

#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::api {
namespace {

teamload::v1::IngestRequest RequestWith(int signals, int title_bytes) {
  teamload::v1::IngestRequest request;
  for (int i = 0; i < signals; ++i) {
    request.add_signals()->mutable_page()->set_title(
        std::string(title_bytes, 'x'));
  }
  return request;
}

TEST(EdgeTest, AdmitsRequestsAtTheLimits) {
  Edge edge({.max_request_signals = 3, .max_request_bytes = 2048}, nullptr);
  EXPECT_TRUE(edge.AdmitIngest(RequestWith(3, 10)).ok());
  EXPECT_TRUE(edge.AdmitIngest(RequestWith(1, 2030)).ok());
}

// Signals and coverage entries count together toward one limit.
TEST(EdgeTest, RefusesTooManyEntriesNamingBothKinds) {
  Edge edge({.max_request_signals = 3, .max_request_bytes = 2048}, nullptr);
  for (const auto& [signals, coverage] :
       std::vector<std::pair<int, int>>{{4, 0}, {2, 2}, {0, 4}}) {
    teamload::v1::IngestRequest request = RequestWith(signals, 1);
    for (int i = 0; i < coverage; ++i) {
      request.add_coverage()->set_team("payments");
    }
    grpc::Status status = edge.AdmitIngest(request);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(status.error_message(),
              absl::StrFormat("request has %d signals and %d coverage "
                              "entries, over the limit of 3 per request "
                              "(limits.max_request_signals counts both); "
                              "send smaller batches",
                              signals, coverage));
    if (coverage > 0) {  // one entry fewer is at the limit
      request.mutable_coverage()->RemoveLast();
      EXPECT_TRUE(edge.AdmitIngest(request).ok());
    }
  }
}

TEST(InflightLimitTest, HoldsUpToItsLimitAndGivesBackWhatWasHeld) {
  InflightLimit limit(10, "bytes of ingest requests in flight",
                      "limits.max_inflight_bytes");
  InflightLimit::Hold first;
  ASSERT_TRUE(limit.Take(6, first).ok());
  {
    InflightLimit::Hold second;
    ASSERT_TRUE(limit.Take(4, second).ok());
    EXPECT_EQ(limit.held(), 10);
    InflightLimit::Hold third;
    absl::Status refused = limit.Take(1, third);
    EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
    EXPECT_EQ(refused.message(),
              "the daemon is at its limit of 10 bytes of ingest requests in "
              "flight (limits.max_inflight_bytes); retry after a pause");
  }
  EXPECT_EQ(limit.held(), 6);
  InflightLimit::Hold moved = std::move(first);
  EXPECT_EQ(limit.held(), 6);
  moved = InflightLimit::Hold();
  EXPECT_EQ(limit.held(), 0);
}

TEST(InflightLimitTest, RefusesOneAmountLargerThanTheLimitEvenWhenEmpty) {
  InflightLimit limit(10, "bytes", "limits.max_inflight_bytes");
  InflightLimit::Hold hold;
  EXPECT_EQ(limit.Take(11, hold).code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(limit.held(), 0);
}

TEST(EdgeTest, RefusesIngestCallsPastTheLimitMarkedWorthRetrying) {
  Edge edge({.max_ingest_calls = 2}, nullptr);
  grpc::ServerContext context;
  InflightLimit::Hold first, second, third;
  ASSERT_TRUE(edge.EnterIngestCall(context, first).ok());
  ASSERT_TRUE(edge.EnterIngestCall(context, second).ok());
  grpc::Status refused = edge.EnterIngestCall(context, third);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(refused.error_message(),
            "the daemon is at its limit of 2 ingest calls open at once "
            "(limits.max_ingest_calls); retry after a pause");
  first = InflightLimit::Hold();
  EXPECT_TRUE(edge.EnterIngestCall(context, third).ok());
}

TEST(EdgeTest, RefusesBytesPastTheInflightLimitNamingIt) {
  Edge edge({.max_inflight_bytes = 100}, nullptr);
  grpc::ServerContext context;
  InflightLimit::Hold first, second;
  ASSERT_TRUE(edge.HoldIngestBytes(60, context, first).ok());
  grpc::Status refused = edge.HoldIngestBytes(41, context, second);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(refused.error_message(),
            "the daemon is at its limit of 100 bytes of ingest requests in "
            "flight (limits.max_inflight_bytes); retry after a pause");
  EXPECT_TRUE(edge.HoldIngestBytes(40, context, second).ok());
}

TEST(EdgeTest, RefusesTooManyBytesNamingTheLimit) {
  Edge edge({.max_request_signals = 3, .max_request_bytes = 2048}, nullptr);
  grpc::Status status = edge.AdmitIngest(RequestWith(1, 2048));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(),
              testing::MatchesRegex(
                  "request is 20[0-9][0-9] bytes, over the limit of 2048 "
                  "bytes per request \\(limits.max_request_bytes\\).*"));
}

TEST(EdgeTest, MapsAbslCodesOneToOne) {
  grpc::Status status =
      ToGrpcStatus(absl::NotFoundError("no team named \"x\""));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "no team named \"x\"");
}

}  // namespace
}  // namespace teamload::api
