// End to end: teamloadctl against a real teamloadd.
#include <chrono>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "teamload/v1/narrative.pb.h"
#include "teamload/v1/team.pb.h"
#include "tests/support/process.h"

namespace teamload {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Whether `text` has any of the bytes in `bytes`.
MATCHER_P(ContainsAnyOf, bytes, "") {
  return absl::string_view(arg).find_first_of(bytes) != absl::string_view::npos;
}

class CliTest : public ::testing::Test {
 protected:
  CliTest()
      : daemon_(dir_.path(),
                "teams:\n  - name: payments\n    expected_sources: [pagerduty, "
                "jira]\n"
                "  - name: search\n") {}
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(daemon_.Start()); }

  testing::ProcessResult Ctl(std::vector<std::string> args,
                             const std::string& input = "") {
    args.insert(args.begin(),
                {testing::TeamloadctlPath(), "--addr", daemon_.address()});
    return testing::Run(args, input);
  }

  testing::TempDir dir_;
  testing::Daemon daemon_;
};

constexpr char kLines[] =
    R"({"id":"pd:1","team":"payments","source":"pagerduty","occurredAt":"2026-11-20T03:12:00Z","page":{"urgency":"URGENCY_HIGH"}})"
    "\n"
    R"({"id":"pd:2","team":"payments","source":"pagerduty","occurredAt":"2026-11-20T04:00:00Z","page":{}})"
    "\n"
    "this is not json\n"
    "\n"
    R"({"id":"pd:3","team":"billing","source":"pagerduty","occurredAt":"2026-11-20T05:00:00Z","page":{}})"
    "\n"
    R"({"id":"jira:PAY-1","team":"payments","source":"jira","occurredAt":"2026-11-19T09:00:00Z","deferral":{"item":"PAY-1","timesDeferred":3}})"
    "\n"
    R"({"source":"jira","team":"payments","coveredThrough":"2026-11-26T00:00:00Z"})"
    "\n";

TEST_F(CliTest, IngestReportsBadLinesByNumberAndSendsTheRest) {
  testing::ProcessResult result = Ctl({"ingest", "-"}, kLines);
  EXPECT_EQ(result.exit_code, 1)
      << "malformed and rejected lines must fail the command";
  EXPECT_THAT(result.err,
              HasSubstr("stdin:3: skipped, not a signal or coverage:"));
  EXPECT_THAT(
      result.err,
      HasSubstr("stdin:5: rejected pd:3: team: unknown team \"billing\""));
  EXPECT_THAT(result.out,
              HasSubstr("stdin: 7 lines; signals: 3 accepted, 0 duplicate, 0 "
                        "revised, 1 rejected; "
                        "coverage: 1 accepted, 0 rejected; 1 malformed lines"));

  testing::ProcessResult team = Ctl({"team", "payments", "--json"});
  ASSERT_EQ(team.exit_code, 0) << team.err;
  v1::Team parsed;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(team.out, &parsed).ok())
      << team.out;
  EXPECT_EQ(parsed.signal_counts().at("page"), 2);
  EXPECT_EQ(parsed.signal_counts().at("deferral"), 1);
  ASSERT_EQ(parsed.coverage_size(), 1);
}

TEST_F(CliTest, IngestOfACleanFileExitsZeroAndIsIdempotent) {
  const auto file = dir_.path() / "clean.jsonl";
  std::ofstream(file)
      << R"({"id":"pd:1","team":"search","source":"pagerduty","occurredAt":"2026-11-20T03:12:00Z","page":{}})"
      << "\n";
  testing::ProcessResult first =
      Ctl({"ingest", file.string(), "--batch-size", "1"});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("signals: 1 accepted, 0 duplicate"));
  testing::ProcessResult again = Ctl({"ingest", file.string()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("signals: 0 accepted, 1 duplicate"));
}

