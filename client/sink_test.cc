// The dry-run sink here; the daemon sink against a real teamloadd in
// tests/ingest_client_e2e_test.cc and through teamloadctl and the
// collectors in the other end-to-end tests.
#include "client/sink.h"

#include <cstdio>
#include <string>

#include "client/signal_builders.h"
#include "gtest/gtest.h"

namespace teamload::client {
namespace {

std::string Contents(std::FILE* file) {
  std::rewind(file);
  std::string text;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    text.append(buffer, n);
  }
  return text;
}

TEST(DryRunSinkTest, PrintsOneJsonLinePerItemThatIngestReadsBack) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  std::unique_ptr<Sink> sink = DryRunSink(out);
  teamload::v1::Signal page =
      NewSignal("pagerduty", "P1", "payments", absl::FromUnixSeconds(60));
  page.mutable_page()->set_service("checkout");
  teamload::v1::Coverage coverage;
  coverage.set_team("payments");
  coverage.set_source("pagerduty");
  coverage.mutable_covered_through()->set_seconds(120);

  ASSERT_TRUE(sink->Add(page).ok());
  ASSERT_TRUE(sink->Add(coverage, 7).ok());
  ASSERT_TRUE(sink->Flush().ok());

  EXPECT_EQ(Contents(out),
            "{\"id\":\"pagerduty:P1\",\"team\":\"payments\","
            "\"source\":\"pagerduty\",\"occurredAt\":\"1970-01-01T00:01:00Z\","
            "\"page\":{\"service\":\"checkout\"}}\n"
            "{\"source\":\"pagerduty\",\"team\":\"payments\","
            "\"coveredThrough\":\"1970-01-01T00:02:00Z\"}\n");
  EXPECT_EQ(sink->totals().printed, 2);
  EXPECT_EQ(sink->totals().rejected(), 0);
  EXPECT_EQ(sink->Summary(), "printed 2 lines");
  std::fclose(out);
}

TEST(IngestTotalsTest, CountsEveryOutcome) {
  teamload::v1::IngestResponse response;
  for (auto outcome :
       {teamload::v1::OUTCOME_ACCEPTED, teamload::v1::OUTCOME_ACCEPTED,
        teamload::v1::OUTCOME_DUPLICATE, teamload::v1::OUTCOME_REVISED,
        teamload::v1::OUTCOME_REJECTED}) {
    response.add_results()->set_outcome(outcome);
  }
  IngestTotals totals;
  totals.Add(response);
  EXPECT_EQ(totals.ToString(),
            "2 accepted, 1 duplicate, 1 revised, 1 rejected");
  EXPECT_EQ(totals.total(), 5);
}

}  // namespace
}  // namespace teamload::client
