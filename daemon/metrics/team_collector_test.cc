#include "daemon/metrics/team_collector.h"

#include <deque>

#include "absl/strings/str_cat.h"
#include "daemon/metrics/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::metrics {
namespace {

using ::testing::ElementsAre;
using testing::Exposition;
using testing::Samples;

constexpr absl::Duration kDay = absl::Hours(24);
// Thursday 2026-11-26 12:00 UTC.
const absl::Time kNow = absl::FromUnixSeconds(1'795'694'400);

std::vector<config::TeamConfig> Teams() {
  return {
      {.name = "payments",
       .timezone = "UTC",
       .oncall_size = 4,
       .expected_sources = {"pagerduty", "oops", "survey"}},
      {.name = "search", .timezone = "UTC", .expected_sources = {"pagerduty"}}};
}

void SetTime(google::protobuf::Timestamp* ts, absl::Time t) {
  ts->set_seconds(absl::ToUnixSeconds(t));
}

// Signals for one team, applied to the model as the ingest path would.
class Signals {
 public:
  // Ids are "PREFIX:N:0".
  explicit Signals(std::string prefix = "s") : prefix_(std::move(prefix)) {}

  Signals& Page(absl::Time at) {
    Add(at).mutable_page()->set_urgency(teamload::v1::URGENCY_HIGH);
    return *this;
  }
  Signals& Oops(absl::Time at) {
    Add(at).mutable_oops()->set_title("near miss");
    return *this;
  }
  Signals& Deferral(absl::Time at, int times, bool resolved = false) {
    auto* d = Add(at).mutable_deferral();
    d->set_item(absl::StrCat("PAY-", signals_.size()));
    d->set_times_deferred(times);
    d->set_resolved(resolved);
    if (resolved) SetTime(d->mutable_resolved_at(), at + kDay);
    return *this;
  }
  void ApplyTo(model::Model& model) {
    std::vector<model::AppliedRevision> applied;
    for (const auto& s : signals_) applied.push_back({&s, ++hash_, kNow});
    model.Apply(applied, {});
  }

 private:
  teamload::v1::Signal& Add(absl::Time at) {
    teamload::v1::Signal& s = signals_.emplace_back();
    s.set_id(absl::StrCat(prefix_, ":", signals_.size(), ":", hash_));
    s.set_team("payments");
    s.set_source("test");
    SetTime(s.mutable_occurred_at(), at);
    return s;
  }
  std::string prefix_;
  std::deque<teamload::v1::Signal> signals_;  // stable addresses
  uint64_t hash_ = 0;
};

class TeamCollectorTest : public ::testing::Test {
 protected:
  TeamCollectorTest() {
    Signals()
        // Two pages this week, fewer than pager_min_pages: no pager finding.
        .Page(kNow - 3 * kDay)
        .Page(kNow - 4 * kDay)
        // Three oopses unwritten after 14 days (ATTENTION), one recent.
        .Oops(kNow - 20 * kDay)
        .Oops(kNow - 30 * kDay)
        .Oops(kNow - 40 * kDay)
        .Oops(kNow - 2 * kDay)
        // Two items open for 10 weeks, one deferred 3 times (WATCH, no
        // trend), and one resolved.
        .Deferral(kNow - 70 * kDay, 3)
        .Deferral(kNow - 70 * kDay, 1)
        .Deferral(kNow - 60 * kDay, 1, /*resolved=*/true)
        .ApplyTo(model_);
    model_.Apply({}, {{"payments", "pagerduty", kNow - absl::Hours(2)},
                      {"payments", "oops", kNow - 10 * kDay},
                      // Not an expected source: no series.
                      {"payments", "jira", kNow - kDay}});
  }

  model::Model model_{Teams()};
  util::FakeClock clock_{kNow};
  TeamCollector collector_{&model_, &clock_};
};

TEST_F(TeamCollectorTest, ExposesEachTeamsStateAsSeparateSeries) {
  const std::string text = Exposition(collector_);
  EXPECT_THAT(
      Samples(text, "teamload_team_recent_signals"),
      ElementsAre(
          R"(teamload_team_recent_signals{team="payments",kind="page"} 2)",
          R"(teamload_team_recent_signals{team="payments",kind="oops"} 1)",
          R"(teamload_team_recent_signals{team="payments",kind="deferral"} 0)",
          R"(teamload_team_recent_signals{team="payments",kind="survey_note"} 0)",
          R"(teamload_team_recent_signals{team="payments",kind="migration"} 0)",
          R"(teamload_team_recent_signals{team="payments",kind="deploy"} 0)",
          R"(teamload_team_recent_signals{team="payments",kind="annotation"} 0)",
          R"(teamload_team_recent_signals{team="search",kind="page"} 0)",
          R"(teamload_team_recent_signals{team="search",kind="oops"} 0)",
          R"(teamload_team_recent_signals{team="search",kind="deferral"} 0)",
          R"(teamload_team_recent_signals{team="search",kind="survey_note"} 0)",
          R"(teamload_team_recent_signals{team="search",kind="migration"} 0)",
          R"(teamload_team_recent_signals{team="search",kind="deploy"} 0)",
          R"(teamload_team_recent_signals{team="search",kind="annotation"} 0)"));
  // Monday and Sunday noon (UTC): one business, one off-hours interruption,
  // each in an hour of its own.
  EXPECT_THAT(
      Samples(text, "teamload_team_recent_interruptions"),
      ElementsAre(
          R"(teamload_team_recent_interruptions{team="payments",band="business"} 1)",
          R"(teamload_team_recent_interruptions{team="payments",band="off_hours"} 1)",
          R"(teamload_team_recent_interruptions{team="payments",band="sleep"} 0)",
          R"(teamload_team_recent_interruptions{team="search",band="business"} 0)",
          R"(teamload_team_recent_interruptions{team="search",band="off_hours"} 0)",
          R"(teamload_team_recent_interruptions{team="search",band="sleep"} 0)"));
  EXPECT_THAT(
      Samples(text, "teamload_team_recent_disrupted_clockhours"),
      ElementsAre(
          R"(teamload_team_recent_disrupted_clockhours{team="payments",band="business"} 1)",
          R"(teamload_team_recent_disrupted_clockhours{team="payments",band="off_hours"} 1)",
          R"(teamload_team_recent_disrupted_clockhours{team="payments",band="sleep"} 0)",
          R"(teamload_team_recent_disrupted_clockhours{team="search",band="business"} 0)",
          R"(teamload_team_recent_disrupted_clockhours{team="search",band="off_hours"} 0)",
          R"(teamload_team_recent_disrupted_clockhours{team="search",band="sleep"} 0)"));
  EXPECT_THAT(
      Samples(text, "teamload_team_unwritten_oopses"),
      ElementsAre(R"(teamload_team_unwritten_oopses{team="payments"} 3)",
                  R"(teamload_team_unwritten_oopses{team="search"} 0)"));
  EXPECT_THAT(Samples(text, "teamload_team_open_deferrals"),
              ElementsAre(R"(teamload_team_open_deferrals{team="payments"} 2)",
                          R"(teamload_team_open_deferrals{team="search"} 0)"));
  EXPECT_THAT(
      Samples(text, "teamload_team_coverage_age_seconds"),
      ElementsAre(
          R"(teamload_team_coverage_age_seconds{team="payments",source="pagerduty"} 7200)",
          R"(teamload_team_coverage_age_seconds{team="payments",source="oops"} 864000)"));
  EXPECT_THAT(
      Samples(text, "teamload_team_blind_spot"),
      ElementsAre(
          R"(teamload_team_blind_spot{team="payments",source="oops"} 1)",
          R"(teamload_team_blind_spot{team="payments",source="survey"} 1)",
          R"(teamload_team_blind_spot{team="search",source="pagerduty"} 1)"));
  EXPECT_THAT(
      Samples(text, "teamload_team_finding"),
      ElementsAre(
          R"(teamload_team_finding{team="payments",detector="deferral_drift",boundary="economic",level="watch"} 1)",
          R"(teamload_team_finding{team="payments",detector="unwritten_oops",boundary="safety",level="attention"} 1)"));
}

TEST_F(TeamCollectorTest, NewSignalsShowAtTheNextScrape) {
  Exposition(collector_);
  Signals().Oops(kNow - 15 * kDay).ApplyTo(model_);
  EXPECT_THAT(
      Samples(Exposition(collector_), "teamload_team_unwritten_oopses"),
      ElementsAre(R"(teamload_team_unwritten_oopses{team="payments"} 4)",
                  R"(teamload_team_unwritten_oopses{team="search"} 0)"));
}

TEST_F(TeamCollectorTest, APageStormIsOneInterruptionInOneHour) {
  // Five pages in 40 s on Thursday at 11:00 UTC.
  Signals storm("storm");
  for (int i = 0; i < 5; ++i)
    storm.Page(kNow - absl::Hours(1) + absl::Seconds(10 * i));
  storm.ApplyTo(model_);
  const std::string text = Exposition(collector_);
  EXPECT_EQ(Samples(text, "teamload_team_recent_signals").front(),
            R"(teamload_team_recent_signals{team="payments",kind="page"} 7)");
  EXPECT_EQ(
      Samples(text, "teamload_team_recent_interruptions").front(),
      R"(teamload_team_recent_interruptions{team="payments",band="business"} 2)");
  EXPECT_EQ(
      Samples(text, "teamload_team_recent_disrupted_clockhours").front(),
      R"(teamload_team_recent_disrupted_clockhours{team="payments",band="business"} 2)");
}

TEST_F(TeamCollectorTest, TimePassingShowsWithinTwiceTheRefreshInterval) {
  const auto unwritten = [&] {
    return Samples(Exposition(collector_), "teamload_team_unwritten_oopses")
        .front();
  };
  // The recent oops turns 14 days old at kNow + 12 days.
  const absl::Time turns = kNow + 12 * kDay;
  clock_.Set(turns - absl::Seconds(5));
  EXPECT_EQ(unwritten(),
            R"(teamload_team_unwritten_oopses{team="payments"} 3)");
  // Unchanged and analysed 10 s ago: the analysis is reused...
  clock_.Set(turns + absl::Seconds(5));
  EXPECT_EQ(unwritten(),
            R"(teamload_team_unwritten_oopses{team="payments"} 3)");
  // ...but coverage ages are never reused.
  EXPECT_THAT(
      Samples(Exposition(collector_), "teamload_team_coverage_age_seconds"),
      ElementsAre(
          R"(teamload_team_coverage_age_seconds{team="payments",source="pagerduty"} 1044005)",
          R"(teamload_team_coverage_age_seconds{team="payments",source="oops"} 1900805)"));
  clock_.Set(turns - absl::Seconds(5) + 2 * TeamCollector::kRefreshAfter);
  EXPECT_EQ(unwritten(),
            R"(teamload_team_unwritten_oopses{team="payments"} 4)");
}

}  // namespace
}  // namespace teamload::metrics
