#include "daemon/reports/weekly_series.h"

#include "daemon/analysis/detector.h"
#include "daemon/analysis/time_bands.h"
#include "daemon/analysis/unwritten_oops.h"

namespace teamload::reports {

std::vector<WeekPoint> WeeklySeries(const config::TeamConfig& team,
                                    const model::TeamHistory& history,
                                    absl::Time as_of, int weeks) {
  const absl::Time first_start = as_of - weeks * analysis::kWeek;
  std::vector<WeekPoint> series(weeks);
  for (int i = 0; i < weeks; ++i)
    series[i].week_start = first_start + i * analysis::kWeek;

  // Pages are many: one pass, each into its window by arithmetic.
  const analysis::LocalClock local(team.zone, first_start, as_of);
  const int64_t first_s = absl::ToUnixSeconds(first_start);
  const int64_t as_of_s = absl::ToUnixSeconds(as_of);
  const int64_t week_s = absl::ToInt64Seconds(analysis::kWeek);
  for (const model::PageFact& page : history.pages) {
    if (page.occurred_s <= first_s || page.occurred_s > as_of_s) continue;
    // Windows are open at the start and closed at the end.
    WeekPoint& week = series[(page.occurred_s - first_s - 1) / week_s];
    switch (local.BandOf(page.occurred_at())) {
      case analysis::TimeBand::kBusiness:
        ++week.pages_business;
        break;
      case analysis::TimeBand::kOffHours:
        ++week.pages_off_hours;
        break;
      case analysis::TimeBand::kSleep:
        ++week.pages_sleep;
        break;
    }
  }

  const absl::Duration grace = analysis::WriteupGrace(team.analysis);
  for (WeekPoint& week : series) {
    const absl::Time end = week.week_start + analysis::kWeek;
    for (const model::DeferralFact& d : history.deferrals)
      week.open_deferrals += d.OpenAt(end);
    for (const model::OopsFact& oops : history.oopses)
      week.unwritten_oopses += oops.UnwrittenAt(end, grace);
  }
  return series;
}

}  // namespace teamload::reports
