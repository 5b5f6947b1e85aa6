// End to end: a real teamloadd holding twelve weeks of the six synthetic
// archetype teams, asked for narratives over gRPC and through teamloadctl.
#include <fstream>
#include <limits>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "collectors/synthetic/generator.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/narrative.grpc.pb.h"
#include "tests/support/process.h"
#include "tests/support/send_history.h"

namespace teamload {
namespace {

using ::testing::HasSubstr;

const std::vector<synthetic::Archetype> kArchetypes = {
    synthetic::Archetype::kSteady,
    synthetic::Archetype::kPagerSurge,
    synthetic::Archetype::kQuietUnderwater,
    synthetic::Archetype::kDeferralDrift,
    synthetic::Archetype::kRecovering,
    synthetic::Archetype::kBlind};

std::string TeamName(synthetic::Archetype a) {
  return std::string(synthetic::ArchetypeName(a));
}

std::string TeamsYaml() {
  std::string yaml = "teams:\n";
  for (auto a : kArchetypes) {
    absl::StrAppend(&yaml, "  - name: ", TeamName(a),
                    "\n    timezone: Europe/Berlin\n    oncall_size: 5\n"
                    "    expected_sources: [pagerduty, jira, oops, survey]\n");
  }
  return yaml;
}

class NarrativeE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    daemon_ = new testing::Daemon(dir_->path(), TeamsYaml());
    daemon_->Start();
    // The histories end at the start of today, so "now" sees them too.
    end_ = absl::FromCivil(
        absl::CivilDay(absl::ToCivilDay(absl::Now(), absl::UTCTimeZone())),
        absl::UTCTimeZone());
    auto ingest = v1::IngestService::NewStub(Channel());
    for (auto a : kArchetypes) {
      const synthetic::History history =
          synthetic::Generate({.name = TeamName(a),
                               .archetype = a,
                               .timezone = "Europe/Berlin",
                               .oncall_size = 5},
                              {.weeks = 12, .end = end_});
      ASSERT_NO_FATAL_FAILURE(testing::SendHistory(*ingest, history));
    }
  }
  static void TearDownTestSuite() {
    delete daemon_;
    delete dir_;
  }
  static std::shared_ptr<grpc::Channel> Channel() {
    return grpc::CreateChannel(daemon_->address(),
                               grpc::InsecureChannelCredentials());
  }
  static google::protobuf::Timestamp End() {
    google::protobuf::Timestamp ts;
    ts.set_seconds(absl::ToUnixSeconds(end_));
    return ts;
  }
  v1::Narrative Get(const std::string& team) {
    grpc::ClientContext context;
    v1::GetNarrativeRequest request;
    request.set_team(team);
    *request.mutable_as_of() = End();
    v1::Narrative narrative;
    grpc::Status status =
        narratives_->GetNarrative(&context, request, &narrative);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return narrative;
  }

  std::unique_ptr<v1::NarrativeService::Stub> narratives_ =
      v1::NarrativeService::NewStub(Channel());
  static testing::TempDir* dir_;
  static testing::Daemon* daemon_;
  static absl::Time end_;
};

testing::TempDir* NarrativeE2eTest::dir_ = nullptr;
testing::Daemon* NarrativeE2eTest::daemon_ = nullptr;
absl::Time NarrativeE2eTest::end_;

TEST_F(NarrativeE2eTest, EachArchetypeTellsItsStory) {
  const v1::Narrative steady = Get("steady");
  EXPECT_THAT(steady.headline(), ::testing::StartsWith("Steady:"));
  // At most context: what recurs in its write-ups, never a level.
  for (const v1::Finding& f : steady.findings())
    EXPECT_EQ(f.level(), v1::LEVEL_INFO) << f.summary();

  const v1::Narrative surge = Get("pager_surge");
  ASSERT_GT(surge.findings_size(), 0);
  EXPECT_EQ(surge.findings(0).detector(), "pager_load");
  EXPECT_EQ(surge.findings(0).level(), v1::LEVEL_ATTENTION);
  EXPECT_THAT(surge.headline(), HasSubstr("interruptions rose to"));

  const v1::Narrative blind = Get("blind");
  std::set<std::string> unseen;
  for (const auto& spot : blind.blind_spots()) unseen.insert(spot.source());
  EXPECT_THAT(unseen, ::testing::ElementsAre("oops", "survey"));
  EXPECT_THAT(blind.headline(), HasSubstr("we cannot see oops and survey"));

  const v1::Narrative underwater = Get("quiet_underwater");
  std::set<std::string> detectors;
  for (const auto& f : underwater.findings()) detectors.insert(f.detector());
  EXPECT_TRUE(detectors.contains("unwritten_oops"));
  EXPECT_TRUE(detectors.contains("pager_load"));

  const v1::Narrative drift = Get("deferral_drift");
  EXPECT_THAT(drift.headline(), HasSubstr("open deferred work rose"));
}

TEST_F(NarrativeE2eTest, ListNarrativesFiltersByLevel) {
  grpc::ClientContext context;
  v1::ListNarrativesRequest request;
  *request.mutable_as_of() = End();
  request.set_min_level(v1::LEVEL_WATCH);
  v1::ListNarrativesResponse response;
  ASSERT_TRUE(narratives_->ListNarratives(&context, request, &response).ok());
  std::vector<std::string> teams;
  for (const auto& n : response.narratives()) teams.push_back(n.team());
  EXPECT_THAT(teams, ::testing::ElementsAre("deferral_drift", "pager_surge",
                                            "quiet_underwater"));

  grpc::ClientContext all_context;
  request.clear_min_level();
  ASSERT_TRUE(
      narratives_->ListNarratives(&all_context, request, &response).ok());
  EXPECT_EQ(response.narratives_size(), 6);
}

