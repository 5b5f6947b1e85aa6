// SendHistory: a synthetic team's history (collectors/synthetic) sent to a
// running teamloadd in one Ingest call, as the end-to-end tests of
// narratives and reports fill the daemon before reading it back. A fatal
// test failure when the call fails. Header-only: tests that use it link
// teamload::synthetic and the gRPC stubs.
#ifndef TEAMLOAD_TESTS_SUPPORT_SEND_HISTORY_H_
#define TEAMLOAD_TESTS_SUPPORT_SEND_HISTORY_H_

#include "collectors/synthetic/generator.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"

namespace teamload::testing {

inline void SendHistory(v1::IngestService::Stub& ingest,
                        const synthetic::History& history) {
  v1::IngestRequest request;
  for (const auto& s : history.signals) *request.add_signals() = s;
  for (const auto& c : history.coverage) *request.add_coverage() = c;
  grpc::ClientContext context;
  v1::IngestResponse response;
  ASSERT_TRUE(ingest.Ingest(&context, request, &response).ok());
}

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_SEND_HISTORY_H_
