#include "collectors/common/http_client.h"

#include <fstream>
#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/http_server.h"
#include "tests/support/process.h"

namespace teamload::collectors {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

HttpResponse WithHeaders(
    std::vector<std::pair<std::string, std::string>> headers) {
  HttpResponse response;
  response.status = 429;
  response.headers = std::move(headers);
  return response;
}

// 2015-10-21T07:27:00Z, a minute before the dates below.
const absl::Time kNow = absl::FromUnixSeconds(1'445'412'420);

TEST(RetryAfterTest, ReadsSecondsAndEveryHttpDateForm) {
  EXPECT_EQ(RetryAfter(WithHeaders({{"retry-after", "120"}}), kNow),
            absl::Seconds(120));
  EXPECT_EQ(RetryAfter(WithHeaders({{"retry-after", "0"}}), kNow),
            absl::ZeroDuration());
  // IMF-fixdate, RFC 850 and asctime (RFC 9110 section 5.6.7).
  EXPECT_EQ(RetryAfter(
                WithHeaders({{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}}),
                kNow),
            absl::Seconds(60));
  EXPECT_EQ(
      RetryAfter(
          WithHeaders({{"retry-after", "Wednesday, 21-Oct-15 07:28:00 GMT"}}),
          kNow),
      absl::Seconds(60));
  EXPECT_EQ(
      RetryAfter(WithHeaders({{"retry-after", "Wed Oct 21 07:28:00 2015"}}),
                 kNow),
      absl::Seconds(60));
  // A date already past: retry now.
  EXPECT_EQ(RetryAfter(
                WithHeaders({{"retry-after", "Wed, 21 Oct 2015 07:00:00 GMT"}}),
                kNow),
            absl::ZeroDuration());
}

TEST(RetryAfterTest, FallsBackToPagerDutysRateLimitReset) {
  EXPECT_EQ(RetryAfter(WithHeaders({{"ratelimit-reset", "20"}}), kNow),
            absl::Seconds(20));
  EXPECT_EQ(
      RetryAfter(WithHeaders({{"retry-after", "3"}, {"ratelimit-reset", "20"}}),
                 kNow),
      absl::Seconds(3));
  // Header names in any case.
  HttpResponse mixed = WithHeaders({{"Retry-After", "4"}});
  EXPECT_EQ(RetryAfter(mixed, kNow), absl::Seconds(4));
}

TEST(RetryAfterTest, WaitsForGitHubsResetWhenNoRequestsRemain) {
  // x-ratelimit-reset is an epoch second: a minute after kNow.
  EXPECT_EQ(RetryAfter(WithHeaders({{"x-ratelimit-remaining", "0"},
                                    {"x-ratelimit-reset", "1445412480"}}),
                       kNow),
            absl::Seconds(60));
  EXPECT_EQ(RetryAfter(WithHeaders({{"x-ratelimit-remaining", "0"},
                                    {"x-ratelimit-reset", "1445412000"}}),
                       kNow),
            absl::ZeroDuration());
  // Retry-After first, as GitHub's docs order them.
  EXPECT_EQ(RetryAfter(WithHeaders({{"retry-after", "5"},
                                    {"x-ratelimit-remaining", "0"},
                                    {"x-ratelimit-reset", "1445412480"}}),
                       kNow),
            absl::Seconds(5));
  // Requests left: the reset says nothing about this response.
  EXPECT_EQ(RetryAfter(WithHeaders({{"x-ratelimit-remaining", "12"},
                                    {"x-ratelimit-reset", "1445412480"}}),
                       kNow),
            std::nullopt);
}

TEST(RateLimitedTest, A429OrGitHubsForbiddenWithRateLimitHeaders) {
  HttpResponse response = WithHeaders({});
  EXPECT_TRUE(RateLimited(response));
  response.status = 403;
  EXPECT_FALSE(RateLimited(response));
  response.headers = {{"x-ratelimit-remaining", "0"}};
  EXPECT_TRUE(RateLimited(response));
  response.headers = {{"retry-after", "60"}};
  EXPECT_TRUE(RateLimited(response));
  response.headers = {{"x-ratelimit-remaining", "4999"}};
  EXPECT_FALSE(RateLimited(response));
  response.status = 503;
  response.headers = {{"retry-after", "60"}};
  EXPECT_FALSE(RateLimited(response));
}

TEST(RetryAfterTest, IgnoresWhatIsNeitherSecondsNorADate) {
  EXPECT_EQ(RetryAfter(WithHeaders({}), kNow), std::nullopt);
  EXPECT_EQ(RetryAfter(WithHeaders({{"retry-after", "soon"}}), kNow),
            std::nullopt);
  EXPECT_EQ(RetryAfter(WithHeaders({{"retry-after", "-5"}}), kNow),
            std::nullopt);
  EXPECT_EQ(RetryAfter(WithHeaders({{"retry-after", "1.5"}}), kNow),
            std::nullopt);
}

TEST(BackoffTest, DoublesFromTheInitialWaitUpToTheCap) {
  const absl::Duration initial = absl::Milliseconds(500),
                       cap = absl::Seconds(30);
  EXPECT_EQ(Backoff(1, initial, cap), absl::Milliseconds(500));
  EXPECT_EQ(Backoff(2, initial, cap), absl::Seconds(1));
  EXPECT_EQ(Backoff(3, initial, cap), absl::Seconds(2));
  EXPECT_EQ(Backoff(6, initial, cap), absl::Seconds(16));
  EXPECT_EQ(Backoff(7, initial, cap), absl::Seconds(30));  // 32 s, capped
  EXPECT_EQ(Backoff(1000, initial, cap), absl::Seconds(30));
}

TEST(NextLinkTest, FindsGitHubsNextPage) {
  HttpResponse response = WithHeaders(
      {{"link",
        "<https://api.github.com/repositories/1/issues?page=1>; rel=\"prev\", "
        "<https://api.github.com/repositories/1/issues?page=3>; rel=\"next\", "
        "<https://api.github.com/repositories/1/issues?page=5>; "
        "rel=\"last\""}});
  EXPECT_EQ(NextLink(response),
            "https://api.github.com/repositories/1/issues?page=3");
}

TEST(NextLinkTest, NoneOnTheLastPage) {
  EXPECT_EQ(
      NextLink(WithHeaders({{"link",
                             "<https://x/issues?page=1>; rel=\"first\", "
                             "<https://x/issues?page=4>; rel=\"prev\""}})),
      std::nullopt);
  EXPECT_EQ(NextLink(WithHeaders({})), std::nullopt);
}

// The client against the real local server of tests/support.
class CurlHttpClientTest : public ::testing::Test {
 protected:
  static constexpr char kAuthorization[] = "Token token=s3cr3t-t0ken";

  void SetUp() override {
    std::filesystem::create_directories(pages());
    std::ofstream(pages() / "page.json")
        << R"({"incidents": [], "more": false})";
    std::ofstream(pages() / "rows.json") << R"({"data": [], "more": false})";
    std::ofstream(pages() / "routes.json") << R"({
      "GET /page?b=2&a=1": {"file": "page.json",
        "before": [{"status": 429, "headers": {"Retry-After": "7"}}]},
      "GET /slow": {"file": "page.json",
        "before": [{"status": 429, "headers": {"Retry-After": "3600"}}]},
      "GET /down": {"status": 503},
      "GET /flaky": {"file": "page.json",
        "before": [{"status": 502}, {"status": 500}]},
      "GET /missing": {"status": 404, "file": "page.json"},
      "GET /github": {"file": "page.json",
        "before": [{"status": 403, "headers": {"x-ratelimit-remaining": "0",
                                              "x-ratelimit-reset": "1445412480"}}]},
      "GET /forbidden": {"status": 403, "file": "page.json",
        "headers": {"x-ratelimit-remaining": "4999"}},
      "POST /analytics/raw/incidents {\"limit\": 2}": {"file": "rows.json"}
    })";
    server_.Start();
  }

