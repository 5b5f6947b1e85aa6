#include "collectors/jira/csv_export.h"

#include "collectors/common/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::jira {
namespace {

using ::testing::_;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

ParseResult ParseFixture() {
  return ParseCsvExport(
      testing::ReadFixture(TEAMLOAD_JIRA_CSV, "jira-export-all-fields.csv"),
      "export.csv", CsvExportOptions{});
}

TEST(JiraCsvTest, ReadsTheAllFieldsExportWithRepeatedColumns) {
  ParseResult result = ParseFixture();
  EXPECT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.issues.size(), 5u);
  const Issue& certs = result.issues[0];
  EXPECT_EQ(certs.key, "PAY-812");
  EXPECT_EQ(certs.project, "PAY");
  EXPECT_EQ(certs.title, "Rotate payment gateway certificates");
  EXPECT_THAT(certs.components, ElementsAre("ledger", "api"));
  EXPECT_THAT(certs.labels, ElementsAre("tech-debt"));
  EXPECT_EQ(certs.created_at,
            absl::FromUnixSeconds(1'788'340'500));  // 02/Sep/26 9:15 AM
  EXPECT_EQ(certs.updated_at,
            absl::FromUnixSeconds(1'795'192'860));  // 20/Nov/26 4:41 PM
  // Listed in three sprints: carried over twice.
  EXPECT_EQ(certs.times_deferred, 2);
  EXPECT_EQ(certs.first_deferred_at, certs.created_at);
  EXPECT_EQ(certs.resolved_at, absl::InfiniteFuture());

  const Issue& webhooks = result.issues[1];
  EXPECT_EQ(webhooks.times_deferred, 1);
  EXPECT_EQ(webhooks.resolved_at, absl::FromUnixSeconds(1'794'999'720));
  EXPECT_EQ(result.issues[2].key, "PAY-820");
  EXPECT_EQ(result.issues[2].times_deferred, 0)
      << "one sprint: planned, not deferred";
}

TEST(JiraCsvTest, SignalsAreTheRestPathsDeferrals) {
  ParseResult result = ParseFixture();
  ASSERT_EQ(result.issues.size(), 5u);
  EXPECT_THAT(testing::MappedSignal(result.issues[0], testing::Mapping()),
              testing::EqualsTextProto(
                  R"(id: "jira:PAY-812" team: "payments" source: "jira"
                     occurred_at { seconds: 1788340500 }
                     deferral { item: "PAY-812"
                                title: "Rotate payment gateway certificates"
                                times_deferred: 2 })"));
  const v1::Signal webhooks =
      testing::MappedSignal(result.issues[1], testing::Mapping());
  EXPECT_TRUE(webhooks.deferral().resolved());
  EXPECT_EQ(webhooks.deferral().resolved_at().seconds(), 1'794'999'720);

  // PAY-820 was never deferred: no signal; OPS-7 is nobody's.
  std::string unmapped;
  EXPECT_THAT(testing::MappedTeams(result.issues, &unmapped),
              ElementsAre("payments", "payments", "", "search", ""));
  EXPECT_EQ(unmapped, "issue OPS-7 (project OPS, components [], labels [])");
}

TEST(JiraCsvTest, ReadsCloudSpellingsIsoDatesAndAnotherFormat) {
  CsvExportOptions options;
  options.date_format = "%Y/%m/%d %H:%M";
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &options.zone));
  ParseResult result = ParseCsvExport(
      "Issue key,Summary,Created,Resolved,Components,Sprint,Sprint\n"
      "PAY-1,a,2026/10/01 10:00,,ledger,S1,S1\n"  // one sprint twice
      "PAY-2,b,2026-10-01T08:00:00Z,,,S1,S2\n",
      "cloud.csv", options);
  ASSERT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.issues.size(), 2u);
  EXPECT_THAT(result.issues[0].components, ElementsAre("ledger"));
  EXPECT_EQ(result.issues[0].created_at,
            absl::FromUnixSeconds(1'790'841'600));  // 08:00Z, CEST
  EXPECT_EQ(result.issues[0].times_deferred, 0);
  EXPECT_EQ(result.issues[1].created_at, absl::FromUnixSeconds(1'790'841'600));
  EXPECT_EQ(result.issues[1].times_deferred, 1);
  EXPECT_EQ(result.issues[1].project, "PAY") << "from the key";
}

TEST(JiraCsvTest, NamesBadRowsAndReadsTheRest) {
  ParseResult result = ParseCsvExport(
      "Issue key,Created,Resolved,Sprint,Sprint\n"
      ",01/Oct/26 9:00 AM,,S1,S2\n"
      "PAY-1,someday,,S1,S2\n"
      "PAY-2,01/Oct/26 9:00 AM,never,S1,S2\n"
      "PAY-3,01/Oct/26 9:00 AM,,S1,S2\n",
      "bad.csv", CsvExportOptions{});
  EXPECT_THAT(
      result.errors,
      ElementsAre(
          testing::ErrorAt("bad.csv:2: column \"Issue key\"", "is empty"),
          testing::ErrorAt("bad.csv:3: column \"Created\"",
                           "\"someday\" is not a timestamp (%d/%b/%y %I:%M "
                           "%p, RFC 3339, or epoch milliseconds or "
                           "nanoseconds)"),
          testing::ErrorAt("bad.csv:4: column \"Resolved\"")));
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].key, "PAY-3");

  ParseResult current_fields = ParseCsvExport(
      "Issue key,Created\nPAY-4,01/Oct/26 9:00 AM\n", "current.csv", {});
  EXPECT_THAT(current_fields.errors,
              ElementsAre(testing::ErrorAt(
                  "current.csv",
                  "no \"Sprint\" column, so no deferral can be seen (export "
                  "with Export CSV (all fields)); issues read without it")));
  EXPECT_EQ(current_fields.issues.size(), 1u);

  ParseResult other = ParseCsvExport("Key,When\nA,B\n", "other.csv", {});
  EXPECT_THAT(other.errors,
              ElementsAre(testing::ErrorAt(
                  _,
                  "not a Jira CSV export: no \"Issue key\" and \"Created\" "
                  "columns (the header has: Key, When)")));
}

}  // namespace
}  // namespace teamload::collectors::jira