TEST_F(CliTest, TeamsPrintsATableWithCountsAndCoverage) {
  ASSERT_EQ(Ctl({"ingest", "-"}, kLines).exit_code, 1);
  testing::ProcessResult result = Ctl({"teams"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(
      result.out,
      HasSubstr("TEAM      TIME ZONE  ON-CALL  PAGES  OOPSES  DEFERRALS"));
  EXPECT_THAT(result.out,
              HasSubstr("payments  UTC        1        2      0       1        "
                        "  0             "
                        "pagerduty never, jira through 2026-11-26 00:00"));
  EXPECT_THAT(
      result.out,
      HasSubstr("search    UTC        1        0      0       0          0"));
}

TEST_F(CliTest, UnknownTeamAndUnreachableDaemonAreClearErrors) {
  testing::ProcessResult missing = Ctl({"team", "billing"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(
      missing.err,
      HasSubstr("no team named \"billing\"; known teams: payments, search"));

  daemon_.Stop();
  testing::ProcessResult down = Ctl({"teams"});
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_THAT(down.err, HasSubstr("cannot reach teamloadd"));
}

// The stream client rides out a daemon that is down when it starts and one
// killed mid-stream: it reconnects, sends every unanswered batch again, and
// in the end every line is in, exactly once.
TEST_F(CliTest, IngestRetriesAcrossRestartsAndLosesNothing) {
  constexpr int kSignals = 30'000;
  const auto file = dir_.path() / "many.jsonl";
  {
    std::ofstream out(file);
    for (int i = 0; i < kSignals; ++i) {
      out << R"({"id":"pd:)" << i
          << R"(","team":"search","source":"pagerduty","occurredAt":"2026-11-20T03:12:00Z","page":{}})"
          << "\n";
    }
  }
  ASSERT_NO_FATAL_FAILURE(daemon_.PinAddress());
  daemon_.Kill();
  testing::ProcessResult ingest;
  std::thread client([&] {
    ingest = Ctl({"ingest", file.string(), "--batch-size", "500"});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_NO_FATAL_FAILURE(daemon_.Start());
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  daemon_.Kill();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_NO_FATAL_FAILURE(daemon_.Start());
  client.join();

  EXPECT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_THAT(ingest.err, HasSubstr("unavailable"));
  EXPECT_THAT(ingest.err, HasSubstr("retry 1 in"));
  testing::ProcessResult team = Ctl({"team", "search", "--json"});
  ASSERT_EQ(team.exit_code, 0) << team.err;
  v1::Team parsed;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(team.out, &parsed).ok());
  EXPECT_EQ(parsed.signal_counts().at("page"), kSignals);
}

// A title with terminal controls (window title, bell, carriage return), a
// line break and markup, and an id with a backtick.
constexpr char kHostileOops[] =
    R"({"id":"oops:a`b","team":"payments","source":"oops","occurredAt":"2026-11-02T10:00:00Z",)"
    R"("oops":{"title":"db\u001b]0;pwned\u0007 fell\rover\n# <script>alert(1)</script>"}})"
    "\n";
constexpr char kHostileTitle[] =
    "db\x1b]0;pwned\x07 fell\rover\n# <script>alert(1)</script>";

TEST_F(CliTest, NarrativeShowsControlsEscapedAndJsonKeepsThemExact) {
  ASSERT_EQ(Ctl({"ingest", "-"}, kHostileOops).exit_code, 0);

  testing::ProcessResult shown =
      Ctl({"narrative", "payments", "--as-of", "2026-11-27T00:00:00Z"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out,
              HasSubstr("(oldest: \"db\\x1b\\]0;pwned\\x07 fell\\rover \\# "
                        "\\<script\\>alert(1)\\</script\\>\", 2026-11-02)."));
  EXPECT_THAT(shown.out, HasSubstr("\nEvidence: ``oops:a`b``\n"));
  EXPECT_THAT(shown.out, Not(ContainsAnyOf("\x1b\x07\r")));

  testing::ProcessResult json = Ctl(
      {"narrative", "payments", "--as-of", "2026-11-27T00:00:00Z", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  v1::Narrative parsed;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(json.out, &parsed).ok())
      << json.out;
  ASSERT_EQ(parsed.findings_size(), 1);
  EXPECT_THAT(parsed.findings(0).summary(),
              HasSubstr(absl::StrCat("(oldest: \"", kHostileTitle, "\", ")));
  EXPECT_EQ(parsed.findings(0).evidence().signal_ids(0), "oops:a`b");

  testing::ProcessResult table =
      Ctl({"narratives", "--as-of", "2026-11-27T00:00:00Z"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, Not(ContainsAnyOf("\x1b\x07\r")));
}

}  // namespace
}  // namespace teamload
