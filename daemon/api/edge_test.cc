#include "daemon/api/edge.h"

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

TEST(EdgeTest, RefusesTooManySignalsNamingTheLimit) {
  Edge edge({.max_request_signals = 3, .max_request_bytes = 2048}, nullptr);
  grpc::Status status = edge.AdmitIngest(RequestWith(4, 1));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "request has 4 signals, over the limit of 3 per request "
            "(limits.max_request_signals); send smaller batches");
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
