// End to end: a real teamloadd with reports in its config. teamloadctl
// renders one on demand (the same bytes the RPC returns); the daemon's
// scheduler catches up the latest slot at start, into the outbox beside the
// store, and after a restart finds it claimed and leaves it alone.
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "collectors/synthetic/generator.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/report.grpc.pb.h"
#include "tests/support/process.h"
#include "tests/support/send_history.h"

namespace teamload {
namespace {

using ::testing::HasSubstr;

constexpr char kTeams[] = R"yaml(teams:
  - name: pager_surge
    timezone: Europe/Berlin
    expected_sources: [pagerduty, jira, oops, survey]
  - name: steady
    timezone: Europe/Berlin
    expected_sources: [pagerduty, jira, oops, survey]
)yaml";

TEST(ReportE2eTest, TeamloadctlRendersAReportOnDemand) {
  testing::TempDir dir;
  testing::Daemon daemon(dir.path(), absl::StrCat(kTeams, R"yaml(reports:
  - name: weekly
    schedule: Mon 09:00 Europe/Berlin
    teams: ["*"]
)yaml"));
  daemon.Start();
  const absl::Time end = absl::FromCivil(
      absl::CivilDay(absl::ToCivilDay(absl::Now(), absl::UTCTimeZone())),
      absl::UTCTimeZone());
  auto channel =
      grpc::CreateChannel(daemon.address(), grpc::InsecureChannelCredentials());
  {
    auto ingest = v1::IngestService::NewStub(channel);
    for (auto [name, archetype] :
         {std::pair{"pager_surge", synthetic::Archetype::kPagerSurge},
          std::pair{"steady", synthetic::Archetype::kSteady}}) {
      const synthetic::History history = synthetic::Generate(
          {.name = name, .archetype = archetype}, {.weeks = 12, .end = end});
      ASSERT_NO_FATAL_FAILURE(testing::SendHistory(*ingest, history));
    }
  }
  const std::string as_of =
      absl::FormatTime(absl::RFC3339_sec, end, absl::UTCTimeZone());
  const std::string date =
      absl::FormatTime("%Y-%m-%d", end, absl::UTCTimeZone());

  v1::RenderedReport rpc;
  {
    auto reports = v1::ReportService::NewStub(channel);
    grpc::ClientContext context;
    v1::RenderReportRequest request;
    request.set_name("weekly");
    request.mutable_as_of()->set_seconds(absl::ToUnixSeconds(end));
    grpc::Status status = reports->RenderReport(&context, request, &rpc);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_EQ(rpc.name(), "weekly");
  EXPECT_EQ(rpc.date(), date);
  EXPECT_THAT(rpc.markdown(), HasSubstr("| pager_surge | **ATTENTION**"));
  EXPECT_THAT(rpc.markdown(), HasSubstr("| steady | - | - | - | - |\n"));
  EXPECT_THAT(rpc.markdown(), HasSubstr("\n## pager_surge\n"));

  const auto out = dir.path() / "out";
  testing::ProcessResult written = testing::Run(
      {testing::TeamloadctlPath(), "--addr", daemon.address(), "report",
       "weekly", "--as-of", as_of, "--out", out.string()});
  EXPECT_EQ(written.exit_code, 0) << written.err;
  const auto md = out / absl::StrCat("weekly-", date, ".md");
  const auto html = out / absl::StrCat("weekly-", date, ".html");
  EXPECT_EQ(written.out, absl::StrCat(md.string(), "\n", html.string(), "\n"));
  EXPECT_EQ(testing::ReadFile(md), rpc.markdown());
  EXPECT_EQ(testing::ReadFile(html), rpc.html());

  testing::ProcessResult printed =
      testing::Run({testing::TeamloadctlPath(), "--addr", daemon.address(),
                    "report", "weekly", "--as-of", as_of});
  EXPECT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_EQ(printed.out, rpc.markdown());

  testing::ProcessResult unknown =
      testing::Run({testing::TeamloadctlPath(), "--addr", daemon.address(),
                    "report", "nope"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err,
              HasSubstr("no report \"nope\" (configured: weekly)"));

  channel.reset();
  EXPECT_EQ(daemon.Stop(), 0);
}

TEST(ReportE2eTest, TheSchedulerCatchesUpAtStartAndNeverRunsASlotTwice) {
  testing::TempDir dir;
  testing::Daemon daemon(dir.path(), absl::StrCat(kTeams, R"yaml(reports:
  - name: daily
    schedule: Mon-Sun 00:00 UTC
    teams: [steady]
    formats: [markdown]
)yaml"));
  const std::string today =
      absl::FormatTime("%Y-%m-%d", absl::Now(), absl::UTCTimeZone());
  const auto file = dir.path() / "data/reports/daily" / (today + ".md");
  daemon.Start();
  // Today's 00:00 slot was missed before the daemon started: caught up. The
  // run logs once its files are written, so wait for the log line, not the
  // file (which appears first).
  const std::string written = absl::StrCat(
      "report daily slot ", today,
      " 00:00 UTC: written, nobody to mail it to; wrote ", file.string());
  ASSERT_TRUE(testing::WaitFor([&] {
    return daemon.Log().find(written) != std::string::npos;
  })) << daemon.Log();
  EXPECT_THAT(testing::ReadFile(file),
              HasSubstr(absl::StrCat("# Team load report daily, ", today)));
  EXPECT_EQ(daemon.Stop(), 0);

  std::filesystem::remove(file);
  daemon.Start();
  ASSERT_TRUE(testing::WaitFor([&] {
    return daemon.Log().find("skipped: already claimed") != std::string::npos;
  })) << daemon.Log();
  EXPECT_THAT(daemon.Log(),
              HasSubstr(absl::StrCat("report daily slot ", today,
                                     " 00:00 UTC: skipped: already claimed")));
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace teamload
