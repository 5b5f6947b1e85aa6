#include "collectors/pagerduty/analytics.h"

#include "collectors/pagerduty/parser.h"
#include "collectors/pagerduty/test_inputs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::pagerduty {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// 2026-11-20T03:12:00Z
constexpr int64_t kCreated = 1'795'144'320;

// A POST /analytics/raw/incidents response, as PagerDuty documents it.
constexpr char kResponse[] = R"({
  "data": [
    {"id": "PA1", "incident_number": 41, "description": "checkout 5xx",
     "status": "resolved", "urgency": "high", "priority_name": null,
     "service_id": "PSEARCH", "service_name": "search-api",
     "team_id": "PTEAM01", "team_name": "Search",
     "escalation_policy_id": "PZZZ", "escalation_policy_name": "Search",
     "created_at": "2026-11-20T03:12:00",
     "resolved_at": "2026-11-20T04:00:00.000000",
     "seconds_to_first_ack": 180, "seconds_to_resolve": 2880,
     "business_hour_interruptions": 0, "off_hour_interruptions": 0,
     "sleep_hour_interruptions": 2, "major": false},
    {"id": "PA2", "description": "disk 80%", "status": "triggered",
     "urgency": "low", "service_id": "PPAY", "service_name": "ledger",
     "team_id": null, "escalation_policy_id": "PY82TC6",
     "created_at": "2026-11-21T10:00:00", "resolved_at": null,
     "seconds_to_first_ack": null},
    {"id": "PA3", "description": "no start", "resolved_at": null},
    {"id": "PA4", "created_at": "2026-11-21T10:00:00",
     "seconds_to_first_ack": "fast"}
  ],
  "first": "PA1", "last": "PA4", "limit": 4, "more": true,
  "order": "desc", "order_by": "created_at"
})";

TEST(PagerDutyAnalyticsTest, ReadsRawIncidentRowsFieldByField) {
  Parser parser;
  ParseResult result = parser.Parse(kResponse, "analytics.json");
  EXPECT_TRUE(result.more);
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(result.errors[0].where, "analytics.json: $.data[2].created_at");
  EXPECT_EQ(result.errors[0].reason, "is required");
  EXPECT_EQ(result.errors[1].where,
            "analytics.json: $.data[3].seconds_to_first_ack");
  EXPECT_EQ(result.errors[1].reason, "must be a whole number");
  ASSERT_EQ(result.incidents.size(), 2u);

  const Incident& resolved = result.incidents[0];
  EXPECT_EQ(resolved.id, "PA1");
  EXPECT_EQ(resolved.title, "checkout 5xx");
  EXPECT_EQ(resolved.status, "resolved");
  EXPECT_TRUE(resolved.high_urgency);
  EXPECT_EQ(resolved.service_id, "PSEARCH");
  EXPECT_EQ(resolved.service_name, "search-api");
  EXPECT_EQ(resolved.escalation_policy_id, "PZZZ");
  EXPECT_THAT(resolved.team_ids, ElementsAre("PTEAM01"));
  EXPECT_EQ(resolved.created_at, absl::FromUnixSeconds(kCreated));
  EXPECT_EQ(resolved.acknowledged_at, absl::FromUnixSeconds(kCreated + 180));
  EXPECT_EQ(resolved.last_event_at, absl::FromUnixSeconds(kCreated + 2880));

  const Incident& open = result.incidents[1];
  EXPECT_EQ(open.id, "PA2");
  EXPECT_FALSE(open.high_urgency);
  EXPECT_THAT(open.team_ids, IsEmpty());
  EXPECT_EQ(open.created_at, absl::FromUnixSeconds(1'795'255'200));
  EXPECT_EQ(open.acknowledged_at, absl::InfiniteFuture());
  EXPECT_EQ(open.last_event_at, open.created_at);

  std::string unmapped;
  std::optional<v1::Signal> signal = ToSignal(resolved, Mapping(), &unmapped);
  ASSERT_TRUE(signal.has_value()) << unmapped;
  EXPECT_EQ(signal->id(), "pagerduty:PA1");
  EXPECT_EQ(signal->team(), "search");
  EXPECT_EQ(signal->source(), "pagerduty");
  EXPECT_EQ(signal->occurred_at().seconds(), kCreated);
  EXPECT_EQ(signal->page().service(), "search-api");
  EXPECT_EQ(signal->page().urgency(), v1::URGENCY_HIGH);
  EXPECT_EQ(signal->page().title(), "checkout 5xx");
  EXPECT_EQ(signal->page().time_to_ack().seconds(), 180);

  signal = ToSignal(open, Mapping(), &unmapped);
  ASSERT_TRUE(signal.has_value()) << unmapped;
  EXPECT_EQ(signal->team(), "payments");  // by escalation policy
  EXPECT_EQ(signal->page().urgency(), v1::URGENCY_LOW);
  EXPECT_FALSE(signal->page().has_time_to_ack());
}

TEST(PagerDutyAnalyticsTest, ReadsZonelessTimesInTheResponsesZone) {
  Parser parser;  // UTC, but the response says New York (UTC-5 in November)
  ParseResult result = parser.Parse(
      R"({"data": [{"id": "PA1", "created_at": "2026-11-20T03:12:00"}],
          "time_zone": "America/New_York", "more": false})",
      "a.json");
  EXPECT_THAT(result.errors, IsEmpty());
  EXPECT_FALSE(result.more);
  ASSERT_EQ(result.incidents.size(), 1u);
  EXPECT_EQ(result.incidents[0].created_at,
            absl::FromUnixSeconds(kCreated + 5 * 3600));
}

