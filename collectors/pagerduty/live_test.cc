#include "collectors/pagerduty/live.h"

#include "gtest/gtest.h"

namespace teamload::collectors::pagerduty {
namespace {

TEST(PagerDutyLiveTest, IncidentsUrlsCarryTheWindowEncoded) {
  IncidentsQuery query{.since = "2026-11-01T00:00:00+01:00",
                       .until = "2026-11-08T00:00:00Z",
                       .limit = 25};
  EXPECT_EQ(IncidentsUrl("https://api.pagerduty.com/", query, 50),
            "https://api.pagerduty.com/incidents?limit=25&offset=50"
            "&since=2026-11-01T00%3A00%3A00%2B01%3A00"
            "&until=2026-11-08T00%3A00%3A00Z");
  EXPECT_EQ(IncidentsUrl("http://127.0.0.1:9", IncidentsQuery{}, 0),
            "http://127.0.0.1:9/incidents?limit=100&offset=0");
}

TEST(PagerDutyLiveTest, AsksForVersion2) {
  EXPECT_EQ(RestHeaders()[0],
            "Accept: application/vnd.pagerduty+json;version=2");
}

}  // namespace
}  // namespace teamload::collectors::pagerduty
