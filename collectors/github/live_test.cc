#include "collectors/github/live.h"

#include "gtest/gtest.h"

namespace teamload::collectors::github {
namespace {

TEST(GithubLiveTest, IssuesUrlsAskForEveryStateAndASince) {
  EXPECT_EQ(
      IssuesUrl("https://api.github.com/", "acme/payments", {.per_page = 100}),
      "https://api.github.com/repos/acme/payments/issues"
      "?state=all&per_page=100");
  EXPECT_EQ(IssuesUrl("https://ghe.example.com/api/v3", "acme/payments.js",
                      {.since = "2026-11-01T00:00:00Z", .per_page = 2}),
            "https://ghe.example.com/api/v3/repos/acme/payments.js/issues"
            "?state=all&per_page=2&since=2026-11-01T00%3A00%3A00Z");
}

TEST(GithubLiveTest, EventsUrlsListTheRepositorysIssueEvents) {
  EXPECT_EQ(EventsUrl("https://api.github.com", "acme/payments",
                      {.since = "2026-11-01T00:00:00Z", .per_page = 50}),
            "https://api.github.com/repos/acme/payments/issues/events"
            "?per_page=50");
}

TEST(GithubLiveTest, RepositoriesAreOwnerSlashRepo) {
  EXPECT_TRUE(CheckRepository("acme/payments").ok());
  EXPECT_TRUE(CheckRepository("octo-org/octo_repo.v2").ok());
  for (const char* wrong : {"payments", "/payments", "acme/", "acme/pay/x"}) {
    EXPECT_EQ(CheckRepository(wrong).message(),
              std::string("repository \"") + wrong +
                  "\": expected OWNER/REPO, e.g. acme/payments");
  }
  EXPECT_EQ(CheckRepository("acme/pay?x=1").message(),
            "repository \"acme/pay?x=1\": GitHub names hold letters, digits, "
            "'-', '_' and '.' only");
}

TEST(GithubLiveTest, SendsGitHubsMediaTypeAndApiVersion) {
  EXPECT_EQ(RestHeaders(),
            (std::vector<std::string>{"Accept: application/vnd.github+json",
                                      "X-GitHub-Api-Version: 2022-11-28"}));
}

}  // namespace
}  // namespace teamload::collectors::github