TEST(PagerDutyAnalyticsTest, ReadsAPlainArrayOfRowsInTheConfiguredZone) {
  absl::TimeZone berlin;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &berlin));
  Parser parser(berlin);  // UTC+1 in November
  ParseResult result = parser.Parse(
      R"([{"id": "PA1", "created_at": "2026-11-20T03:12:00"},
          {"id": "PA2", "created_at": "20th of November"}])",
      "rows.json");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].where, "rows.json: $[1].created_at");
  ASSERT_EQ(result.incidents.size(), 1u);
  EXPECT_EQ(result.incidents[0].created_at,
            absl::FromUnixSeconds(kCreated - 3600));
}

TEST(PagerDutyAnalyticsTest, AnUnknownZoneIsReportedAndTheRowsStillRead) {
  Parser parser;
  ParseResult result = parser.Parse(
      R"({"data": [{"id": "PA1", "created_at": "2026-11-20T03:12:00"}],
          "time_zone": "Mars/Olympus"})",
      "a.json");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].where, "a.json: $.time_zone");
  EXPECT_EQ(result.errors[0].reason,
            "\"Mars/Olympus\" is not a known time zone; rows read in UTC");
  ASSERT_EQ(result.incidents.size(), 1u);
  EXPECT_EQ(result.incidents[0].created_at, absl::FromUnixSeconds(kCreated));
  EXPECT_EQ(parser.Parse(R"({"data": 3})", "b.json").errors[0].where,
            "b.json: $.data");
}

TEST(PagerDutyAnalyticsTest, ARowOfAnIncidentFromRestRevisesTheSameSignal) {
  Parser parser;
  ParseResult rest = parser.Parse(R"({"incidents":[
      {"id":"PA1","title":"checkout 5xx","created_at":"2026-11-20T03:12:00Z",
       "status":"acknowledged","urgency":"high",
       "service":{"id":"PSEARCH","summary":"search-api"},
       "escalation_policy":{"id":"PZZZ"},"teams":[{"id":"PTEAM01"}],
       "last_status_change_at":"2026-11-20T03:15:00Z",
       "acknowledgements":[{"at":"2026-11-20T03:15:00Z"}]}],"more":false})",
                                  "page.json");
  ParseResult rows = parser.Parse(kResponse, "analytics.json");
  ASSERT_THAT(rest.errors, IsEmpty());
  Incident merged = rest.incidents[0];
  merged.Merge(rows.incidents[0]);
  EXPECT_EQ(merged.status, "resolved");  // the row is newer
  std::string unmapped;
  const v1::Signal from_rest =
      *ToSignal(rest.incidents[0], Mapping(), &unmapped);
  const v1::Signal from_row =
      *ToSignal(rows.incidents[0], Mapping(), &unmapped);
  // One id, and the same page: teamloadd counts it once.
  EXPECT_EQ(from_row.id(), from_rest.id());
  EXPECT_EQ(from_row.SerializeAsString(), from_rest.SerializeAsString());
}

}  // namespace
}  // namespace teamload::collectors::pagerduty
