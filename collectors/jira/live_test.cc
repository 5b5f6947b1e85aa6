#include "collectors/jira/live.h"

#include "gtest/gtest.h"

namespace teamload::collectors::jira {
namespace {

TEST(JiraLiveTest, SearchUrlsCarryTheJqlEncodedAndAskForChangelogs) {
  EXPECT_EQ(
      SearchUrl("https://jira.example.com/",
                {.jql = "project = PAY ORDER BY key", .max_results = 50}, 100),
      "https://jira.example.com/rest/api/2/search"
      "?jql=project%20%3D%20PAY%20ORDER%20BY%20key&expand=changelog"
      "&startAt=100&maxResults=50");
}

}  // namespace
}  // namespace teamload::collectors::jira
