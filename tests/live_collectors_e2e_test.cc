// End to end: the collectors' live modes (--api-url) against the local HTTP
// server of tests/support serving recorded API pages
// (tests/fixtures/live/), delivering to a real teamloadd.
#include <cstdlib>
#include <fstream>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "teamload/v1/narrative.pb.h"
#include "teamload/v1/team.pb.h"
#include "tests/support/collector_test.h"
#include "tests/support/http_server.h"
#include "tests/support/process.h"
#include "tests/support/team_state.h"

namespace teamload {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

constexpr char kPagerDutyToken[] = "pd-t0ken-e2e";
constexpr char kJiraToken[] = "jira-t0ken-e2e";
constexpr char kGithubToken[] = "gh-t0ken-e2e";
constexpr char kWindow[] =
    "since=2021-06-01T00%3A00%3A00Z&until=2021-06-30T00%3A00%3A00Z";

std::string Page(int offset) {
  return "GET /incidents?limit=2&offset=" + std::to_string(offset) + "&" +
         kWindow;
}

class LiveCollectorTest : public testing::CollectorE2eTest {
 protected:
  LiveCollectorTest()
      : CollectorE2eTest(
            "teams:\n  - name: payments\n  - name: search\n",
            "teams:\n  payments:\n    pagerduty: {escalation_policies: "
            "[PY82TC6]}\n    jira: {projects: [SP, PAY]}\n"
            "    github: {repositories: [acme/payments]}\n"
            "  search:\n    pagerduty: {services: [PSEARCH]}\n"
            "    github: {labels: [team-search]}\n") {}

  // teamload-pagerduty live against `url`, over June 2021, two per page.
  testing::ProcessResult PagerDuty(const std::string& url,
                                   std::vector<std::string> more = {}) {
    std::vector<std::string> args = {"--api-url",   url,
                                     "--since",     "2021-06-01T00:00:00Z",
                                     "--until",     "2021-06-30T00:00:00Z",
                                     "--page-size", "2"};
    args.insert(args.end(), more.begin(), more.end());
    return Collect(TEAMLOAD_PAGERDUTY_PATH, args);
  }
};

// Every request `server` answered carried the token, and the User-Agent
// teamload-<collector>/<version>.
void ExpectEveryRequestFrom(const testing::HttpServer& server,
                            const std::string& collector) {
  for (const testing::ServedRequest& request : server.Requests()) {
    EXPECT_TRUE(request.auth_ok) << request.key;
    EXPECT_EQ(request.user_agent,
              "teamload-" + collector + "/" TEAMLOAD_VERSION);
  }
}

TEST_F(LiveCollectorTest, PagerDutyFetchesEveryPageOnceThroughARateLimit) {
  testing::HttpServer server(dir_.path(), TEAMLOAD_LIVE_FIXTURES "/pagerduty",
                             std::string("Token token=") + kPagerDutyToken);
  ASSERT_NO_FATAL_FAILURE(server.Start());
  ::setenv("PAGERDUTY_TOKEN", kPagerDutyToken, 1);

  const absl::Time started = absl::Now();
  testing::ProcessResult result = PagerDuty(server.url());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  // The 429 asked for a second's wait, and got it.
  EXPECT_GE(absl::Now() - started, absl::Seconds(1));
  EXPECT_THAT(
      result.err,
      HasSubstr("3 API pages, 5 records, 5 signals (signals: 5 accepted, "
                "0 duplicate, 0 revised, 0 rejected"));
  EXPECT_THAT(result.err, HasSubstr("coverage: 2 teams through "
                                    "2021-06-30T00:00:00Z"));
  EXPECT_THAT(result.err, Not(HasSubstr(kPagerDutyToken)));

  // Every page once, the rate-limited one after its 429; the token on each.
  EXPECT_THAT(
      server.Tally(),
      ElementsAre(Pair(Page(0), ElementsAre(Pair(200, 1))),
                  Pair(Page(2), ElementsAre(Pair(200, 1), Pair(429, 1))),
                  Pair(Page(4), ElementsAre(Pair(200, 1)))));
  ExpectEveryRequestFrom(server, "pagerduty");

  v1::Team payments = Team("payments");
  ASSERT_NO_FATAL_FAILURE(
      testing::ExpectSignalsAndCoverage(payments, "page", 4, "pagerduty"));
  EXPECT_EQ(payments.coverage(0).covered_through().seconds(), 1'625'011'200);
  v1::Team search = Team("search");
  EXPECT_EQ(search.signal_counts().at("page"), 1);

  // Fetching again changes nothing: the same ids, the same content.
  result = PagerDuty(server.url());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("0 accepted, 5 duplicate"));
}

TEST_F(LiveCollectorTest, AnalyticsRowsReviseTheIncidentsFetchedLive) {
  testing::HttpServer server(dir_.path(), TEAMLOAD_LIVE_FIXTURES "/pagerduty",
                             std::string("Token token=") + kPagerDutyToken);
  ASSERT_NO_FATAL_FAILURE(server.Start());
  ::setenv("PAGERDUTY_TOKEN", kPagerDutyToken, 1);
  ASSERT_EQ(PagerDuty(server.url()).exit_code, 0);

  // The same two real incidents as Analytics rows: PCPZE64 as REST had it,
  // PFQZPSY now acknowledged after 120 s (a new revision, not a new page).
  const auto rows = dir_.path() / "analytics.json";
  std::ofstream(rows) << R"({"data": [
    {"id": "PCPZE64", "description": "Test Incident", "status": "resolved",
     "urgency": "high", "service_id": "PA2P440", "service_name": "pig208",
     "escalation_policy_id": "PY82TC6", "team_id": null,
     "created_at": "2021-06-04T13:05:12", "resolved_at": "2021-06-04T13:16:53",
     "seconds_to_first_ack": 240},
    {"id": "PFQZPSY", "description": "Test Incident 3", "status": "acknowledged",
     "urgency": "high", "service_id": "PA2P440", "service_name": "pig208",
     "escalation_policy_id": "PY82TC6",
     "created_at": "2021-06-04T13:35:29", "seconds_to_first_ack": 120}],
    "more": false, "last": "PFQZPSY", "limit": 2})";
  testing::ProcessResult result =
      Collect(TEAMLOAD_PAGERDUTY_PATH, {rows.string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err,
              HasSubstr("1 files, 2 records, 2 signals (signals: 0 accepted, "
                        "1 duplicate, 1 revised, 0 rejected"));
  EXPECT_EQ(Team("payments").signal_counts().at("page"), 4);
}

