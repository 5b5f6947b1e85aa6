// What the ingest tests read off IngestService's answers, whether the service
// runs in process (daemon/api) or in a real teamloadd (tests/): each signal's
// outcome, the streaming call's promise to answer each request in order, and
// the limits on one request.
// Test-only: reports through gtest assertions. Stateless.
#ifndef TEAMLOAD_TESTS_SUPPORT_INGEST_H_
#define TEAMLOAD_TESTS_SUPPORT_INGEST_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::testing {

// Each signal's outcome, in the order of the request.
inline std::vector<v1::Outcome> Outcomes(const v1::IngestResponse& response) {
  std::vector<v1::Outcome> outcomes;
  for (const auto& r : response.results()) outcomes.push_back(r.outcome());
  return outcomes;
}

// Writes `requests` requests on one IngestStream, the i-th carrying
// `signal("stream:<i>")` twice, and expects one answer per request, in order:
// the first copy accepted, the second a duplicate.
inline void ExpectStreamAnswersEachRequestInOrder(
    v1::IngestService::Stub& ingest, int requests,
    const std::function<v1::Signal(const std::string& id)>& signal) {
  grpc::ClientContext context;
  auto stream = ingest.IngestStream(&context);
  for (int i = 0; i < requests; ++i) {
    v1::IngestRequest request;
    *request.add_signals() = signal(absl::StrCat("stream:", i));
    *request.add_signals() = signal(absl::StrCat("stream:", i));
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  v1::IngestResponse response;
  int received = 0;
  while (stream->Read(&response)) {
    EXPECT_EQ(response.results(0).id(), absl::StrCat("stream:", received));
    EXPECT_THAT(
        Outcomes(response),
        ::testing::ElementsAre(v1::OUTCOME_ACCEPTED, v1::OUTCOME_DUPLICATE));
    ++received;
  }
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(received, requests);
}

// Expects `ingest` to refuse a request of one signal more than `max_signals`
// (INVALID_ARGUMENT) and one of more than `max_bytes` (RESOURCE_EXHAUSTED),
// each naming its limit. `signal(id, title)` makes a signal with that title.
inline void ExpectRefusesRequestsOverTheLimits(
    v1::IngestService::Stub& ingest, int max_signals, int max_bytes,
    const std::function<v1::Signal(const std::string& id,
                                   const std::string& title)>& signal) {
  auto ingest_one = [&](const v1::IngestRequest& request) {
    grpc::ClientContext context;
    v1::IngestResponse response;
    return ingest.Ingest(&context, request, &response);
  };
  v1::IngestRequest too_many;
  for (int i = 0; i <= max_signals; ++i)
    *too_many.add_signals() = signal(absl::StrCat("n:", i), "db down");
  grpc::Status status = ingest_one(too_many);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(
      status.error_message(),
      ::testing::HasSubstr(absl::StrCat(
          "request has ", max_signals + 1,
          " signals and 0 coverage entries, over the limit of ", max_signals,
          " per request (limits.max_request_signals counts both)")));

  constexpr int kTitleBytes = 16 * 1024;
  v1::IngestRequest too_big;
  for (int i = 0; i <= max_bytes / kTitleBytes; ++i) {
    *too_big.add_signals() =
        signal(absl::StrCat("big:", i), std::string(kTitleBytes, 'x'));
  }
  status = ingest_one(too_big);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(),
              ::testing::HasSubstr(absl::StrCat(
                  "over the limit of ", max_bytes,
                  " bytes per request (limits.max_request_bytes)")));
}

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_INGEST_H_
