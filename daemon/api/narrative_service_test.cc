// NarrativeService in process (api/testing.h): each team's story for a fixed
// input at a fixed moment, the level filter, themes across teams, and a
// watcher told of a changed story, all on the daemon's FakeClock.
#include "daemon/api/narrative_service.h"

#include "absl/strings/str_cat.h"
#include "daemon/api/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::api {
namespace {

using ::testing::ElementsAre;
using testing::kNow;
using testing::Timestamp;

std::string Config() {
  return absl::StrCat(testing::kPaymentsAndSearch,
                      "    expected_sources: [survey]\n");
}

constexpr char kNightOfPages[] =
    "Workload boundary under pressure: 12 pages this week, 12 interruptions "
    "across 3 disrupted hours, all of them sleep hours.";
constexpr char kSteady[] =
    "Steady: nothing stands out in pages, oopses, deferred work or survey "
    "answers.";

std::vector<std::string> Teams(const v1::ListNarrativesResponse& response) {
  std::vector<std::string> teams;
  for (const auto& n : response.narratives()) teams.push_back(n.team());
  return teams;
}

class NarrativeServiceTest : public testing::ServiceTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(Start(Config()));
    // Both teams' sources have looked at them through now.
    v1::IngestRequest request;
    *request.add_coverage() = testing::Coverage("payments", "pagerduty", kNow);
    *request.add_coverage() = testing::Coverage("search", "survey", kNow);
    IngestOk(request);
  }

  void IngestNightOfPages() {
    const v1::IngestResponse response = IngestOk(testing::NightOfPages());
    for (const auto& result : response.results())
      ASSERT_EQ(result.outcome(), v1::OUTCOME_ACCEPTED) << result.id();
  }
  grpc::Status Get(const std::string& team, v1::Narrative* narrative) {
    grpc::ClientContext context;
    v1::GetNarrativeRequest request;
    request.set_team(team);
    *request.mutable_as_of() = Timestamp(kNow);
    return narratives_->GetNarrative(&context, request, narrative);
  }
};

TEST_F(NarrativeServiceTest, TellsEachTeamsStoryAsOfTheMomentAsked) {
  IngestNightOfPages();
  v1::Narrative payments;
  ASSERT_TRUE(Get("payments", &payments).ok());
  EXPECT_EQ(payments.team(), "payments");
  EXPECT_EQ(payments.as_of().seconds(), absl::ToUnixSeconds(kNow));
  EXPECT_EQ(payments.headline(), kNightOfPages);
  ASSERT_GT(payments.findings_size(), 0);
  EXPECT_EQ(payments.findings(0).detector(), "pager_load");
  EXPECT_EQ(payments.findings(0).level(), v1::LEVEL_ATTENTION);

  v1::Narrative search;
  ASSERT_TRUE(Get("search", &search).ok());
  EXPECT_EQ(search.headline(), kSteady);
  EXPECT_EQ(search.findings_size(), 0);

  // A week earlier the night had not happened yet.
  grpc::ClientContext context;
  v1::GetNarrativeRequest request;
  request.set_team("payments");
  *request.mutable_as_of() = Timestamp(kNow - absl::Hours(24 * 7));
  ASSERT_TRUE(narratives_->GetNarrative(&context, request, &payments).ok());
  EXPECT_EQ(payments.headline(), kSteady);
}

TEST_F(NarrativeServiceTest, AnUnknownTeamIsNotFoundNamingIt) {
  v1::Narrative narrative;
  grpc::Status status = Get("billing", &narrative);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(),
            "no team named \"billing\"; known teams: payments, search");

  grpc::ClientContext context;
  v1::WatchNarrativesRequest request;
  request.add_teams("billing");
  auto stream = narratives_->WatchNarratives(&context, request);
  EXPECT_FALSE(stream->Read(&narrative));
  status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(),
            "no team named \"billing\"; known teams: payments, search");
}

TEST_F(NarrativeServiceTest, ListNarrativesFiltersByTheHighestLevel) {
  IngestNightOfPages();
  grpc::ClientContext context;
  v1::ListNarrativesRequest request;  // as_of unset: the daemon's clock
  request.set_min_level(v1::LEVEL_WATCH);
  v1::ListNarrativesResponse response;
  ASSERT_TRUE(narratives_->ListNarratives(&context, request, &response).ok());
  EXPECT_THAT(Teams(response), ElementsAre("payments"));
  EXPECT_EQ(response.narratives(0).as_of().seconds(),
            absl::ToUnixSeconds(kNow));

  grpc::ClientContext all_context;
  request.clear_min_level();
  ASSERT_TRUE(
      narratives_->ListNarratives(&all_context, request, &response).ok());
  EXPECT_THAT(Teams(response), ElementsAre("payments", "search"));
}

TEST_F(NarrativeServiceTest, ListThemesNamesEachThemeWithItsTeams) {
  // Five people answered each team's survey; three in payments and two in
  // search wrote about on-call nights.
  v1::IngestRequest request;
  for (const std::string team : {"payments", "search"}) {
    for (int i = 0; i < 5; ++i) {
      v1::Signal* s = request.add_signals();
      s->set_id(absl::StrCat("survey:pulse-11:", team, ":", i));
      s->set_team(team);
      s->set_source("survey");
      *s->mutable_occurred_at() = Timestamp(kNow - absl::Hours(48));
      v1::SurveyNote* note = s->mutable_survey_note();
      note->set_survey("pulse-11");
      note->set_respondent(absl::StrCat(team, "-r", i));
      note->set_question("How was your week?");
      note->set_text(i < (team == "payments" ? 3 : 2)
                         ? "The on-call rotation is exhausting"
                         : "Fine, thanks");
      note->set_score(3);
    }
  }
  IngestOk(request);

  grpc::ClientContext context;
  v1::ListThemesRequest themes_request;
  *themes_request.mutable_as_of() = Timestamp(kNow);
  v1::ListThemesResponse response;
  ASSERT_TRUE(
      narratives_->ListThemes(&context, themes_request, &response).ok());
  ASSERT_EQ(response.themes_size(), 1) << response.DebugString();
  EXPECT_EQ(response.themes(0).name(), "on-call fatigue");
  EXPECT_THAT(response.themes(0).teams(), ElementsAre("payments", "search"));
  EXPECT_EQ(response.themes(0).respondents(), 5);
}

TEST_F(NarrativeServiceTest, WatchSendsTheStoryThenEachChangeAfterAnIngest) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  v1::WatchNarrativesRequest request;
  request.add_teams("payments");
  auto stream = narratives_->WatchNarratives(&context, request);
  v1::Narrative first;
  ASSERT_TRUE(stream->Read(&first));
  EXPECT_EQ(first.team(), "payments");
  EXPECT_EQ(first.as_of().seconds(), absl::ToUnixSeconds(kNow));
  EXPECT_EQ(first.headline(), kSteady);

  IngestNightOfPages();
  v1::Narrative next;
  ASSERT_TRUE(stream->Read(&next)) << "no narrative after the ingest";
  EXPECT_EQ(next.team(), "payments");
  EXPECT_EQ(next.headline(), kNightOfPages);
  // The watcher let the burst settle for 200 ms on the daemon's clock (a
  // FakeClock passes a sleeper's time at once), then told the story.
  EXPECT_EQ(absl::FromUnixSeconds(next.as_of().seconds()) +
                absl::Nanoseconds(next.as_of().nanos()),
            kNow + absl::Milliseconds(200));
  context.TryCancel();
}

}  // namespace
}  // namespace teamload::api
