#include "collectors/github/live.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::github {
namespace {

using ::testing::ElementsAre;

// GitHub as a table of pages by URL, each with its rel="next"; any other
// URL is a 404. Records every URL asked for.
class FakeGithub : public HttpClient {
 public:
  void Serve(const std::string& url, std::string body, std::string next = "") {
    HttpResponse& page = pages_[url];
    page = {.status = 200, .body = std::move(body)};
    if (!next.empty()) {
      page.headers.emplace_back("link",
                                absl::StrCat("<", next, ">; rel=\"next\""));
    }
  }

  absl::StatusOr<HttpResponse> Get(const std::string& url) override {
    requested_.push_back(url);
    const auto it = pages_.find(url);
    if (it == pages_.end()) {
      return HttpResponse{.status = 404, .body = R"({"message":"Not Found"})"};
    }
    return it->second;
  }
  absl::StatusOr<HttpResponse> PostJson(const std::string&,
                                        const std::string&) override {
    return absl::UnimplementedError("GitHub's lists are GETs");
  }

  const std::vector<std::string>& requested() const { return requested_; }

 private:
  std::map<std::string, HttpResponse> pages_;
  std::vector<std::string> requested_;
};

constexpr char kApi[] = "https://api.github.com";

std::string Deployment(int id, const char* environment,
                       const char* created_at) {
  return absl::StrCat(R"({"id": )", id, R"(, "environment": ")", environment,
                      R"(", "created_at": ")", created_at,
                      R"(", "repository_url": ")", kApi,
                      R"(/repos/acme/payments"})");
}

class GithubFetchDeploymentsTest : public ::testing::Test {
 protected:
  GithubFetchDeploymentsTest() {
    const std::string deployments =
        "https://api.github.com/repos/acme/payments/deployments?per_page=2";
    github_.Serve(
        deployments,
        absl::StrCat("[", Deployment(4, "production", "2026-11-18T10:00:00Z"),
                     ",", Deployment(3, "staging", "2026-11-17T13:00:00Z"),
                     "]"),
        deployments + "&page=2");
    github_.Serve(
        deployments + "&page=2",
        absl::StrCat("[", Deployment(2, "production", "2026-11-17T14:30:00Z"),
                     ",", Deployment(1, "production", "2026-11-16T09:02:11Z"),
                     "]"));
    for (int id : {1, 2, 3, 4}) {
      github_.Serve(Statuses(id), "[]");
    }
    github_.Serve(
        "https://api.github.com/repos/acme/payments/actions/runs?per_page=2",
        R"({"total_count": 0, "workflow_runs": []})");
  }

  static std::string Statuses(int id) {
    return absl::StrCat(
        "https://api.github.com/repos/acme/payments/deployments/", id,
        "/statuses?per_page=2");
  }

  absl::StatusOr<int> Fetch(const RepositoriesQuery& query,
                            const DeploymentsQuery& deployments) {
    return FetchDeployments(github_, kApi, query, deployments,
                            [&](const std::string&, const std::string& url) {
                              read_.push_back(url);
                            });
  }

  FakeGithub github_;
  std::vector<std::string> read_;
};

TEST_F(GithubFetchDeploymentsTest,
       StatusesOfTheDeploymentsToTheEnvironmentsOnly) {
  absl::StatusOr<int> pages =
      Fetch({.repositories = {"acme/payments"}, .per_page = 2},
            {.environments = {"production"}});
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_EQ(*pages, 5);
  // No workflow runs: no --deploy-workflow was named.
  EXPECT_THAT(
      github_.requested(),
      ElementsAre(
          "https://api.github.com/repos/acme/payments/deployments?per_page=2",
          "https://api.github.com/repos/acme/payments/deployments?per_page=2"
          "&page=2",
          Statuses(4), Statuses(2), Statuses(1)));
  EXPECT_EQ(read_, github_.requested());
}

