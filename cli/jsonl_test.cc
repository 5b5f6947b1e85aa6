#include "cli/jsonl.h"

#include <string>
#include <type_traits>
#include <variant>

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

// The fast path must fill the message exactly as JsonStringToMessage does,
// and leave to it every line it cannot read the same way.
TEST(ParseIngestLineTest, FastPathAgreesWithJsonStringToMessage) {
  const char* const lines[] = {
      R"({"id":"pd:1","team":"payments","source":"pagerduty","occurredAt":"2026-11-20T03:12:00Z","page":{"service":"api","urgency":"URGENCY_HIGH","title":"db \"down\" \u00e9","timeToAck":"90s"}})",
      R"({"id":"pd:2","team":"payments","occurred_at":"2026-11-20T03:12:00.5+01:30","page":{"time_to_ack":"1.25s","urgency":"URGENCY_LOW"}})",
      R"({"id":"pd:3","team":"payments","occurredAt":"2024-02-29T23:59:59.123456789-08:00","page":{}})",
      R"({"id":"o:1","team":"t","source":"oops","occurredAt":"2026-01-01T00:00:00Z","oops":{"title":"x","summary":"y","writtenUpAt":"2026-01-02T00:00:00Z","writeupUrl":"https://x"}})",
      R"({"id":"d:1","team":"t","occurredAt":"2026-01-01T00:00:00Z","deferral":{"item":"J-1","title":"t","timesDeferred":3,"resolved":true,"resolvedAt":"2026-03-01T00:00:00Z"}})",
      R"({"id":"s:1","team":"t","occurredAt":"2026-01-01T00:00:00Z","survey_note":{"survey":"q1","respondent":"h","question":"q","text":"ok","score":4}})",
      R"({"source":"jira","team":"search","coveredThrough":"2026-11-26T00:00:00Z"})",
      // Shapes left to JsonStringToMessage: numbers for enums and strings
      // for integers, nulls, repeated and unknown fields, leap seconds,
      // impossible dates, negative durations, two kinds, not JSON.
      R"({"id":"pd:4","team":"t","page":{"urgency":2}})",
      R"({"id":"d:2","team":"t","deferral":{"timesDeferred":"3"}})",
      R"({"id":"pd:5","team":null,"page":{}})",
      R"({"id":"pd:6","id":"pd:7","page":{}})",
      R"({"id":"pd:8","teem":"t"})",
      R"({"id":"pd:9","occurredAt":"2026-12-31T23:59:60Z"})",
      R"({"id":"pd:10","occurredAt":"2026-02-30T00:00:00Z"})",
      R"({"id":"pd:11","occurredAt":"2026-02-03t00:00:00z"})",
      R"({"id":"pd:12","page":{"timeToAck":"-5s"}})",
      R"({"id":"pd:13","page":{},"oops":{}})",
      R"({"id":"pd:14","page":{"urgency":"URGENCY_LOUD"}})",
      R"({"id":"pd:15"} trailing)",
      R"(["pd:16"])",
      "{not json",
  };
  for (const char* line : lines) {
    SCOPED_TRACE(line);
    absl::StatusOr<IngestLine> fast = ParseIngestLine(line);
    absl::StatusOr<IngestLine> slow = ParseIngestLineSlowly(line);
    ASSERT_EQ(fast.status(), slow.status());
    if (!fast.ok()) continue;
    ASSERT_EQ(fast->index(), slow->index());
    std::visit(
        [&](const auto& message) {
          using Message = std::decay_t<decltype(message)>;
          EXPECT_EQ(message.SerializeAsString(),
                    std::get<Message>(*slow).SerializeAsString());
        },
        *fast);
  }
}

}  // namespace
}  // namespace teamload::cli
