#include "daemon/reports/weekly_series.h"

#include <algorithm>
#include <tuple>

#include "daemon/analysis/detector.h"
#include "daemon/analysis/interruptions.h"
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

  // Pages are many: one pass in time order, each into its window by
  // arithmetic, each window merging its own pages into interruptions.
  const analysis::LocalClock local(team.zone, first_start, as_of);
  const int64_t first_s = absl::ToUnixSeconds(first_start);
  const int64_t week_s = absl::ToInt64Seconds(analysis::kWeek);
  std::vector<analysis::InterruptionCounter> counters(
      weeks, analysis::InterruptionCounter(
                 local, analysis::InterruptionMerge(team.analysis)));
  for (const model::PageFact* page :
       analysis::PagesBetween(history, first_start, as_of)) {
    // Windows are open at the start and closed at the end.
    counters[(page->occurred_s - first_s - 1) / week_s].Add(page->occurred_s);
  }
  using analysis::TimeBand;
  for (int i = 0; i < weeks; ++i) {
    const analysis::PageLoad& load = counters[i].load();
    WeekPoint& week = series[i];
    week.pages = load.pages;
    week.interruptions_business = load.interruptions[TimeBand::kBusiness];
    week.interruptions_off_hours = load.interruptions[TimeBand::kOffHours];
    week.interruptions_sleep = load.interruptions[TimeBand::kSleep];
    week.disrupted_hours_business = load.disrupted_hours[TimeBand::kBusiness];
    week.disrupted_hours_off_hours = load.disrupted_hours[TimeBand::kOffHours];
    week.disrupted_hours_sleep = load.disrupted_hours[TimeBand::kSleep];
  }

  const absl::Duration grace = analysis::WriteupGrace(team.analysis);
  for (WeekPoint& week : series) {
    const absl::Time end = week.week_start + analysis::kWeek;
    for (const model::DeferralFact& d : history.deferrals)
      week.open_deferrals += d.OpenAt(end);
    for (const model::OopsFact& oops : history.oopses)
      week.unwritten_oopses += oops.UnwrittenAt(end, grace);
  }

  std::vector<const model::AnnotationFact*> notes;
  for (const model::AnnotationFact& note : history.annotations) {
    if (note.occurred_at > first_start && note.occurred_at <= as_of) {
      notes.push_back(&note);
    }
  }
  std::sort(notes.begin(), notes.end(),
            [](const model::AnnotationFact* a, const model::AnnotationFact* b) {
              return std::tie(a->occurred_at, a->id) <
                     std::tie(b->occurred_at, b->id);
            });
  for (const model::AnnotationFact* note : notes) {
    // The window whose (start, end] holds it.
    const int64_t week =
        absl::Ceil(note->occurred_at - first_start, analysis::kWeek) /
            analysis::kWeek -
        1;
    series[week].notes.push_back(
        {.at = note->occurred_at,
         .day = absl::ToCivilDay(note->occurred_at, team.zone),
         .text = note->text,
         .author = note->author});
  }
  return series;
}

}  // namespace teamload::reports
