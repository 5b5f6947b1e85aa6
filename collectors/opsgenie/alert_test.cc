#include "collectors/opsgenie/alert.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "collectors/common/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::opsgenie {
namespace {

using ::testing::IsEmpty;

TeamMapping Mapping() {
  return testing::PaymentsAndSearch(
      "opsgenie", "{tags: [vip], integrations: [Integration1]}",
      "{teams: [search-oncall]}");
}

TEST(OpsgenieTest, ReadsTheRealCreateWebhookWithItsInt64Times) {
  Parser parser;
  ParseResult result = parser.Parse(
      testing::Fixture("opsgenie/zulip_create.json"), "create.json");
  EXPECT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.alerts.size(), 1u);
  const Alert& a = result.alerts[0];
  EXPECT_EQ(a.id, "ec03dad6-62c8-4c94-b38b-d88f398e900f");
  EXPECT_EQ(a.message, "another alert");
  EXPECT_EQ(a.priority, 3);
  EXPECT_THAT(a.tags, ::testing::ElementsAre("vip"));
  EXPECT_EQ(a.integration, "Webhook");
  EXPECT_EQ(a.created_at, absl::FromUnixMillis(1'502'709'956'288));
  // updatedAt is nanoseconds past 2^53: read as int64, not a double.
  EXPECT_EQ(a.last_event_at, absl::FromUnixNanos(1'502'709'956'288'000'110));

  std::string unmapped;
  std::optional<v1::Signal> signal = ToSignal(a, Mapping(), &unmapped);
  ASSERT_TRUE(signal.has_value()) << unmapped;
  EXPECT_EQ(signal->id(), "opsgenie:ec03dad6-62c8-4c94-b38b-d88f398e900f");
  EXPECT_EQ(signal->team(), "payments");  // by its tag
  EXPECT_EQ(signal->occurred_at().seconds(), 1'502'709'956);
  EXPECT_EQ(signal->occurred_at().nanos(), 288'000'000);
  EXPECT_EQ(signal->page().urgency(), v1::URGENCY_LOW);  // P3
  EXPECT_EQ(signal->page().title(), "another alert");
  EXPECT_EQ(signal->page().service(), "Server");
}

TEST(OpsgenieTest, ReadsTheRealCloseWebhook) {
  Parser parser;
  ParseResult result =
      parser.Parse(testing::Fixture("opsgenie/zulip_close.json"), "close.json");
  EXPECT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.alerts.size(), 1u);
  std::string unmapped;
  std::optional<v1::Signal> signal =
      ToSignal(result.alerts[0], Mapping(), &unmapped);
  ASSERT_TRUE(signal.has_value()) << unmapped;
  EXPECT_EQ(signal->team(), "payments");  // by its integration
  EXPECT_EQ(signal->occurred_at().seconds(), 1'420'452'191);
}

// The one alert of a webhook about alert A1, a P1 of search-oncall created
// at 2026-11-20T03:00:00Z, saying `action` at `updated_at_ns`.
Alert WebhookAlert(Parser& parser, absl::string_view action,
                   int64_t updated_at_ns) {
  ParseResult result = parser.Parse(
      absl::StrCat(R"({"action":")", action,
                   R"(","alert":{"alertId":"A1","message":"db down",)"
                   R"("teams":["search-oncall"],"priority":"P1",)"
                   R"("createdAt":1795143600000,"updatedAt":)",
                   updated_at_ns, "}}"),
      absl::StrCat(action, ".json"));
  EXPECT_THAT(result.errors, IsEmpty());
  return result.alerts.empty() ? Alert{} : result.alerts[0];
}

TEST(OpsgenieTest, AcknowledgeGivesTimeToAckAndP1IsHighUrgency) {
  Parser parser;
  Alert merged = WebhookAlert(parser, "Create", 1'795'143'600'000'000'000);
  merged.Merge(WebhookAlert(parser, "Acknowledge", 1'795'143'750'000'000'000));
  std::string unmapped;
  std::optional<v1::Signal> signal = ToSignal(merged, Mapping(), &unmapped);
  ASSERT_TRUE(signal.has_value());
  EXPECT_EQ(signal->team(), "search");
  EXPECT_EQ(signal->page().urgency(), v1::URGENCY_HIGH);
  EXPECT_EQ(signal->page().time_to_ack().seconds(), 150);
}

TEST(OpsgenieTest, ReadsAnAlertListAndNamesBadRecords) {
  Parser parser;
  ParseResult result = parser.Parse(
      R"({"data":[{"id":"L1","message":"x","createdAt":"2026-11-20T03:00:00Z","priority":"P2",)"
      R"("teams":[{"id":"search-oncall"}],"report":{"ackTime":60000}},)"
      R"({"id":"L2","message":"no time"},{"id":"L3","createdAt":"later"}]})",
      "list.json");
  ASSERT_EQ(result.alerts.size(), 1u);
  EXPECT_EQ(result.alerts[0].acknowledged_at - result.alerts[0].created_at,
            absl::Seconds(60));
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(result.errors[0].where, "list.json: $.data[1].createdAt");
  EXPECT_EQ(result.errors[0].reason, "is required");
  EXPECT_EQ(result.errors[1].where, "list.json: $.data[2].createdAt");
  EXPECT_THAT(result.errors[1].reason,
              ::testing::HasSubstr("\"later\" is not a timestamp"));
  std::string unmapped;
  Alert stranger = result.alerts[0];
  stranger.teams = {"nobody"};
  EXPECT_FALSE(ToSignal(stranger, Mapping(), &unmapped).has_value());
  EXPECT_EQ(unmapped, "alert L1 (teams [nobody], tags [], integration \"\")");
}

}  // namespace
}  // namespace teamload::collectors::opsgenie
