#include "collectors/github/issue_history.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "collectors/common/testing.h"
#include "collectors/github/test_inputs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::github {
namespace {

using ::testing::IsEmpty;

// Every fixture, as teamload-github reads the folder.
IssueHistory FromFixtures(std::set<std::string> deferral_labels) {
  IssueHistory history(std::move(deferral_labels));
  Parser parser;
  for (const char* path : {"events.json", "issues.json",
                           "repos/acme/payments/issues/46/events.json",
                           "webhooks/search-7-demilestoned.json",
                           "webhooks/search-7-labeled.json"}) {
    ParseResult parsed = parser.Parse(Fixture(path), path);
    EXPECT_THAT(parsed.errors, IsEmpty()) << path;
    history.Add(parsed);
  }
  return history;
}

std::map<std::string, Issue> ByKey(const IssueHistory& history) {
  std::map<std::string, Issue> issues;
  for (Issue& issue : history.Issues()) issues[issue.key] = std::move(issue);
  return issues;
}

// One event on acme/payments#1 (an issue object "t", open, updated before
// everything here).
std::string Event(int id, const std::string& event, const std::string& at,
                  const std::string& extra = "") {
  return absl::StrCat(
      R"({"id":)", id, R"(,"event":")", event, R"(","created_at":")", at,
      R"(",)", extra,
      R"("issue":{"number":1,"repository_url":"https://api.github.com/repos/acme/payments",)"
      R"("title":"t","state":"open","updated_at":"2026-09-01T00:00:00Z"}})");
}

Issue FoldOne(const std::vector<std::string>& events,
              std::set<std::string> deferral_labels = {"deferred"}) {
  IssueHistory history(std::move(deferral_labels));
  Parser parser;
  ParseResult parsed =
      parser.Parse(absl::StrCat("[", absl::StrJoin(events, ","), "]"), "e");
  EXPECT_THAT(parsed.errors, IsEmpty());
  history.Add(parsed);
  std::vector<Issue> issues = history.Issues();
  EXPECT_EQ(issues.size(), 1u);
  return issues.empty() ? Issue{} : issues[0];
}

TEST(GithubHistoryTest, FoldsTheFixturesIntoSignalsFieldByField) {
  const IssueHistory history = FromFixtures({"tech-debt", "deferred"});
  std::map<std::string, Issue> issues = ByKey(history);
  std::vector<std::string> keys;
  for (const auto& [key, issue] : issues) keys.push_back(key);
  // #44 is a pull request.
  EXPECT_THAT(keys,
              ::testing::ElementsAre("acme/payments#42", "acme/payments#43",
                                     "acme/payments#45", "acme/payments#46",
                                     "acme/search#7"));
  EXPECT_EQ(history.newest(), Utc(2026, 11, 10, 16, 30));
  EXPECT_EQ(history.duplicate_events(), 0);

  // Each deferral signal, with how its issue got there. #45, labeled "bug"
  // only, was never deferred: nothing to say, and not unmapped either.
  const struct {
    const char* key;
    const char* team;
    const char* title;
    int times_deferred;
    absl::Time deferred_at;
    std::optional<absl::Time> resolved_at;  // nullopt: still open
  } kDeferrals[] = {
      // Demilestoned twice, then labeled tech-debt; still open.
      {"acme/payments#42", "payments", "Rotate the ledger signing keys", 3,
       Utc(2026, 10, 1, 10, 0), std::nullopt},
      // Demilestoned, then closed: resolved when closed.
      {"acme/payments#43", "payments", "Drop the v1 refunds endpoint", 1,
       Utc(2026, 10, 1, 10, 5), Utc(2026, 11, 10, 16, 30)},
      // Only its per-issue events list was read: no title.
      {"acme/payments#46", "payments", "", 2, Utc(2026, 10, 5, 12, 0),
       std::nullopt},
      // Two webhooks; its repository is unmapped, its label is not.
      {"acme/search#7", "search", "Reindex job times out at night", 2,
       Utc(2026, 11, 3, 14, 0), std::nullopt},
  };
  std::string unmapped;
  for (const auto& want : kDeferrals) {
    SCOPED_TRACE(want.key);
    std::optional<v1::Signal> s =
        ToSignal(issues[want.key], testing::Mapping(), &unmapped);
    ASSERT_TRUE(s.has_value()) << unmapped;
    EXPECT_EQ(s->id(), absl::StrCat("github:", want.key));
    EXPECT_EQ(s->team(), want.team);
    EXPECT_EQ(s->source(), "github");
    EXPECT_EQ(s->occurred_at().seconds(),
              absl::ToUnixSeconds(want.deferred_at));
    EXPECT_EQ(s->deferral().item(), want.key);
    EXPECT_EQ(s->deferral().title(), want.title);
    EXPECT_EQ(s->deferral().times_deferred(), want.times_deferred);
    EXPECT_EQ(s->deferral().resolved(), want.resolved_at.has_value());
    EXPECT_EQ(s->deferral().has_resolved_at(), want.resolved_at.has_value());
    if (want.resolved_at.has_value()) {
      EXPECT_EQ(s->deferral().resolved_at().seconds(),
                absl::ToUnixSeconds(*want.resolved_at));
    }
  }
  EXPECT_FALSE(
      ToSignal(issues["acme/payments#45"], testing::Mapping(), &unmapped)
          .has_value());
  EXPECT_THAT(unmapped, IsEmpty());
}

