#include "collectors/pagerduty/parser.h"

#include "absl/strings/str_format.h"
#include "collectors/pagerduty/test_inputs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::pagerduty {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(PagerDutyParserTest, ReadsTheRealTriggeredWebhook) {
  const Incident i = testing::FixtureRecord<Parser>(
      "pagerduty/zulip_triggered_v3.json", &ParseResult::incidents);
  EXPECT_EQ(Describe(i),
            "PFQZPSY triggered high \"Test Incident 3\" service PA2P440 "
            "(pig208), policy PY82TC6, teams []");
  // The webhook has no created_at: a triggered event's time is when it began.
  EXPECT_EQ(i.created_at, absl::FromUnixMillis(
                              1'622'813'729'781));  // 2021-06-04T13:35:29.781Z
  EXPECT_THAT(
      testing::MappedSignal(i, testing::Mapping()),
      testing::EqualsTextProto(
          R"(id: "pagerduty:PFQZPSY" team: "payments" source: "pagerduty"
             occurred_at { seconds: 1622813729 nanos: 781000000 }
             page { service: "pig208" urgency: URGENCY_HIGH
                    title: "Test Incident 3" })"));
}

TEST(PagerDutyParserTest, ReadsTheRealResolvedWebhook) {
  const Incident i = testing::FixtureRecord<Parser>(
      "pagerduty/zulip_resolved_v3.json", &ParseResult::incidents);
  EXPECT_EQ(i.id, "PCPZE64");
  EXPECT_EQ(i.status, "resolved");
  EXPECT_EQ(i.created_at, absl::InfiniteFuture());  // not known from this event
  EXPECT_EQ(i.last_event_at, absl::FromUnixMillis(1'622'812'613'816));
}

TEST(PagerDutyParserTest, EventsOfOneIncidentMergeIntoOneSignalWithTimeToAck) {
  const auto event = [](const char* type, const char* at, const char* status) {
    return absl::StrFormat(
        R"({"event":{"id":"E","event_type":"%s","resource_type":"incident","occurred_at":"%s",)"
        R"("data":{"id":"PX1","status":"%s","title":"db down","urgency":"low",)"
        R"("service":{"id":"PSEARCH","summary":"search-api"},"teams":[{"id":"PTEAM01"}]}}})",
        type, at, status);
  };
  Parser parser;
  Incident merged;
  // Out of order on purpose: resolved, triggered, acknowledged.
  for (const auto& json :
       {event("incident.resolved", "2026-11-20T03:30:00Z", "resolved"),
        event("incident.triggered", "2026-11-20T03:00:00Z", "triggered"),
        event("incident.acknowledged", "2026-11-20T03:04:00Z",
              "acknowledged")}) {
    ParseResult r = parser.Parse(json, "e.json");
    ASSERT_THAT(r.errors, IsEmpty());
    if (merged.id.empty()) {
      merged = r.incidents[0];
    } else {
      merged.Merge(r.incidents[0]);
    }
  }
  EXPECT_EQ(merged.status, "resolved");  // the newest event's state
  std::string unmapped;
  std::optional<v1::Signal> signal =
      ToSignal(merged, testing::Mapping(), &unmapped);
  ASSERT_TRUE(signal.has_value());
  EXPECT_EQ(signal->team(), "search");  // by PagerDuty team first
  EXPECT_EQ(signal->occurred_at().seconds(),
            1'795'143'600);  // triggered, 03:00
  EXPECT_EQ(signal->page().time_to_ack().seconds(), 240);
  EXPECT_EQ(signal->page().urgency(), v1::URGENCY_LOW);
}

TEST(PagerDutyParserTest, ReadsARestIncidentsPage) {
  Parser parser;
  ParseResult result = parser.Parse(R"({"incidents":[
      {"id":"PR1","incident_number":1,"title":"checkout 5xx","created_at":"2026-11-20T03:12:00Z",
       "status":"resolved","urgency":"high","service":{"id":"PSEARCH","summary":"search-api"},
       "escalation_policy":{"id":"PZZZ"},"teams":[],
       "acknowledgements":[{"at":"2026-11-20T03:20:00Z"},{"at":"2026-11-20T03:15:00Z"}]},
      {"id":"PR2","title":"no time"},
      {"id":"PR3","created_at":"2026-11-21T01:00:00Z","urgency":"low","service":{"id":"PNOBODY"}}
    ],"limit":25,"offset":0,"more":true})",
                                    "page-1.json");
  EXPECT_TRUE(result.more);
  EXPECT_THAT(result.errors,
              ElementsAre(testing::ErrorAt(
                  "page-1.json: $.incidents[1].created_at", "is required")));
  ASSERT_EQ(result.incidents.size(), 2u);
  EXPECT_EQ(result.incidents[0].acknowledged_at,
            absl::FromUnixSeconds(1'795'144'500));
  std::string unmapped;
  EXPECT_EQ(ToSignal(result.incidents[0], testing::Mapping(), &unmapped)
                ->page()
                .time_to_ack()
                .seconds(),
            180);
  EXPECT_FALSE(
      ToSignal(result.incidents[1], testing::Mapping(), &unmapped).has_value());
  EXPECT_EQ(unmapped,
            "incident PR3 (service PNOBODY \"\", escalation policy )");
}

TEST(PagerDutyParserTest, NamesWhatIsWrongAndWhere) {
  Parser parser;
  EXPECT_THAT(parser.Parse("{not json", "bad.json").errors[0].reason,
              ::testing::StartsWith("not valid JSON: "));
  EXPECT_EQ(parser.Parse(R"({"alerts":[]})", "x.json").errors[0].where,
            "x.json: $");
  ParseResult bad_time = parser.Parse(
      R"({"event":{"event_type":"incident.triggered","occurred_at":"soon","data":{"id":"P"}}})",
      "e.json");
  EXPECT_THAT(bad_time.errors,
              ElementsAre(testing::ErrorAt(
                  "e.json: $.event.occurred_at",
                  ::testing::HasSubstr("\"soon\" is not a timestamp"))));
  ParseResult no_id = parser.Parse(
      R"({"event":{"event_type":"incident.triggered","occurred_at":"2026-11-20T03:00:00Z","data":{"title":"x"}}})",
      "e.json");
  EXPECT_THAT(no_id.errors,
              ElementsAre(testing::ErrorAt("e.json: $.event.data.id")));
  // Events about other resources are not incidents, and not errors either.
  ParseResult service = parser.Parse(
      R"({"event":{"event_type":"service.updated","occurred_at":"2026-11-20T03:00:00Z","data":{"id":"S"}}})",
      "s.json");
  EXPECT_THAT(service.errors, IsEmpty());
  EXPECT_THAT(service.incidents, IsEmpty());
}

}  // namespace
}  // namespace teamload::collectors::pagerduty
