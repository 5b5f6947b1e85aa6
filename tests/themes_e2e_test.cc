// Themes with a real teamloadd: the organisation's own theme from the config
// is learnt and found in answers that paraphrase its examples; write-up
// themes recur across teams in ListThemes with their write-ups; a survey too
// few answered is withheld in the narrative, and the same rule holds in
// ListThemes; --check-config refuses a theme with too few examples.
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/narrative.grpc.pb.h"
#include "tests/support/ingest.h"
#include "tests/support/process.h"

namespace teamload::testing {
namespace {

using ::testing::Contains;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kConfig[] = R"yaml(themes:
  - name: release anxiety
    boundary: safety
    examples:
      - every release feels like it could blow up in our faces
      - I dread release days
      - shipping to production makes me nervous
      - we hold our breath on each release
      - releases are terrifying here
      - release day is the scariest day of the week
      - I get anxious before we ship anything
      - nobody wants to be the one who presses release
      - release nights make me sick with worry
      - we fear every single release
teams:
  - name: payments
    timezone: Europe/Berlin
  - name: search
    timezone: Europe/Berlin
  - name: ledger
    timezone: Europe/Berlin
)yaml";

// Ten days ago, so "now" sees it and it is well inside every window.
const absl::Time kWhen = absl::Now() - absl::Hours(24 * 10);

v1::Signal Note(const std::string& team, int respondent,
                const std::string& text) {
  v1::Signal signal;
  signal.set_id(absl::StrCat("survey:", team, ":r", respondent));
  signal.set_team(team);
  signal.set_source("survey");
  signal.mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(kWhen));
  v1::SurveyNote& note = *signal.mutable_survey_note();
  note.set_survey("pulse-11");
  note.set_respondent(absl::StrCat("r", respondent));
  note.set_question("Anything else?");
  note.set_text(text);
  return signal;
}

v1::Signal Oops(const std::string& team, const std::string& id,
                const std::string& title, const std::string& summary) {
  v1::Signal signal;
  signal.set_id(id);
  signal.set_team(team);
  signal.set_source("oops");
  signal.mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(kWhen));
  signal.mutable_oops()->set_title(title);
  signal.mutable_oops()->set_summary(summary);
  return signal;
}

class ThemesE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    daemon_.Start();
    channel_ = grpc::CreateChannel(daemon_.address(),
                                   grpc::InsecureChannelCredentials());
  }
  void Ingest(const std::vector<v1::Signal>& signals) {
    v1::IngestRequest request;
    for (const v1::Signal& s : signals) *request.add_signals() = s;
    v1::IngestResponse response;
    grpc::ClientContext context;
    ASSERT_TRUE(v1::IngestService::NewStub(channel_)
                    ->Ingest(&context, request, &response)
                    .ok());
    EXPECT_THAT(Outcomes(response), Each(v1::OUTCOME_ACCEPTED));
  }
  v1::Narrative Narrative(const std::string& team) {
    v1::GetNarrativeRequest request;
    request.set_team(team);
    v1::Narrative narrative;
    grpc::ClientContext context;
    EXPECT_TRUE(v1::NarrativeService::NewStub(channel_)
                    ->GetNarrative(&context, request, &narrative)
                    .ok());
    return narrative;
  }
  v1::ListThemesResponse Themes() {
    v1::ListThemesResponse response;
    grpc::ClientContext context;
    EXPECT_TRUE(v1::NarrativeService::NewStub(channel_)
                    ->ListThemes(&context, v1::ListThemesRequest(), &response)
                    .ok());
    return response;
  }

  TempDir dir_;
  Daemon daemon_{dir_.path(), kConfig};
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(ThemesE2eTest, TheConfigsOwnThemeIsFoundInParaphrases) {
  Ingest({Note("payments", 0, "Release days make me so nervous"),
          Note("payments", 1, "release days are scary, I dread them"),
          Note("payments", 2, "everyone gets anxious before we ship a release"),
          Note("payments", 3, "All fine here, thanks"),
          Note("payments", 4, "Good quarter overall")});
  const v1::Narrative narrative = Narrative("payments");
  EXPECT_THAT(narrative.markdown(), HasSubstr("raised release anxiety"))
      << narrative.markdown();
  EXPECT_THAT(daemon_.Log(), HasSubstr("themes: 7 for survey answers, 5 for "
                                       "write-ups"));
}

TEST_F(ThemesE2eTest, FourAnswersAreWithheldHereAndInListThemes) {
  for (int i = 0; i < 4; ++i) {
    Ingest({Note("search", i,
                 "I'm woken up by the pager every night, I'm exhausted")});
  }
  const v1::Narrative narrative = Narrative("search");
  EXPECT_THAT(narrative.headline(), Not(HasSubstr("Steady")));
  EXPECT_THAT(narrative.headline(), HasSubstr("we cannot see survey answers"));
  EXPECT_THAT(narrative.markdown(),
              HasSubstr("Only 4 people answered pulse-11, fewer than 5: what "
                        "they wrote and scored is withheld"));
  EXPECT_THAT(narrative.markdown(), Not(HasSubstr("on-call fatigue")));
  for (const v1::Theme& theme : Themes().themes())
    EXPECT_THAT(theme.teams(), Not(Contains("search"))) << theme.name();
}

TEST_F(ThemesE2eTest, WriteUpThemesRecurAcrossTeamsWithTheirWriteUps) {
  Ingest({Oops("ledger", "oops:ledger-1", "Reconciliation job skipped",
               "Only Ana knew the reconciliation job had to be paused before "
               "the schema change; nobody else had heard of it."),
          Oops("payments", "oops:payments-7", "Card retries stalled",
               "The runbook for retries was two years stale and the on-call "
               "engineer did not know the worker existed.")});
  const v1::ListThemesResponse themes = Themes();
  const v1::Theme* context = nullptr;
  for (const v1::Theme& theme : themes.themes()) {
    if (theme.source() == v1::THEME_SOURCE_WRITEUPS &&
        theme.name() == "missing shared context")
      context = &theme;
  }
  ASSERT_NE(context, nullptr) << themes.DebugString();
  EXPECT_THAT(context->teams(), ElementsAre("ledger", "payments"));
  std::vector<std::string> ids;
  for (const v1::WriteupRef& ref : context->writeups()) ids.push_back(ref.id());
  EXPECT_THAT(
      ids, ::testing::UnorderedElementsAre("oops:ledger-1", "oops:payments-7"));
}

TEST(ThemesConfigTest, CheckConfigRefusesAThemeWithTooFewExamples) {
  TempDir dir;
  const std::string path = (dir.path() / "teamload.yaml").string();
  std::ofstream(path) << "store: sqlite:x.db\ninsecure_local: true\n"
                         "themes:\n  - name: release anxiety\n"
                         "    boundary: safety\n    examples: [a, b]\n"
                         "teams: [{name: payments}]\n";
  const ProcessResult result =
      testing::Run({TeamloaddPath(), "--check-config", path});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr("themes[0].examples: a theme of its own needs at "
                        "least 10 different example sentences"));
}

}  // namespace
}  // namespace teamload::testing