TEST(GithubHistoryTest, WithoutDeferralLabelsOnlyDemilestonedCounts) {
  std::map<std::string, Issue> issues = ByKey(FromFixtures({}));
  EXPECT_EQ(issues["acme/payments#42"].times_deferred, 2);
  EXPECT_EQ(issues["acme/payments#46"].times_deferred, 1);
  EXPECT_EQ(issues["acme/search#7"].times_deferred, 1);
}

TEST(GithubHistoryTest, ALabelThatIsNotADeferralLabelDefersNothing) {
  const Issue issue = FoldOne(
      {Event(1, "labeled", "2026-10-01T10:00:00Z",
             R"("label":{"name":"bug"},)"),
       Event(2, "labeled", "2026-10-02T10:00:00Z",
             R"("label":{"name":"Deferred"},)")});  // names match exactly
  EXPECT_EQ(issue.times_deferred, 0);
}

TEST(GithubHistoryTest, ClosingResolvesReopeningReopensAndClosedIssuesStay) {
  Issue issue =
      FoldOne({Event(1, "demilestoned", "2026-10-01T10:00:00Z"),
               Event(2, "closed", "2026-10-05T10:00:00Z"),
               // Taking the milestone off a closed issue is housekeeping.
               Event(3, "demilestoned", "2026-10-06T10:00:00Z")});
  EXPECT_EQ(issue.times_deferred, 1);
  EXPECT_EQ(issue.resolved_at, Utc(2026, 10, 5, 10, 0));

  issue = FoldOne({Event(1, "demilestoned", "2026-10-01T10:00:00Z"),
                   Event(2, "closed", "2026-10-05T10:00:00Z"),
                   Event(3, "reopened", "2026-10-07T10:00:00Z"),
                   Event(4, "labeled", "2026-10-08T10:00:00Z",
                         R"("label":{"name":"deferred"},)")});
  EXPECT_EQ(issue.times_deferred, 2);
  EXPECT_EQ(issue.first_deferred_at, Utc(2026, 10, 1, 10, 0));
  EXPECT_EQ(issue.resolved_at, absl::InfiniteFuture());

  // Deferred and closed in the same second: deferred, then closed.
  issue = FoldOne({Event(2, "closed", "2026-10-05T10:00:00Z"),
                   Event(1, "demilestoned", "2026-10-05T10:00:00Z")});
  EXPECT_EQ(issue.times_deferred, 1);
  EXPECT_EQ(issue.resolved_at, Utc(2026, 10, 5, 10, 0));
}

TEST(GithubHistoryTest, AnIssuesListSaysClosedWithoutACloseEvent) {
  IssueHistory history({});
  Parser parser;
  ParseResult events = parser.Parse(
      R"([{"id":1,"event":"demilestoned","created_at":"2026-10-01T10:00:00Z"}])",
      "repos/acme/payments/issues/5/events.json");
  ParseResult list = parser.Parse(
      R"([{"number":5,"repository_url":"https://api.github.com/repos/acme/payments",)"
      R"("title":"t","state":"closed","closed_at":"2026-10-09T12:00:00Z",)"
      R"("updated_at":"2026-10-09T12:00:00Z"}])",
      "issues.json");
  history.Add(events);
  history.Add(list);
  std::vector<Issue> issues = history.Issues();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].times_deferred, 1);
  EXPECT_EQ(issues[0].resolved_at, Utc(2026, 10, 9, 12, 0));
}