TEST_F(NarrativeE2eTest, ListThemesAcrossTeams) {
  grpc::ClientContext context;
  v1::ListThemesRequest request;
  *request.mutable_as_of() = End();
  v1::ListThemesResponse response;
  ASSERT_TRUE(narratives_->ListThemes(&context, request, &response).ok());
  std::map<std::string, std::vector<std::string>> where;
  for (const auto& theme : response.themes()) {
    where[theme.name()].assign(theme.teams().begin(), theme.teams().end());
  }
  EXPECT_THAT(where["on-call fatigue"], ::testing::Contains("pager_surge"));
  EXPECT_THAT(where["time pressure"], ::testing::Contains("deferral_drift"));
  EXPECT_FALSE(where.contains("intent to leave") &&
               std::find(where["intent to leave"].begin(),
                         where["intent to leave"].end(),
                         "steady") != where["intent to leave"].end());
}

TEST_F(NarrativeE2eTest, BadRequestsAreNamed) {
  grpc::ClientContext context;
  v1::GetNarrativeRequest request;
  request.set_team("billing");
  v1::Narrative narrative;
  grpc::Status status =
      narratives_->GetNarrative(&context, request, &narrative);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("no team named \"billing\""));

  grpc::ClientContext future_context;
  request.set_team("steady");
  request.mutable_as_of()->set_seconds(
      absl::ToUnixSeconds(absl::Now() + absl::Hours(72)));
  status = narratives_->GetNarrative(&future_context, request, &narrative);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("is more than a day in the future"));

  grpc::ClientContext past_context;
  request.mutable_as_of()->set_seconds(std::numeric_limits<int64_t>::min());
  status = narratives_->GetNarrative(&past_context, request, &narrative);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "as_of: is not a valid timestamp");

  grpc::ClientContext old_context;
  request.mutable_as_of()->set_seconds(0);
  status = narratives_->GetNarrative(&old_context, request, &narrative);
  EXPECT_EQ(status.error_message(),
            "as_of: 1970-01-01T00:00:00Z is before 2000-01-01");
}

TEST_F(NarrativeE2eTest, WatchSendsANewNarrativeAfterIngest) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  v1::WatchNarrativesRequest request;
  request.add_teams("recovering");
  auto stream = narratives_->WatchNarratives(&context, request);
  v1::Narrative first;
  ASSERT_TRUE(stream->Read(&first));
  EXPECT_EQ(first.team(), "recovering");
  for (const auto& f : first.findings())
    EXPECT_NE(f.level(), v1::LEVEL_ATTENTION);

  // A night of pages for the recovering team, up to now: 20 interruptions,
  // 10 minutes apart (pages a minute apart would be one).
  auto ingest = v1::IngestService::NewStub(Channel());
  v1::IngestRequest surge;
  for (int i = 0; i < 20; ++i) {
    v1::Signal* s = surge.add_signals();
    s->set_id(absl::StrCat("pagerduty:watch-", i));
    s->set_team("recovering");
    s->set_source("pagerduty");
    s->mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(absl::Now()) -
                                          600 * (i + 1));
    s->mutable_page()->set_urgency(v1::URGENCY_HIGH);
  }
  grpc::ClientContext ingest_context;
  v1::IngestResponse response;
  ASSERT_TRUE(ingest->Ingest(&ingest_context, surge, &response).ok());

  v1::Narrative next;
  ASSERT_TRUE(stream->Read(&next)) << "no narrative after the ingest";
  EXPECT_EQ(next.team(), "recovering");
  ASSERT_GT(next.findings_size(), 0);
  EXPECT_EQ(next.findings(0).detector(), "pager_load");
  EXPECT_EQ(next.findings(0).level(), v1::LEVEL_ATTENTION);
  context.TryCancel();
}

TEST_F(NarrativeE2eTest, TeamloadctlPrintsTheMarkdownAndHeadlines) {
  const std::string as_of =
      absl::FormatTime("%Y-%m-%d", end_, absl::UTCTimeZone());
  testing::ProcessResult one =
      testing::Run({testing::TeamloadctlPath(), "--addr", daemon_->address(),
                    "narrative", "blind", "--as-of", as_of});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_THAT(one.out, ::testing::StartsWith("# blind\n"));
  EXPECT_THAT(one.out, HasSubstr("## What we cannot see"));

  testing::ProcessResult all = testing::Run(
      {testing::TeamloadctlPath(), "--addr", daemon_->address(), "narratives",
       "--min-level", "attention", "--as-of", as_of});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_THAT(all.out, HasSubstr("pager_surge"));
  EXPECT_THAT(all.out, ::testing::Not(HasSubstr("steady")));

  testing::ProcessResult bad =
      testing::Run({testing::TeamloadctlPath(), "--addr", daemon_->address(),
                    "narrative", "blind", "--as-of", "yesterday"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--as-of \"yesterday\" is not a time"));
}

}  // namespace
}  // namespace teamload
