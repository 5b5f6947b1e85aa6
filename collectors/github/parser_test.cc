#include "collectors/github/parser.h"

#include "absl/strings/str_cat.h"
#include "collectors/github/test_inputs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::github {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A minimal issue object of acme/payments, for hand-made edge cases.
std::string IssueJson(int number, const std::string& state = "open") {
  return absl::StrCat(
      R"({"number":)", number,
      R"(,"repository_url":"https://api.github.com/repos/acme/payments",)"
      R"("title":"t","labels":[],"state":")",
      state, R"(","updated_at":"2026-11-01T10:00:00Z","closed_at":null})");
}

// What a parser reads from the fixture `path`, which has no errors.
ParseResult ParseFixture(const std::string& path) {
  ParseResult result = Parser().Parse(Fixture(path), path);
  EXPECT_THAT(result.errors, IsEmpty());
  return result;
}

TEST(GithubParserTest, ReadsTheIssuesListAndLeavesOutPullRequests) {
  ParseResult result = ParseFixture("issues.json");
  EXPECT_EQ(result.records, 4);
  EXPECT_THAT(result.pull_requests, ElementsAre("acme/payments#44"));
  ASSERT_EQ(result.issues.size(), 3u);
  const IssueSnapshot& open = result.issues[0];
  EXPECT_EQ(open.key, "acme/payments#42");
  EXPECT_EQ(open.repository, "acme/payments");
  EXPECT_EQ(open.title, "Rotate the ledger signing keys");
  EXPECT_THAT(open.labels, ElementsAre("tech-debt"));
  EXPECT_FALSE(open.closed);
  EXPECT_EQ(open.closed_at, absl::InfiniteFuture());
  EXPECT_EQ(open.updated_at, Utc(2026, 11, 2, 10, 0));
  const IssueSnapshot& closed = result.issues[1];
  EXPECT_EQ(closed.key, "acme/payments#43");
  EXPECT_TRUE(closed.closed);
  EXPECT_EQ(closed.closed_at, Utc(2026, 11, 10, 16, 30));
  EXPECT_EQ(result.issues[2].key, "acme/payments#45");
  EXPECT_THAT(result.issues[2].labels, ElementsAre("bug"));
  EXPECT_THAT(result.events, IsEmpty());
}

TEST(GithubParserTest, ReadsTheRepositoryEventsListWithItsIssues) {
  ParseResult result = ParseFixture("events.json");
  EXPECT_EQ(result.records, 9);
  // The pull request's demilestoned event is left out; milestoned and
  // subscribed say nothing about deferrals.
  EXPECT_THAT(result.pull_requests, ElementsAre("acme/payments#44"));
  EXPECT_EQ(result.issues.size(), 8u);
  ASSERT_EQ(result.events.size(), 6u);
  const IssueEvent& closed = result.events[0];
  EXPECT_EQ(closed.issue, "acme/payments#43");
  EXPECT_EQ(closed.kind, EventKind::kClosed);
  EXPECT_EQ(closed.at, Utc(2026, 11, 10, 16, 30));
  EXPECT_EQ(closed.id, 9006);
  const IssueEvent& labeled = result.events[1];
  EXPECT_EQ(labeled.issue, "acme/payments#42");
  EXPECT_EQ(labeled.kind, EventKind::kLabeled);
  EXPECT_EQ(labeled.subject, "tech-debt");
  EXPECT_EQ(labeled.at, Utc(2026, 11, 2, 10, 0));
  const IssueEvent& demilestoned = result.events[4];
  EXPECT_EQ(demilestoned.issue, "acme/payments#42");
  EXPECT_EQ(demilestoned.kind, EventKind::kDemilestoned);
  EXPECT_EQ(demilestoned.subject, "v1.4");
  EXPECT_EQ(demilestoned.at, Utc(2026, 10, 1, 10, 0));
  EXPECT_EQ(demilestoned.id, 9001);
  EXPECT_EQ(result.events[5].subject, "bug");
}

TEST(GithubParserTest, TakesThePerIssueListsIssueFromItsApiPath) {
  const std::string text = Fixture("repos/acme/payments/issues/46/events.json");
  Parser parser;
  ParseResult result = parser.Parse(
      text, "exports/github/repos/acme/payments/issues/46/events.json");
  EXPECT_THAT(result.errors, IsEmpty());
  EXPECT_EQ(result.records, 3);
  ASSERT_EQ(result.events.size(), 2u);
  EXPECT_EQ(result.events[0].issue, "acme/payments#46");
  EXPECT_EQ(result.events[0].kind, EventKind::kDemilestoned);
  EXPECT_EQ(result.events[0].at, Utc(2026, 10, 5, 12, 0));
  EXPECT_EQ(result.events[1].subject, "deferred");
  EXPECT_THAT(result.issues, IsEmpty());

  // Saved under another name, the events that matter cannot be placed.
  result = parser.Parse(text, "events-46.json");
  EXPECT_EQ(result.records, 1);  // the milestoned event needs no issue
  EXPECT_THAT(
      result.errors,
      ElementsAre(testing::ErrorAt(
                      "events-46.json: $[1].issue",
                      HasSubstr("<owner>/<repo>/issues/<number>/events.json")),
                  testing::ErrorAt("events-46.json: $[2].issue")));
}