TEST_F(LiveCollectorTest, PagerDutyNamesTheMissingTokenVariable) {
  ::unsetenv("TEAMLOAD_E2E_NO_SUCH_TOKEN");
  testing::ProcessResult result = PagerDuty(
      "http://127.0.0.1:9", {"--api-token-env", "TEAMLOAD_E2E_NO_SUCH_TOKEN"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err,
              HasSubstr("teamload-pagerduty: the API token is read from the "
                        "environment variable TEAMLOAD_E2E_NO_SUCH_TOKEN, "
                        "which is unset"));
  // Nothing was looked at, so nothing is delivered or summed up.
  EXPECT_THAT(result.err, Not(HasSubstr("records")));
}

TEST_F(LiveCollectorTest, PagerDutyRefusedStopsWithTheUrlAndSendsNoCoverage) {
  testing::HttpServer server(dir_.path(), TEAMLOAD_LIVE_FIXTURES "/pagerduty",
                             "Token token=another");
  ASSERT_NO_FATAL_FAILURE(server.Start());
  ::setenv("PAGERDUTY_TOKEN", kPagerDutyToken, 1);
  testing::ProcessResult result = PagerDuty(server.url());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err,
              HasSubstr("teamload-pagerduty: GET " + server.url() +
                        "/incidents?limit=2&offset=0&" + kWindow +
                        ": HTTP 401: {\"error\": \"Unauthorized\"}"));
  EXPECT_THAT(result.err, Not(HasSubstr(kPagerDutyToken)));
  EXPECT_EQ(Team("payments").coverage_size(), 0);
}

