#include "daemon/analysis/analyze.h"

#include <algorithm>

#include "daemon/analysis/blind_spot.h"
#include "daemon/analysis/context.h"
#include "daemon/analysis/deferral_drift.h"
#include "daemon/analysis/migration_load.h"
#include "daemon/analysis/pager_load.h"
#include "daemon/analysis/unwritten_oops.h"
#include "daemon/analysis/writeup_themes.h"

namespace teamload::analysis {
namespace {

LookedAt Look(const DetectorInput& in, const PagerLoadRead& pager,
              const std::vector<SurveyReading>& surveys) {
  LookedAt looked;
  looked.pages = pager.pages;
  looked.interruptions = pager.interruptions;
  looked.disrupted_hours = pager.disrupted_hours;
  looked.last_7_days = pager.last_7_days;
  // Bounds computed once: these loops run over every signal the team has.
  const absl::Time oopses_from = in.as_of - 16 * kWeek;
  for (const auto& o : in.history.oopses) {
    looked.oopses += o.occurred_at <= in.as_of && o.occurred_at > oopses_from;
  }
  for (const auto& d : in.history.deferrals) {
    looked.open_deferrals += d.OpenAt(in.as_of);
  }
  for (const auto& m : in.history.migrations) {
    looked.migrations_in_flight += m.InFlightAt(in.as_of);
  }
  looked.unwritten_oopses = static_cast<int>(
      UnwrittenOopses(in.history, in.as_of, WriteupGrace(in.team.analysis))
          .size());
  if (!surveys.empty()) {
    for (const auto& n : in.history.survey_notes) {
      looked.survey_answers +=
          n.survey == surveys.front().survey && n.occurred_at <= in.as_of;
    }
  }
  looked.coverage.assign(in.history.covered_through.begin(),
                         in.history.covered_through.end());
  std::sort(looked.coverage.begin(), looked.coverage.end());
  return looked;
}

}  // namespace

Analysis Analyze(const config::TeamConfig& team,
                 const model::TeamHistory& history, absl::Time as_of) {
  const DetectorInput in{team, history, as_of};
  Analysis analysis;
  const PagerLoadRead pager = DetectPagerLoad(in, analysis.findings);
  DetectUnwrittenOops(in, analysis.findings);
  DetectDeferralDrift(in, analysis.findings);
  DetectMigrationLoad(in, analysis.findings);
  analysis.surveys = DetectSurveyThemes(in, analysis.findings);
  analysis.writeups = DetectWriteupThemes(in, analysis.findings);
  analysis.blind_spots = DetectBlindSpots(in);
  for (auto& spot : WithheldSurveys(team.analysis, analysis.surveys))
    analysis.blind_spots.push_back(std::move(spot));
  analysis.looked_at = Look(in, pager, analysis.surveys);
  analysis.migrations_finished = FinishedMigrations(history, as_of);
  analysis.delivery = DescribeDelivery(history, as_of);
  analysis.context = RecentAnnotations(history, as_of);
  return analysis;
}

}  // namespace teamload::analysis