TEST(GithubParserTest, IssueKeysFromApiPathsAndUrls) {
  EXPECT_EQ(IssueKeyFromName("a/acme/payments/issues/46/events.json"),
            "acme/payments#46");
  EXPECT_EQ(IssueKeyFromName("https://api.github.com/repos/acme/pay.ments/"
                             "issues/7/events?per_page=100&page=2"),
            "acme/pay.ments#7");
  EXPECT_EQ(IssueKeyFromName("acme/payments/issues/46/events-page2.json"),
            "acme/payments#46");
  EXPECT_EQ(IssueKeyFromName("events.json"), std::nullopt);
  EXPECT_EQ(IssueKeyFromName("acme/payments/issues/x/events.json"),
            std::nullopt);
  EXPECT_EQ(IssueKeyFromName("payments/issues/46/events.json"), std::nullopt);
}

TEST(GithubParserTest, ReadsIssuesWebhooks) {
  ParseResult result = ParseFixture("webhooks/search-7-demilestoned.json");
  EXPECT_EQ(result.records, 1);
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].key, "acme/search#7");
  EXPECT_THAT(result.issues[0].labels, ElementsAre("team-search"));
  ASSERT_EQ(result.events.size(), 1u);
  const IssueEvent& event = result.events[0];
  EXPECT_EQ(event.issue, "acme/search#7");
  EXPECT_EQ(event.kind, EventKind::kDemilestoned);
  EXPECT_EQ(event.subject, "Q4 hardening");
  EXPECT_EQ(event.at, Utc(2026, 11, 3, 14, 0));  // the issue's updated_at
  EXPECT_EQ(event.id, std::nullopt);

  result = ParseFixture("webhooks/search-7-labeled.json");
  ASSERT_EQ(result.events.size(), 1u);
  EXPECT_EQ(result.events[0].kind, EventKind::kLabeled);
  EXPECT_EQ(result.events[0].subject, "deferred");
  EXPECT_EQ(result.events[0].at, Utc(2026, 11, 5, 9, 0));
}

TEST(GithubParserTest, AWebhookCloseHappensAtClosedAtAndNeedsNoRepositoryUrl) {
  Parser parser;
  ParseResult result = parser.Parse(
      R"({"action":"closed","repository":{"full_name":"acme/search"},)"
      R"("issue":{"number":9,"title":"t","state":"closed",)"
      R"("closed_at":"2026-11-20T08:00:00Z","updated_at":"2026-11-20T08:00:02Z"}})",
      "closed.json");
  EXPECT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.events.size(), 1u);
  EXPECT_EQ(result.events[0].issue, "acme/search#9");
  EXPECT_EQ(result.events[0].kind, EventKind::kClosed);
  EXPECT_EQ(result.events[0].at, Utc(2026, 11, 20, 8, 0));
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].repository, "acme/search");
}

TEST(GithubParserTest, NamesMalformedRecordsAndReadsTheRest) {
  Parser parser;
  ParseResult result = parser.Parse(
      absl::StrCat(
          "[",
          R"({"id":1,"event":"demilestoned","created_at":"2026-10-01T10:00:00Z","issue":)",
          IssueJson(1), "},",
          R"({"id":2,"event":"demilestoned","created_at":"someday","issue":)",
          IssueJson(2), "},",
          R"({"id":3,"event":"labeled","created_at":"2026-10-01T10:00:00Z","issue":)",
          IssueJson(3), "},", "42,",
          R"({"number":"7","repository_url":"https://api.github.com/repos/acme/payments"},)",
          R"({"number":8,"repository_url":"https://github.com/acme/payments","updated_at":"2026-10-01T10:00:00Z"},)",
          IssueJson(9, "merged"), "]"),
      "events.json");
  EXPECT_THAT(
      result.errors,
      ElementsAre(
          testing::ErrorAt("events.json: $[1].created_at",
                           HasSubstr("\"someday\" is not a timestamp")),
          testing::ErrorAt("events.json: $[2].label", "is required"),
          testing::ErrorAt("events.json: $[3]"),
          testing::ErrorAt("events.json: $[4].number",
                           "must be a positive integer"),
          testing::ErrorAt("events.json: $[5].repository_url",
                           HasSubstr("is not a repository API URL")),
          testing::ErrorAt("events.json: $[6].state",
                           "\"merged\" is neither \"open\" nor \"closed\"")));
  EXPECT_EQ(result.records, 1);
  ASSERT_EQ(result.events.size(), 1u);
  EXPECT_EQ(result.events[0].issue, "acme/payments#1");
}

TEST(GithubParserTest, NamesDocumentsThatAreNoneOfTheShapes) {
  Parser parser;
  EXPECT_THAT(
      parser.Parse("{\"event\": [", "cut.json").errors,
      ElementsAre(testing::ErrorAt("cut.json", HasSubstr("not valid JSON"))));
  EXPECT_THAT(parser
                  .Parse(R"({"action":"opened","pull_request":{"number":3}})",
                         "pr.json")
                  .errors,
              ElementsAre(testing::ErrorAt(
                  "pr.json: $.issue", HasSubstr("only `issues` webhooks"))));
  EXPECT_THAT(parser.Parse("\"hello\"", "s.json").errors,
              ElementsAre(testing::ErrorAt("s.json: $")));
}

}  // namespace
}  // namespace teamload::collectors::github