// A deploy is dated by its last status: deployments and runs created up to
// a day before --since still get read (a later status would be missed
// otherwise); older ones do not.
TEST_F(GithubFetchDeploymentsTest,
       SinceReachesBackADayForLateStatusesAndNarrowsTheRuns) {
  const std::string runs =
      "https://api.github.com/repos/acme/payments/actions/runs?per_page=2"
      "&created=%3E%3D2026-11-17T00%3A00%3A00Z";
  github_.Serve(runs, R"({"total_count": 0, "workflow_runs": []})");
  absl::StatusOr<int> pages =
      Fetch({.repositories = {"acme/payments"},
             .since = "2026-11-18T00:00:00Z",
             .per_page = 2},
            {.environments = {"production", "staging"}, .workflow_runs = true});
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_EQ(*pages, 6);
  EXPECT_THAT(std::vector<std::string>(github_.requested().begin() + 2,
                                       github_.requested().end()),
              ElementsAre(Statuses(4), Statuses(3), Statuses(2), runs));
}

TEST_F(GithubFetchDeploymentsTest, StopsPagingAfterAPageOlderThanSince) {
  // Every deployment on the first page was created more than a day before
  // --since, and GitHub lists the newest first: the second page is older.
  absl::StatusOr<int> pages = Fetch({.repositories = {"acme/payments"},
                                     .since = "2026-11-19T12:00:00Z",
                                     .per_page = 2},
                                    {.environments = {"production"}});
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_THAT(
      github_.requested(),
      ElementsAre(
          "https://api.github.com/repos/acme/payments/deployments?per_page=2"));
}

TEST_F(GithubFetchDeploymentsTest, ADeploymentListedTwiceIsAskedForOnce) {
  const std::string deployments =
      "https://api.github.com/repos/acme/payments/deployments?per_page=2";
  // A new deployment shifted the list while it was paged: 4 shows again.
  github_.Serve(
      deployments + "&page=2",
      absl::StrCat("[", Deployment(4, "production", "2026-11-18T10:00:00Z"),
                   "]"));
  absl::StatusOr<int> pages =
      Fetch({.repositories = {"acme/payments"}, .per_page = 2},
            {.environments = {"production"}});
  ASSERT_TRUE(pages.ok()) << pages.status();
  EXPECT_THAT(std::vector<std::string>(github_.requested().begin() + 2,
                                       github_.requested().end()),
              ElementsAre(Statuses(4)));
}

TEST_F(GithubFetchDeploymentsTest, StopsAtTheFirstErrorNamingItsUrl) {
  absl::StatusOr<int> pages =
      Fetch({.repositories = {"acme/payments", "acme/search"}, .per_page = 2},
            {.environments = {"staging"}});
  EXPECT_EQ(pages.status().message(),
            "GET https://api.github.com/repos/acme/search/deployments?"
            "per_page=2: HTTP 404: {\"message\":\"Not Found\"}");
  EXPECT_EQ(github_.requested().size(), 4u);
}

TEST_F(GithubFetchDeploymentsTest, AWorkflowRunsPageIsAnObject) {
  github_.Serve(
      "https://api.github.com/repos/acme/payments/actions/runs?per_page=2",
      "[]");
  absl::StatusOr<int> pages =
      Fetch({.repositories = {"acme/payments"}, .per_page = 2},
            {.environments = {"qa"}, .workflow_runs = true});
  EXPECT_EQ(pages.status().message(),
            "GET https://api.github.com/repos/acme/payments/actions/runs?"
            "per_page=2: $.workflow_runs: a workflow runs page holds an array "
            "here");
}

TEST(GithubLiveTest, DeploymentUrlsListDeploymentsStatusesAndRuns) {
  const RepositoriesQuery query = {.since = "2026-11-01T00:00:00Z",
                                   .per_page = 100};
  EXPECT_EQ(
      DeploymentsUrl("https://ghe.example.com/api/v3/", "acme/payments", query),
      "https://ghe.example.com/api/v3/repos/acme/payments/deployments"
      "?per_page=100");
  EXPECT_EQ(DeploymentStatusesUrl(kApi, "acme/payments", 1820001, query),
            "https://api.github.com/repos/acme/payments/deployments/1820001/"
            "statuses?per_page=100");
  EXPECT_EQ(WorkflowRunsUrl(kApi, "acme/payments", query),
            "https://api.github.com/repos/acme/payments/actions/runs"
            "?per_page=100&created=%3E%3D2026-11-01T00%3A00%3A00Z");
  EXPECT_EQ(WorkflowRunsUrl(kApi, "acme/payments", {.per_page = 7}),
            "https://api.github.com/repos/acme/payments/actions/runs"
            "?per_page=7");
}

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
