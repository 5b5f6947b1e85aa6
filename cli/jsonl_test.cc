#include "cli/jsonl.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::cli {
namespace {

TEST(ParseIngestLineTest, ReadsASignalInTheProto3JsonMapping) {
  absl::StatusOr<IngestLine> line = ParseIngestLine(
      R"({"id":"pd:1","team":"payments","source":"pagerduty",)"
      R"("occurredAt":"2026-11-20T03:12:00Z","page":{"urgency":"URGENCY_HIGH","timeToAck":"90s"}})");
  ASSERT_TRUE(line.ok()) << line.status();
  const auto& signal = std::get<teamload::v1::Signal>(*line);
  EXPECT_EQ(signal.id(), "pd:1");
  EXPECT_EQ(signal.occurred_at().seconds(), 1'795'144'320);
  EXPECT_EQ(signal.page().urgency(), teamload::v1::URGENCY_HIGH);
  EXPECT_EQ(signal.page().time_to_ack().seconds(), 90);
}

TEST(ParseIngestLineTest, ReadsACoverageHeartbeat) {
  absl::StatusOr<IngestLine> line = ParseIngestLine(
      R"({"source":"jira","team":"search","coveredThrough":"2026-11-26T00:00:00Z"})");
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(std::get<teamload::v1::Coverage>(*line).source(), "jira");
}

TEST(ParseIngestLineTest, NamesTheProblemInABadLine) {
  absl::StatusOr<IngestLine> unknown =
      ParseIngestLine(R"({"id":"x","teem":"payments"})");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(unknown.status().message()),
              testing::HasSubstr("teem"));
  EXPECT_FALSE(ParseIngestLine("{not json").ok());
}

}  // namespace
}  // namespace teamload::cli
