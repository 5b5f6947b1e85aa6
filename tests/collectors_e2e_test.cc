// End to end: collector binaries against a real teamloadd.
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "teamload/v1/narrative.pb.h"
#include "teamload/v1/team.pb.h"
#include "tests/support/collector_test.h"
#include "tests/support/process.h"
#include "tests/support/team_state.h"

namespace teamload {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CollectorTest : public testing::CollectorE2eTest {
 protected:
  CollectorTest()
      : CollectorE2eTest(
            "teams:\n  - name: payments\n    expected_sources: [pagerduty]\n"
            "  - name: search\n    expected_sources: [pagerduty]\n",
            "teams:\n  payments:\n    pagerduty: {escalation_policies: "
            "[PY82TC6]}\n"
            "    opsgenie: {tags: [vip], integrations: [Integration1]}\n"
            "    jira: {projects: [SP, PAY]}\n"
            "  search:\n    pagerduty: {services: [PSEARCH]}\n"
            "    jira: {labels: [team-search]}\n") {}
  using CollectorE2eTest::Collect;
  // teamload-pagerduty on `inputs`.
  testing::ProcessResult Collect(std::vector<std::string> inputs) {
    return CollectorE2eTest::Collect(TEAMLOAD_PAGERDUTY_PATH, inputs);
  }

  // The run that gave `result` went well and says `summary`, and payments
  // now holds `count` signals of `kind` and coverage from `source`.
  void ExpectDelivered(const testing::ProcessResult& result,
                       const std::string& summary, const std::string& kind,
                       int count, const std::string& source) {
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.err, HasSubstr(summary));
    testing::ExpectSignalsAndCoverage(Team("payments"), kind, count, source);
  }
};