TEST(GithubHistoryTest, EventsReadTwiceCountOnce) {
  IssueHistory history({"tech-debt"});
  Parser parser;
  // Overlapping pages of the same list, saved twice.
  for (const char* name : {"events.json", "events-again.json"}) {
    ParseResult parsed = parser.Parse(Fixture("events.json"), name);
    history.Add(parsed);
  }
  // A webhook telling the first change to #42 again: no id, same issue,
  // kind, milestone and second.
  ParseResult webhook = parser.Parse(
      R"({"action":"demilestoned","milestone":{"title":"v1.4"},)"
      R"("repository":{"full_name":"acme/payments"},"issue":{"number":42,)"
      R"("title":"Rotate the ledger signing keys","state":"open",)"
      R"("updated_at":"2026-10-01T10:00:00Z"}})",
      "webhook.json");
  history.Add(webhook);
  EXPECT_EQ(history.duplicate_events(), 7);  // 6 relevant events, 1 webhook
  std::map<std::string, Issue> issues = ByKey(history);
  EXPECT_EQ(issues["acme/payments#42"].times_deferred, 3);
  EXPECT_EQ(issues["acme/payments#43"].times_deferred, 1);
}

TEST(GithubHistoryTest, MapsByLabelThenRepositoryAndNamesTheUnmapped) {
  Issue issue;
  issue.key = "acme/payments#8";
  issue.repository = "acme/payments";
  issue.labels = {"bug", "team-search"};
  issue.times_deferred = 1;
  issue.first_deferred_at = Utc(2026, 10, 1, 10, 0);
  std::string unmapped;
  EXPECT_EQ(ToSignal(issue, testing::Mapping(), &unmapped)->team(), "search");
  issue.labels = {"bug"};
  EXPECT_EQ(ToSignal(issue, testing::Mapping(), &unmapped)->team(), "payments");
  issue.key = "acme/legacy#3";
  issue.repository = "acme/legacy";
  issue.labels = {"bug", "deferred"};
  EXPECT_FALSE(ToSignal(issue, testing::Mapping(), &unmapped).has_value());
  EXPECT_EQ(unmapped,
            "issue acme/legacy#3 (repository acme/legacy, labels [bug "
            "deferred])");
}

TEST(GithubMigrationTest, IssuesCarryingTheLabelAreMigrations) {
  IssueHistory history({});
  Parser parser;
  for (const char* path : {"../github_migrations/issues.json",
                           "../github_migrations/events.json"}) {
    ParseResult parsed = parser.Parse(Fixture(path), path);
    ASSERT_THAT(parsed.errors, IsEmpty()) << path;
    history.Add(parsed);
  }
  std::map<std::string, Issue> issues = ByKey(history);
  ASSERT_EQ(issues.size(), 2u);
  absl::StatusOr<TeamMapping> mapping = TeamMapping::Parse(
      "teams:\n  payments:\n    github: {repositories: [acme/payments]}\n",
      "teams.yaml");
  ASSERT_TRUE(mapping.ok()) << mapping.status();
  const MigrationLabels options{.label = "migration"};
  std::string why;

  std::optional<teamload::v1::Signal> pg =
      ToMigrationSignal(issues.at("acme/payments#51"), *mapping, options, &why);
  ASSERT_TRUE(pg.has_value()) << why;
  EXPECT_EQ(pg->id(), "github:migration/acme/payments#51");
  EXPECT_EQ(pg->team(), "payments");
  EXPECT_EQ(pg->occurred_at().seconds(),
            absl::ToUnixSeconds(Utc(2026, 3, 2, 8, 15)));
  EXPECT_EQ(pg->migration().name(), "acme/payments#51");
  EXPECT_EQ(pg->migration().title(), "Move the ledger to PostgreSQL 16");
  EXPECT_EQ(pg->migration().planned_end().seconds(),
            absl::ToUnixSeconds(Utc(2026, 9, 30, 7, 0)));
  EXPECT_EQ(pg->migration().finished_at().seconds(),
            absl::ToUnixSeconds(Utc(2026, 10, 1, 14, 20)) + 41);
  EXPECT_EQ(pg->migration().retro_written_at().seconds(),
            absl::ToUnixSeconds(Utc(2026, 10, 20, 12, 31)) + 7);

  std::optional<teamload::v1::Signal> k8s =
      ToMigrationSignal(issues.at("acme/payments#58"), *mapping, options, &why);
  ASSERT_TRUE(k8s.has_value());
  EXPECT_FALSE(k8s->migration().has_planned_end()) << "no milestone";
  EXPECT_FALSE(k8s->migration().has_finished_at());
  EXPECT_FALSE(k8s->migration().has_retro_written_at());

  // Without --migration-label nothing is a migration, and neither issue was
  // deferred.
  EXPECT_FALSE(
      ToMigrationSignal(issues.at("acme/payments#51"), *mapping, {}, &why)
          .has_value());
  EXPECT_FALSE(
      ToSignal(issues.at("acme/payments#51"), *mapping, &why).has_value());
  EXPECT_EQ(why, "");
}

}  // namespace
}  // namespace teamload::collectors::github