  std::filesystem::path pages() const { return dir_.path() / "pages"; }

  std::unique_ptr<HttpClient> Client(int max_attempts = 6) {
    HttpClientOptions options;
    options.now = [] { return kNow; };
    options.user_agent = "teamload-test/1.2.3";
    options.authorization = kAuthorization;
    options.max_attempts = max_attempts;
    options.max_retry_after = absl::Minutes(2);
    options.sleep = [this](absl::Duration d) { slept_.push_back(d); };
    return *NewCurlHttpClient(options);
  }

  testing::TempDir dir_;
  testing::HttpServer server_{dir_.path(), dir_.path() / "pages",
                              kAuthorization};
  std::vector<absl::Duration> slept_;
};

TEST_F(CurlHttpClientTest, WaitsWhatRetryAfterSaysThenGetsThePage) {
  absl::StatusOr<HttpResponse> response =
      Client()->Get(server_.url() + "/page?a=1&b=2");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"incidents": [], "more": false})");
  EXPECT_EQ(response->Header("Content-Type"), "application/json");
  EXPECT_THAT(slept_, ElementsAre(absl::Seconds(7)));
  const std::vector<testing::ServedRequest> served = server_.Requests();
  ASSERT_EQ(served.size(), 2u);
  EXPECT_EQ(served[0].status, 429);
  EXPECT_EQ(served[1].status, 200);
  for (const auto& request : served) {
    EXPECT_EQ(request.key, "GET /page?a=1&b=2");
    EXPECT_TRUE(request.auth_ok);
    EXPECT_EQ(request.user_agent, "teamload-test/1.2.3");
  }
}

