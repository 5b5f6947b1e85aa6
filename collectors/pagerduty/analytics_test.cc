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
  EXPECT_THAT(
      result.errors,
      ElementsAre(
          testing::ErrorAt("analytics.json: $.data[2].created_at",
                           "is required"),
          testing::ErrorAt("analytics.json: $.data[3].seconds_to_first_ack",
                           "must be a whole number")));
  ASSERT_EQ(result.incidents.size(), 2u);

  const Incident& resolved = result.incidents[0];
  EXPECT_EQ(Describe(resolved),
            "PA1 resolved high \"checkout 5xx\" service PSEARCH (search-api), "
            "policy PZZZ, teams [PTEAM01]");
  EXPECT_EQ(resolved.created_at, absl::FromUnixSeconds(kCreated));
  EXPECT_EQ(resolved.acknowledged_at, absl::FromUnixSeconds(kCreated + 180));
  EXPECT_EQ(resolved.last_event_at, absl::FromUnixSeconds(kCreated + 2880));

  const Incident& open = result.incidents[1];
  EXPECT_EQ(Describe(open),
            "PA2 triggered low \"disk 80%\" service PPAY (ledger), policy "
            "PY82TC6, teams []");
  EXPECT_EQ(open.created_at, absl::FromUnixSeconds(1'795'255'200));
  EXPECT_EQ(open.acknowledged_at, absl::InfiniteFuture());
  EXPECT_EQ(open.last_event_at, open.created_at);

  EXPECT_THAT(testing::MappedSignal(resolved, testing::Mapping()),
              testing::EqualsTextProto(
                  R"(id: "pagerduty:PA1" team: "search" source: "pagerduty"
                     occurred_at { seconds: 1795144320 }
                     page { service: "search-api" urgency: URGENCY_HIGH
                            title: "checkout 5xx"
                            time_to_ack { seconds: 180 } })"));
  // By escalation policy; not acknowledged.
  EXPECT_THAT(testing::MappedSignal(open, testing::Mapping()),
              testing::EqualsTextProto(
                  R"(id: "pagerduty:PA2" team: "payments" source: "pagerduty"
                     occurred_at { seconds: 1795255200 }
                     page { service: "ledger" urgency: URGENCY_LOW
                            title: "disk 80%" })"));
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
  EXPECT_THAT(result.errors,
              ElementsAre(testing::ErrorAt("rows.json: $[1].created_at")));
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
  EXPECT_THAT(
      result.errors,
      ElementsAre(testing::ErrorAt(
          "a.json: $.time_zone",
          "\"Mars/Olympus\" is not a known time zone; rows read in UTC")));
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
      *ToSignal(rest.incidents[0], testing::Mapping(), &unmapped);
  const v1::Signal from_row =
      *ToSignal(rows.incidents[0], testing::Mapping(), &unmapped);
  // One id, and the same page: teamloadd counts it once.
  EXPECT_EQ(from_row.id(), from_rest.id());
  EXPECT_EQ(from_row.SerializeAsString(), from_rest.SerializeAsString());
}

}  // namespace
}  // namespace teamload::collectors::pagerduty
