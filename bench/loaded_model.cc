#include "bench/loaded_model.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace teamload::bench {
namespace {

std::vector<config::TeamConfig> Teams() {
  std::vector<config::TeamConfig> teams;
  for (int i = 0; i < kTeams; ++i) {
    teams.push_back(config::WithZone(
        {.name = absl::StrFormat("team-%04d", i),
         .timezone = i % 2 ? "Europe/Berlin" : "America/New_York",
         .oncall_size = 5,
         .expected_sources = {"pagerduty", "jira", "oops", "survey"}}));
  }
  return teams;
}

}  // namespace

const model::Model& Loaded() {
  static const model::Model* model = [] {
    auto* m = new model::Model(Teams());
    std::mt19937_64 rng(1);
    int64_t n = 0;
    std::vector<v1::Signal> batch;
    const auto flush = [&] {
      std::vector<model::AppliedRevision> applied;
      for (const auto& s : batch)
        applied.push_back({&s, static_cast<uint64_t>(n++), kAsOf});
      m->Apply(applied, {});
      batch.clear();
    };
    for (int t = 0; t < kTeams; ++t) {
      const std::string team = absl::StrFormat("team-%04d", t);
      const auto add = [&](absl::Time at) -> v1::Signal& {
        v1::Signal& s = batch.emplace_back();
        s.set_id(absl::StrCat(team, ":", batch.size(), ":", n));
        s.set_team(team);
        s.set_source("bench");
        s.mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(at));
        return s;
      };
      for (int k = 0; k < kWeeks * 7 * 24 * 60 / 105;
           ++k) {  // one page every 105 min
        add(kAsOf - absl::Minutes(105 * k + rng() % 60))
            .mutable_page()
            ->set_urgency(rng() % 3 ? v1::URGENCY_LOW : v1::URGENCY_HIGH);
      }
      for (int w = 0; w < kWeeks; ++w) {
        auto* oops = add(kAsOf - absl::Hours(24 * 7 * w + 30)).mutable_oops();
        oops->set_title("near miss");
        if (w % 3)
          oops->mutable_written_up_at()->set_seconds(
              absl::ToUnixSeconds(kAsOf - absl::Hours(24 * 7 * w)));
        auto* deferral =
            add(kAsOf - absl::Hours(24 * 7 * w + 50)).mutable_deferral();
        deferral->set_item(absl::StrCat("T-", w));
        deferral->set_times_deferred(1 + w % 4);
        deferral->set_resolved(w % 2 == 0);
        // Ten deploys a week, one in ten a change failure.
        for (int d = 0; d < 10; ++d) {
          auto* deploy = add(kAsOf - absl::Hours(24 * 7 * w + 16 * d + 3))
                             .mutable_deploy();
          deploy->set_service("api");
          deploy->set_outcome(d == 0 ? v1::DEPLOY_OUTCOME_FAILED
                                     : v1::DEPLOY_OUTCOME_SUCCEEDED);
          deploy->mutable_lead_time()->set_seconds(3600 * (1 + d));
        }
        // A migration starts every 6 weeks and takes 10; every other one is
        // looked back on.
        if (w % 6 == 0) {
          const absl::Time started = kAsOf - absl::Hours(24 * 7 * (w + 10));
          auto* migration = add(started).mutable_migration();
          migration->set_name(absl::StrCat("m-", w));
          migration->mutable_planned_end()->set_seconds(
              absl::ToUnixSeconds(started + absl::Hours(24 * 7 * 8)));
          if (w > 0) {
            migration->mutable_finished_at()->set_seconds(
                absl::ToUnixSeconds(kAsOf - absl::Hours(24 * 7 * w)));
          }
          if (w % 12 == 6) {
            migration->mutable_retro_written_at()->set_seconds(
                absl::ToUnixSeconds(kAsOf - absl::Hours(24 * 7 * w - 48)));
          }
        }
      }
      for (int survey = 0; survey < kWeeks / 4; ++survey) {
        for (int r = 0; r < 6; ++r) {
          auto* note = add(kAsOf - absl::Hours(24 * 28 * survey + r))
                           .mutable_survey_note();
          note->set_survey(absl::StrCat("pulse-", survey));
          note->set_respondent(absl::StrCat("r", r));
          note->set_text(
              r % 2
                  ? "Woken up at night by the pager, nobody knows the old code"
                  : "Fine overall");
          note->set_score(1 + r % 5);
        }
      }
      flush();
    }
    m->Apply({}, {});
    return m;
  }();
  return *model;
}

}  // namespace teamload::bench