TEST_F(CurlHttpClientTest, CapsTheWaitARateLimitAsksFor) {
  ASSERT_TRUE(Client()->Get(server_.url() + "/slow").ok());
  EXPECT_THAT(slept_, ElementsAre(absl::Minutes(2)));
}

TEST_F(CurlHttpClientTest, WaitsForGitHubsRateLimitResetOnA403) {
  absl::StatusOr<HttpResponse> response =
      Client()->Get(server_.url() + "/github");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(slept_, ElementsAre(absl::Seconds(60)));
  EXPECT_EQ(server_.Tally()["GET /github"],
            (std::map<int, int>{{200, 1}, {403, 1}}));
}

TEST_F(CurlHttpClientTest, ReturnsAForbiddenThatIsNoRateLimit) {
  absl::StatusOr<HttpResponse> response =
      Client()->Get(server_.url() + "/forbidden");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 403);
  EXPECT_TRUE(slept_.empty());
}

TEST_F(CurlHttpClientTest, RetriesServerErrorsWithBackoff) {
  absl::StatusOr<HttpResponse> response =
      Client()->Get(server_.url() + "/flaky");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(slept_,
              ElementsAre(absl::Milliseconds(500), absl::Milliseconds(1000)));
}

TEST_F(CurlHttpClientTest, GivesUpNamingTheUrlAndTheStatus) {
  absl::StatusOr<HttpResponse> response =
      Client(/*max_attempts=*/3)->Get(server_.url() + "/down");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(response.status().message(),
            "GET " + server_.url() +
                "/down: gave up after 3 attempts, the last: HTTP 503");
  EXPECT_THAT(response.status().message(), Not(HasSubstr("s3cr3t")));
  EXPECT_THAT(slept_,
              ElementsAre(absl::Milliseconds(500), absl::Milliseconds(1000)));
  EXPECT_EQ(server_.Tally()["GET /down"][503], 3);
}

TEST_F(CurlHttpClientTest, ReturnsClientErrorsWithoutRetrying) {
  absl::StatusOr<HttpResponse> response =
      Client()->Get(server_.url() + "/missing");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 404);
  EXPECT_TRUE(slept_.empty());

  HttpClientOptions options;
  options.authorization = "Token token=wrong";
  absl::StatusOr<HttpResponse> refused =
      (*NewCurlHttpClient(options))->Get(server_.url() + "/missing");
  ASSERT_TRUE(refused.ok()) << refused.status();
  EXPECT_EQ(refused->status, 401);
}

TEST_F(CurlHttpClientTest, PostsJson) {
  absl::StatusOr<HttpResponse> response = Client()->PostJson(
      server_.url() + "/analytics/raw/incidents", R"({"limit":2})");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"data": [], "more": false})");
}

TEST_F(CurlHttpClientTest, RetriesWhenNobodyListensThenGivesUp) {
  const std::string url = server_.url() + "/page";
  server_.Stop();
  absl::StatusOr<HttpResponse> response = Client(/*max_attempts=*/2)->Get(url);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(response.status().message(),
              HasSubstr("GET " + url +
                        ": gave up after 2 attempts, the last: Couldn't "
                        "connect to server"));
  EXPECT_THAT(slept_, ElementsAre(absl::Milliseconds(500)));
}

}  // namespace
}  // namespace teamload::collectors