// A wrong flag stops the run before anything is read or sent.
TEST_F(CollectorTest, ABadCoveredThroughStopsBeforeReading) {
  testing::ProcessResult result = Collect(
      {"--covered-through", "yesterday", TEAMLOAD_FIXTURES "/pagerduty"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("teamload-pagerduty: --covered-through: "
                                    "\"yesterday\" is not a timestamp"));
  EXPECT_THAT(result.err, Not(HasSubstr("records")));
  EXPECT_EQ(Team("payments").coverage_size(), 0);
}

TEST_F(CollectorTest, PagerDutySendsTheRealWebhooksAndCoverage) {
  ASSERT_NO_FATAL_FAILURE(ExpectDelivered(
      Collect({TEAMLOAD_FIXTURES "/pagerduty"}),
      "2 files, 2 records, 2 signals (signals: 2 accepted, 0 duplicate, 0 "
      "revised, 0 rejected",
      "page", 2, "pagerduty"));
  EXPECT_EQ(Team("payments").coverage(0).covered_through().seconds(),
            1'622'813'729);
  // search has no incidents, but it was looked at: covered, not blind.
  EXPECT_EQ(Team("search").coverage_size(), 1);

  testing::ProcessResult again = Collect({TEAMLOAD_FIXTURES "/pagerduty"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("0 accepted, 2 duplicate"));
}

TEST_F(CollectorTest, SkipsBadAndUnmappedRecordsByNameAndSendsTheRest) {
  const auto bad = dir_.path() / "bad.json";
  std::ofstream(bad) << "{\"event\": {\"event_type\": \"incident.triggered\"";
  const auto stranger = dir_.path() / "stranger.json";
  std::ofstream(stranger)
      << R"({"event":{"event_type":"incident.triggered","occurred_at":"2026-11-20T03:00:00Z",)"
         R"("data":{"id":"PX9","title":"x","service":{"id":"PNOBODY","summary":"legacy"}}}})";
  testing::ProcessResult result =
      Collect({bad.string(), stranger.string(),
               TEAMLOAD_FIXTURES "/pagerduty/zulip_triggered_v3.json"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr(bad.string() + ": skipped: not valid JSON"));
  EXPECT_THAT(result.err,
              HasSubstr("unmapped: incident PX9 (service PNOBODY \"legacy\""));
  EXPECT_THAT(result.err, HasSubstr("1 unmapped, 1 malformed"));
  EXPECT_EQ(Team("payments").signal_counts().at("page"), 1);

  result = Collect(
      {"--allow-partial", bad.string(), TEAMLOAD_FIXTURES "/pagerduty"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST_F(CollectorTest, OpsgenieSendsTheRealWebhooksToo) {
  ExpectDelivered(
      Collect(TEAMLOAD_OPSGENIE_PATH, {TEAMLOAD_FIXTURES "/opsgenie"}),
      "2 files, 2 records, 2 signals (signals: 2 accepted", "page", 2,
      "opsgenie");
}

TEST_F(CollectorTest, JiraSendsDeferredIssuesOnly) {
  const auto deferred = dir_.path() / "PAY-9.json";
  std::ofstream(deferred)
      << R"({"key":"PAY-9","fields":{"summary":"rotate certs","created":"2026-09-01T09:00:00.000+0000"},)"
         R"("changelog":{"histories":[{"created":"2026-10-01T10:00:00.000+0000",)"
         R"("items":[{"field":"Sprint","fromString":"S1","toString":"S2"}]}]}})";
  ExpectDelivered(Collect(TEAMLOAD_JIRA_PATH,
                          {TEAMLOAD_FIXTURES "/jira", deferred.string()}),
                  "2 files, 2 records, 1 signals (signals: 1 accepted",
                  "deferral", 1, "jira");
}

TEST_F(CollectorTest, JiraReadsTheCsvExportToo) {
  testing::ProcessResult result =
      Collect(TEAMLOAD_JIRA_PATH, {"--allow-partial", TEAMLOAD_JIRA_CSV});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err,
              HasSubstr("unmapped: issue OPS-7 (project OPS, components [], "
                        "labels [])"));
  // PAY-812 (3 sprints), PAY-815 (2, resolved) and SRCH-101 (2) were carried
  // over; PAY-820 sat in one sprint only.
  EXPECT_THAT(result.err,
              HasSubstr("1 files, 5 records, 3 signals (signals: 3 accepted"));
  EXPECT_THAT(result.err, HasSubstr("1 unmapped, 0 malformed"));
  EXPECT_EQ(Team("payments").signal_counts().at("deferral"), 2);
  EXPECT_EQ(Team("search").signal_counts().at("deferral"), 1);
}

// Epics carrying --migration-label are migrations; one whose due date was
// pushed is a deferral too.
TEST_F(CollectorTest, JiraSendsMigrationEpicsToo) {
  ExpectDelivered(
      Collect(TEAMLOAD_JIRA_PATH, {"--migration-label", "migration",
                                   TEAMLOAD_FIXTURES "/../jira_epics"}),
      "1 files, 3 records, 3 signals (signals: 3 accepted", "migration", 2,
      "jira");
  EXPECT_EQ(Team("payments").signal_counts().at("deferral"), 1);
  const auto story = CtlJson<v1::Narrative>(
      {"narrative", "payments", "--as-of", "2026-11-26T00:00:00Z", "--json"});
  const v1::Finding* migration = nullptr;
  for (const v1::Finding& f : story.findings())
    if (f.detector() == "migration_load") migration = &f;
  ASSERT_NE(migration, nullptr) << story.markdown();
  EXPECT_EQ(migration->level(), v1::LEVEL_WATCH);
  EXPECT_THAT(migration->summary(),
              HasSubstr("1 is past the planned end (longest: \"Kubernetes "
                        "1.31 on every cluster\", 25 days past 2026-11-01)"));
  EXPECT_THAT(migration->evidence().signal_ids(),
              ::testing::ElementsAre("jira:migration/PAY-533"));
  // PAY-412 finished on 2026-10-01 and was looked back on on 2026-10-20.
  const auto themes = CtlJson<v1::ListThemesResponse>(
      {"themes", "--as-of", "2026-11-26T00:00:00Z", "--json"});
  EXPECT_EQ(themes.migrations().finished(), 1);
  EXPECT_EQ(themes.migrations().looked_back_on(), 1);
}

// Exit code 2 means "fix the command line or the mapping", for every
// collector, however CLI11 would number the error.
TEST(CollectorCommandLineTest, AWrongCommandLineExitsTwoWithTheReason) {
  for (const char* collector :
       {TEAMLOAD_PAGERDUTY_PATH, TEAMLOAD_OPSGENIE_PATH, TEAMLOAD_JIRA_PATH}) {
    testing::ProcessResult missing = testing::Run({collector, "x.json"});
    EXPECT_EQ(missing.exit_code, 2) << collector;
    EXPECT_THAT(missing.err, HasSubstr("--mapping is required")) << collector;
    testing::ProcessResult no_file =
        testing::Run({collector, "--mapping", "no-such.yaml", "x.json"});
    EXPECT_EQ(no_file.exit_code, 2) << collector;
    EXPECT_THAT(no_file.err,
                HasSubstr("--mapping: File does not exist: no-such.yaml"))
        << collector;
    testing::ProcessResult help = testing::Run({collector, "--help"});
    EXPECT_EQ(help.exit_code, 0) << collector;
    EXPECT_THAT(help.out, HasSubstr("--mapping")) << collector;
  }
}

}  // namespace
}  // namespace teamload
