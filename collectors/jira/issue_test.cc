#include "collectors/jira/issue.h"

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "collectors/common/inputs.h"
#include "collectors/common/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::jira {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// An issue with the given changelog items, newest history first as Jira sends
// them.
std::string IssueJson(const std::string& key, const std::string& histories,
                      const std::string& components = "[]",
                      const std::string& labels = "[]") {
  return absl::StrFormat(
      R"({"key":"%s","fields":{"summary":"rotate certs","created":"2026-09-01T09:00:00.000+0000",)"
      R"("project":{"key":"%s"},"components":%s,"labels":%s},"changelog":{"histories":[%s]}})",
      key, key.substr(0, key.find('-')), components, labels, histories);
}

std::string History(const std::string& at, const std::string& field,
                    const std::string& from, const std::string& to) {
  return absl::StrFormat(
      R"({"created":"%s","items":[{"field":"%s","fromString":"%s","toString":"%s"}]})",
      at, field, from, to);
}

TEST(JiraTest, ReadsTheRealIssueWithChangelog) {
  const Issue issue = testing::FixtureRecord<Parser>(
      "jira/jirametrics_SP-15_issue_with_changelog.json", &ParseResult::issues);
  EXPECT_EQ(issue.key, "SP-15");
  EXPECT_EQ(issue.project, "SP");
  EXPECT_EQ(issue.title, "CLONE - Report of people checked in at an event");
  EXPECT_EQ(issue.created_at,
            absl::FromUnixMillis(1'650'818'513'123));  // +0000, no colon
  // Planned into its first sprint; never deferred, never resolved.
  EXPECT_EQ(issue.times_deferred, 0);
  EXPECT_EQ(issue.resolved_at, absl::InfiniteFuture());
  std::string unmapped;
  EXPECT_FALSE(ToSignal(issue, testing::Mapping(), &unmapped).has_value());
  EXPECT_THAT(unmapped, IsEmpty())
      << "an issue never deferred is not unmapped, just not news";
}

TEST(JiraTest, CountsEachWayOfDeferringAndTheResolution) {
  const std::string histories = absl::StrJoin(
      {History("2026-11-20T10:00:00.000+0000", "resolution", "", "Done"),
       History("2026-11-01T10:00:00.000+0000", "duedate", "2026-11-01",
               "2026-11-15"),
       History("2026-10-20T10:00:00.000+0000", "duedate", "2026-11-15",
               "2026-11-01"),  // earlier: no
       History("2026-10-15T10:00:00.000+0000", "Fix Version", "1.4", "1.5"),
       History("2026-10-01T10:00:00.000+0000", "Sprint", "Sprint 3",
               "Sprint 3, Sprint 4"),
       History("2026-09-10T10:00:00.000+0000", "Sprint", "",
               "Sprint 3"),  // first planned: no
       History("2026-09-05T10:00:00.000+0000", "Fix Version", "",
               "1.4")},  // first set: no
      ",");
  Parser parser;
  ParseResult result =
      parser.Parse(IssueJson("PAY-812", histories), "PAY-812.json");
  ASSERT_THAT(result.errors, IsEmpty());
  // It happened when first deferred, 2026-10-01T10:00Z; resolved
  // 2026-11-20T10:00Z.
  EXPECT_THAT(testing::MappedSignal(result.issues[0], testing::Mapping()),
              testing::EqualsTextProto(
                  R"(id: "jira:PAY-812" team: "payments" source: "jira"
                     occurred_at { seconds: 1790848800 }
                     deferral { item: "PAY-812" title: "rotate certs"
                                times_deferred: 3 resolved: true
                                resolved_at { seconds: 1795168800 } })"));
}

TEST(JiraTest, MapsByComponentThenLabelThenProject) {
  Parser parser;
  const std::string moved =
      History("2026-10-01T10:00:00.000+0000", "Sprint", "S1", "S2");
  ParseResult result = parser.Parse(
      absl::StrFormat(R"({"issues":[%s,%s,%s]})",
                      IssueJson("CORE-1", moved, R"([{"name":"ledger"}])"),
                      IssueJson("CORE-2", moved, "[]", R"(["team-search"])"),
                      IssueJson("CORE-3", moved)),
      "search.json");
  ASSERT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.issues.size(), 3u);
  std::string unmapped;
  EXPECT_THAT(testing::MappedTeams(result.issues, &unmapped),
              ElementsAre("payments", "search", ""));
  EXPECT_EQ(unmapped, "issue CORE-3 (project CORE, components [], labels [])");
}

