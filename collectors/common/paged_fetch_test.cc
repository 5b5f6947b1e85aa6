#include "collectors/common/paged_fetch.h"

#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/http_server.h"
#include "tests/support/process.h"

namespace teamload::collectors {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

// Pages chained by a "next" field, as the test's pagination rule.
class FetchPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto pages = dir_.path() / "pages";
    std::filesystem::create_directories(pages);
    std::ofstream(pages / "1.json") << R"({"next": "/p?n=2"})";
    std::ofstream(pages / "2.json") << R"({"next": null})";
    std::ofstream(pages / "loop.json") << R"({"next": "/loop"})";
    std::ofstream(pages / "broken.json") << R"({"next": )";
    std::ofstream(pages / "away.json")
        << R"({"next": "http://203.0.113.9/collect"})";
    std::ofstream(pages / "routes.json") << R"({
      "GET /p?n=1": {"file": "1.json"}, "GET /p?n=2": {"file": "2.json"},
      "GET /loop": {"file": "loop.json"}, "GET /broken": {"file": "broken.json"},
      "GET /gone": {"status": 410, "file": "1.json"},
      "GET /away": {"file": "away.json"}
    })";
    ASSERT_NO_FATAL_FAILURE(server_.Start());
    client_ = *NewCurlHttpClient(HttpClientOptions{});
  }

  absl::StatusOr<int> Fetch(const std::string& path) {
    return FetchPages(
        *client_, server_.url() + path,
        [&](const HttpResponse&, simdjson::dom::element page)
            -> absl::StatusOr<std::optional<std::string>> {
          std::string_view next;
          if (page["next"].is_null()) return std::nullopt;
          if (page["next"].get(next) != simdjson::SUCCESS) {
            return absl::InvalidArgumentError("$.next: not a string");
          }
          if (next.substr(0, 4) == "http") return std::string(next);
          return server_.url() + std::string(next);
        },
        [&](const std::string& body, const std::string& url) {
          seen_.emplace_back(url, body);
        });
  }

  testing::TempDir dir_;
  testing::HttpServer server_{dir_.path(), dir_.path() / "pages"};
  std::unique_ptr<HttpClient> client_;
  std::vector<std::pair<std::string, std::string>> seen_;
};

TEST_F(FetchPagesTest, FollowsTheRuleUntilTheLastPage) {
  absl::StatusOr<int> pages = Fetch("/p?n=1");
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_EQ(*pages, 2);
  EXPECT_THAT(
      seen_,
      ElementsAre(Pair(server_.url() + "/p?n=1", R"({"next": "/p?n=2"})"),
                  Pair(server_.url() + "/p?n=2", R"({"next": null})")));
}

TEST_F(FetchPagesTest, StopsWithTheUrlAndTheReason) {
  EXPECT_EQ(Fetch("/gone").status().message(),
            "GET " + server_.url() + "/gone: HTTP 410: {\"next\": \"/p?n=2\"}");
  EXPECT_THAT(std::string(Fetch("/broken").status().message()),
              ::testing::StartsWith("GET " + server_.url() +
                                    "/broken: the page is not valid JSON: "));
  EXPECT_EQ(Fetch("/loop").status().message(),
            "GET " + server_.url() + "/loop: the next page is this page again");
  EXPECT_TRUE(seen_.size() == 1 && seen_[0].first == server_.url() + "/loop")
      << "the looping page itself is still read";
}

TEST_F(FetchPagesTest, NeverTakesTheTokenToAnotherServer) {
  EXPECT_EQ(Fetch("/away").status().message(),
            "GET " + server_.url() +
                "/away: refusing to follow the next page to another server "
                "(http://203.0.113.9/collect); the token is only sent to " +
                server_.url());
}

TEST(QueryStringTest, PercentEncodesNamesAndValues) {
  EXPECT_EQ(QueryString({{"jql", "project = PAY ORDER BY key"},
                         {"since", "2026-11-01T00:00:00+01:00"},
                         {"statuses[]", "resolved"}}),
            "jql=project%20%3D%20PAY%20ORDER%20BY%20key"
            "&since=2026-11-01T00%3A00%3A00%2B01%3A00"
            "&statuses%5B%5D=resolved");
  EXPECT_EQ(QueryString({}), "");
}

}  // namespace
}  // namespace teamload::collectors
