#include "collectors/opsgenie/alert.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "collectors/common/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::opsgenie {
namespace {

using ::testing::IsEmpty;

TEST(OpsgenieTest, ReadsTheRealCreateWebhookWithItsInt64Times) {
  const Alert a = testing::FixtureRecord<Parser>("opsgenie/zulip_create.json",
                                                 &ParseResult::alerts);
  EXPECT_EQ(a.id, "ec03dad6-62c8-4c94-b38b-d88f398e900f");
  EXPECT_EQ(a.message, "another alert");
  EXPECT_EQ(a.priority, 3);
  EXPECT_THAT(a.tags, ::testing::ElementsAre("vip"));
  EXPECT_EQ(a.integration, "Webhook");
  EXPECT_EQ(a.created_at, absl::FromUnixMillis(1'502'709'956'288));
  // updatedAt is nanoseconds past 2^53: read as int64, not a double.
  EXPECT_EQ(a.last_event_at, absl::FromUnixNanos(1'502'709'956'288'000'110));
  // Mapped by its tag; P3 is low urgency.
  EXPECT_THAT(testing::MappedSignal(a, testing::Mapping()),
              testing::EqualsTextProto(
                  R"(id: "opsgenie:ec03dad6-62c8-4c94-b38b-d88f398e900f"
                     team: "payments" source: "opsgenie"
                     occurred_at { seconds: 1502709956 nanos: 288000000 }
                     page { service: "Server" urgency: URGENCY_LOW
                            title: "another alert" })"));
}

TEST(OpsgenieTest, ReadsTheRealCloseWebhook) {
  const v1::Signal signal = testing::MappedSignal(
      testing::FixtureRecord<Parser>("opsgenie/zulip_close.json",
                                     &ParseResult::alerts),
      testing::Mapping());
  EXPECT_EQ(signal.team(), "payments");  // by its integration
  EXPECT_EQ(signal.occurred_at().seconds(), 1'420'452'191);
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
  const v1::Signal signal = testing::MappedSignal(merged, testing::Mapping());
  EXPECT_EQ(signal.team(), "search");
  EXPECT_EQ(signal.page().urgency(), v1::URGENCY_HIGH);
  EXPECT_EQ(signal.page().time_to_ack().seconds(), 150);
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
  EXPECT_THAT(
      result.errors,
      ::testing::ElementsAre(
          testing::ErrorAt("list.json: $.data[1].createdAt", "is required"),
          testing::ErrorAt(
              "list.json: $.data[2].createdAt",
              ::testing::HasSubstr("\"later\" is not a timestamp"))));
  std::string unmapped;
  Alert stranger = result.alerts[0];
  stranger.teams = {"nobody"};
  EXPECT_FALSE(ToSignal(stranger, testing::Mapping(), &unmapped).has_value());
  EXPECT_EQ(unmapped, "alert L1 (teams [nobody], tags [], integration \"\")");
}

}  // namespace
}  // namespace teamload::collectors::opsgenie