TEST_F(LiveCollectorTest, JiraFollowsStartAtUntilTheTotal) {
  testing::HttpServer server(dir_.path(), TEAMLOAD_LIVE_FIXTURES "/jira",
                             std::string("Bearer ") + kJiraToken);
  ASSERT_NO_FATAL_FAILURE(server.Start());
  ::setenv("JIRA_TOKEN", kJiraToken, 1);
  testing::ProcessResult result =
      Collect(TEAMLOAD_JIRA_PATH,
              {"--api-url", server.url() + "/", "--jql",
               "project in (SP, PAY) ORDER BY key", "--page-size", "2"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  // SP-15 was never deferred: 3 issues read, 2 deferral signals.
  EXPECT_THAT(
      result.err,
      HasSubstr("2 API pages, 3 records, 2 signals (signals: 2 accepted"));
  const std::string search =
      "GET /rest/api/2/search?expand=changelog&jql=project+in+%28SP%2C+PAY%29+"
      "ORDER+BY+key&maxResults=2&startAt=";
  EXPECT_THAT(server.Tally(),
              ElementsAre(Pair(search + "0", ElementsAre(Pair(200, 1))),
                          Pair(search + "2", ElementsAre(Pair(200, 1)))));
  ExpectEveryRequestFrom(server, "jira");
  v1::Team payments = Team("payments");
  ASSERT_NO_FATAL_FAILURE(
      testing::ExpectSignalsAndCoverage(payments, "deferral", 2, "jira"));
}

TEST_F(LiveCollectorTest, GithubFollowsLinkHeadersToTheLastPage) {
  testing::HttpServer server(dir_.path(), TEAMLOAD_LIVE_FIXTURES "/github",
                             std::string("Bearer ") + kGithubToken);
  ASSERT_NO_FATAL_FAILURE(server.Start());
  ::setenv("GITHUB_TOKEN", kGithubToken, 1);

  const auto collect = [&] {
    return Collect(TEAMLOAD_GITHUB_PATH,
                   {"--deferral-label", "tech-debt", "--api-url", server.url(),
                    "--repo", "acme/payments", "--page-size", "2"});
  };
  const absl::Time started = absl::Now();
  testing::ProcessResult result = collect();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  // The 429 asked for a second's wait, and got it.
  EXPECT_GE(absl::Now() - started, absl::Seconds(1));
  // 4 issues (#44 a pull request) and 9 events on 2 + 5 pages: #42 and #43
  // were deferred.
  EXPECT_THAT(result.err,
              HasSubstr("7 API pages, 13 records, 2 signals (signals: 2 "
                        "accepted, 0 duplicate, 0 revised, 0 rejected"));
  EXPECT_THAT(result.err, Not(HasSubstr(kGithubToken)));

  // Every page once, following rel="next": the issues page 2 after GitHub's
  // 403 (no requests remaining, the reset long past), the events page 3
  // after its 429.
  const std::string issues = "GET /repos/acme/payments/issues?";
  const std::string events = "GET /repos/acme/payments/issues/events?";
  EXPECT_THAT(
      server.Tally(),
      ElementsAre(
          Pair(events + "page=2&per_page=2", ElementsAre(Pair(200, 1))),
          Pair(events + "page=3&per_page=2",
               ElementsAre(Pair(200, 1), Pair(429, 1))),
          Pair(events + "page=4&per_page=2", ElementsAre(Pair(200, 1))),
          Pair(events + "page=5&per_page=2", ElementsAre(Pair(200, 1))),
          Pair(events + "per_page=2", ElementsAre(Pair(200, 1))),
          Pair(issues + "page=2&per_page=2&state=all",
               ElementsAre(Pair(200, 1), Pair(403, 1))),
          Pair(issues + "per_page=2&state=all", ElementsAre(Pair(200, 1)))));
  ExpectEveryRequestFrom(server, "github");

  v1::Team payments = Team("payments");
  ASSERT_NO_FATAL_FAILURE(
      testing::ExpectSignalsAndCoverage(payments, "deferral", 2, "github"));
  // Covered through the moment the fetch started.
  EXPECT_GE(payments.coverage(0).covered_through().seconds(),
            absl::ToUnixSeconds(started));
  EXPECT_LE(payments.coverage(0).covered_through().seconds(),
            absl::ToUnixSeconds(started) + 5);
  // No issue of search's label here: calm, not blind.
  v1::Team search = Team("search");
  ASSERT_NO_FATAL_FAILURE(
      testing::ExpectSignalsAndCoverage(search, "deferral", 0, "github"));

  // Fetching again changes nothing: the same ids, the same content.
  result = collect();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("0 accepted, 2 duplicate"));
}

// teamload-github --deployments against the recorded deployment pages.
class LiveGithubDeploymentsTest : public LiveCollectorTest {
 protected:
  void SetUp() override {
    LiveCollectorTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(server_.Start());
    ::setenv("GITHUB_TOKEN", kGithubToken, 1);
  }

  // The collector live against the server, two items per page.
  testing::ProcessResult Collect(std::vector<std::string> repos) {
    std::vector<std::string> args = {
        "--deployments", "--deploy-workflow", "Deploy", "--api-url",
        server_.url(),   "--page-size",       "2"};
    for (const std::string& repo : repos) {
      args.insert(args.end(), {"--repo", repo});
    }
    return LiveCollectorTest::Collect(TEAMLOAD_GITHUB_PATH, args);
  }

  testing::HttpServer server_{dir_.path(),
                              TEAMLOAD_LIVE_FIXTURES "/github_deployments",
                              std::string("Bearer ") + kGithubToken};
};

TEST_F(LiveGithubDeploymentsTest, FetchesStatusesAndRunsLive) {
  testing::ProcessResult result = Collect({"acme/payments"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  // 4 deployments on 2 pages, the statuses of the 3 to production (4), 3
  // runs on 2 pages: 2 production deployments reached a final status, 2
  // Deploy runs ended.
  EXPECT_THAT(result.err,
              HasSubstr("7 API pages, 11 records, 4 signals (signals: 4 "
                        "accepted, 0 duplicate, 0 revised, 0 rejected"));
  EXPECT_THAT(result.err, Not(HasSubstr(kGithubToken)));

  // Every page once, following rel="next"; never the staging deployment's
  // statuses (1820003).
  const std::string repo = "GET /repos/acme/payments/";
  EXPECT_THAT(
      server_.Tally(),
      ElementsAre(
          Pair(repo + "actions/runs?page=2&per_page=2",
               ElementsAre(Pair(200, 1))),
          Pair(repo + "actions/runs?per_page=2", ElementsAre(Pair(200, 1))),
          Pair(repo + "deployments/1820001/statuses?per_page=2",
               ElementsAre(Pair(200, 1))),
          Pair(repo + "deployments/1820002/statuses?per_page=2",
               ElementsAre(Pair(200, 1))),
          Pair(repo + "deployments/1820004/statuses?per_page=2",
               ElementsAre(Pair(200, 1))),
          Pair(repo + "deployments?page=2&per_page=2",
               ElementsAre(Pair(200, 1))),
          Pair(repo + "deployments?per_page=2", ElementsAre(Pair(200, 1)))));
  ExpectEveryRequestFrom(server_, "github");

  ASSERT_NO_FATAL_FAILURE(testing::ExpectSignalsAndCoverage(
      Team("payments"), "deploy", 4, "github"));
  // The failed deployment (failure) and the timed-out run are change
  // failures.
  const v1::Narrative story = CtlJson<v1::Narrative>(
      {"narrative", "payments", "--as-of", "2026-11-27T00:00:00Z", "--json"});
  ASSERT_TRUE(story.has_delivery()) << story.markdown();
  EXPECT_EQ(story.delivery().deploys(), 4);
  EXPECT_EQ(story.delivery().change_failures(), 2);
  EXPECT_EQ(story.delivery().median_lead_time().seconds(), 18 * 3600);

  // Fetching again changes nothing: the same ids, the same content.
  result = Collect({"acme/payments"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("0 accepted, 4 duplicate"));
}

TEST_F(LiveGithubDeploymentsTest, StopsAtAMissingStatusesListNamingIt) {
  // acme/ledger's deployment has no statuses list: a 404.
  testing::ProcessResult result = Collect({"acme/payments", "acme/ledger"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err,
              HasSubstr("teamload-github: GET " + server_.url() +
                        "/repos/acme/ledger/deployments/1830001/statuses?"
                        "per_page=2: HTTP 404: {\"message\": \"Not Found\""));
  EXPECT_THAT(result.err, Not(HasSubstr(kGithubToken)));
  // What was read went in, but no coverage: the look was not complete.
  v1::Team payments = Team("payments");
  EXPECT_EQ(testing::SignalCount(payments, "deploy"), 4);
  EXPECT_EQ(payments.coverage_size(), 0);
}

}  // namespace
}  // namespace teamload