TEST(JiraTest, NamesBadRecordsAndReadsTheRest) {
  Parser parser;
  ParseResult result = parser.Parse(
      R"({"issues":[{"fields":{}},{"key":"PAY-1","fields":{"created":"someday"}},)" +
          IssueJson("PAY-2", History("2026-10-01T10:00:00.000+0000", "Sprint",
                                     "S1", "")) +
          "]}",
      "page.json");
  EXPECT_THAT(
      result.errors,
      ElementsAre(testing::ErrorAt("page.json: $.issues[0].key"),
                  testing::ErrorAt(
                      "page.json: $.issues[1].fields.created",
                      ::testing::HasSubstr("\"someday\" is not a timestamp"))));
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].times_deferred, 1);  // removed from its sprint
}

absl::Time Utc(int y, int mo, int d, int h = 0, int mi = 0, int sec = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, sec),
                         absl::UTCTimeZone());
}

TEST(JiraMigrationTest, EpicsCarryingTheLabelAreMigrations) {
  Parser parser;
  const ParseResult parsed = parser.Parse(
      testing::ReadFixture(TEAMLOAD_JIRA_EPICS, "search_migration_epics.json"),
      "search_migration_epics.json");
  ASSERT_THAT(parsed.errors, IsEmpty());
  ASSERT_EQ(parsed.issues.size(), 3u);
  absl::StatusOr<TeamMapping> mapping = TeamMapping::Parse(
      "teams:\n  payments:\n    jira: {projects: [PAY]}\n", "teams.yaml");
  ASSERT_TRUE(mapping.ok()) << mapping.status();
  const MigrationLabels options{.label = "migration"};
  std::string why;

  // Finished, and looked back on when the label was added.
  std::optional<teamload::v1::Signal> pg =
      ToMigrationSignal(parsed.issues[0], *mapping, options, &why);
  ASSERT_TRUE(pg.has_value()) << why;
  EXPECT_EQ(pg->id(), "jira:migration/PAY-412");
  EXPECT_EQ(pg->team(), "payments");
  EXPECT_EQ(pg->occurred_at().seconds(),
            absl::ToUnixSeconds(Utc(2026, 3, 2, 8, 15)));
  EXPECT_EQ(pg->migration().name(), "PAY-412");
  EXPECT_EQ(pg->migration().title(), "Move the ledger to PostgreSQL 16");
  EXPECT_EQ(pg->migration().planned_end().seconds(),
            absl::ToUnixSeconds(Utc(2026, 9, 30)));
  EXPECT_EQ(pg->migration().finished_at().seconds(),
            absl::ToUnixSeconds(Utc(2026, 10, 1, 14, 20, 41)));
  EXPECT_EQ(pg->migration().retro_written_at().seconds(),
            absl::ToUnixSeconds(Utc(2026, 10, 20, 12, 31, 7)));

  // In flight, its due date pushed once: a deferral too.
  std::optional<teamload::v1::Signal> k8s =
      ToMigrationSignal(parsed.issues[1], *mapping, options, &why);
  ASSERT_TRUE(k8s.has_value());
  EXPECT_FALSE(k8s->migration().has_finished_at());
  EXPECT_FALSE(k8s->migration().has_retro_written_at());
  EXPECT_EQ(k8s->migration().planned_end().seconds(),
            absl::ToUnixSeconds(Utc(2026, 11, 1)));
  EXPECT_TRUE(ToSignal(parsed.issues[1], *mapping, &why).has_value());

  // A story with the label is not an epic; without --migration-label,
  // nothing is a migration.
  EXPECT_FALSE(
      ToMigrationSignal(parsed.issues[2], *mapping, options, &why).has_value());
  EXPECT_FALSE(
      ToMigrationSignal(parsed.issues[0], *mapping, {}, &why).has_value());
  EXPECT_EQ(why, "");

  // An epic no team claims is named.
  absl::StatusOr<TeamMapping> other = TeamMapping::Parse(
      "teams:\n  search:\n    jira: {projects: [SRCH]}\n", "teams.yaml");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(
      ToMigrationSignal(parsed.issues[0], *other, options, &why).has_value());
  EXPECT_EQ(why,
            "issue PAY-412 (project PAY, components [], labels [migration "
            "retrospective-done])");
}

}  // namespace
}  // namespace teamload::collectors::jira
