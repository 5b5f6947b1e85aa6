#include "daemon/analysis/pager_load.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/analysis/time_bands.h"
#include "daemon/analysis/trend.h"

namespace teamload::analysis {
namespace {

constexpr int kWeeks = 9;  // this week and the 8 before it

struct WeekCounts {
  int pages = 0;
  int sleep = 0;
  int off_hours = 0;
  int high = 0;
};

}  // namespace

void DetectPagerLoad(const DetectorInput& in, Findings& out) {
  const config::AnalysisConfig& cfg = in.team.analysis;
  std::array<WeekCounts, kWeeks> weeks{};
  const LocalClock clock(in.team.zone, in.as_of - kWeeks * kWeek, in.as_of);
  const int64_t as_of = absl::ToUnixSeconds(in.as_of);
  constexpr int64_t kWeekSeconds = 7 * 24 * 3600;
  struct ThisWeek {
    const model::PageFact* page;
    bool sleep;
  };
  std::vector<ThisWeek> this_week;
  for (const model::PageFact& page : in.history.pages) {
    // Integer seconds: this loop runs over every page the team ever had.
    const int64_t age = as_of - page.occurred_s;
    if (age < 0 || age >= kWeeks * kWeekSeconds) continue;
    const int week = static_cast<int>(age / kWeekSeconds);
    WeekCounts& w = weeks[week];
    ++w.pages;
    const TimeBand band = clock.BandOf(page.occurred_at());
    w.sleep += band == TimeBand::kSleep;
    w.off_hours += band == TimeBand::kOffHours;
    w.high += page.high_urgency;
    if (week == 0) this_week.push_back({&page, band == TimeBand::kSleep});
  }
  const WeekCounts& now = weeks[0];
  std::vector<double> prior;
  for (int k = 1; k < kWeeks; ++k) prior.push_back(weeks[k].pages);
  const double median = Median(prior);
  const double ratio = median > 0      ? now.pages / median
                       : now.pages > 0 ? std::numeric_limits<double>::infinity()
                                       : 0;
  const double per_person =
      static_cast<double>(now.pages) / in.team.oncall_size;
  const double sleep_per_person =
      static_cast<double>(now.sleep) / in.team.oncall_size;
  std::map<int64_t, int> shifts;
  for (const ThisWeek& p : this_week)
    ++shifts[clock.ShiftOf(p.page->occurred_at())];
  int busiest_shift = 0;
  for (const auto& [shift, n] : shifts)
    busiest_shift = std::max(busiest_shift, n);
  int peak = 0, peak_week = 0;
  for (int k = 1; k < kWeeks; ++k) {
    if (weeks[k].pages > peak) peak = weeks[k].pages, peak_week = k;
  }

  const bool enough = now.pages >= cfg.pager_min_pages;
  const bool sleep_heavy =
      sleep_per_person >= cfg.sleep_pages_per_person_attention;
  const bool shift_heavy = busiest_shift > cfg.shift_pages_watch;
  teamload::v1::Level level = teamload::v1::LEVEL_UNSPECIFIED;
  if ((enough && ratio >= cfg.pager_attention_ratio) || sleep_heavy) {
    level = teamload::v1::LEVEL_ATTENTION;
  } else if ((enough && ratio >= cfg.pager_watch_ratio) || shift_heavy) {
    level = teamload::v1::LEVEL_WATCH;
  }
  std::vector<double> chronological;
  for (int k = kWeeks - 1; k >= 0; --k) chronological.push_back(weeks[k].pages);
  teamload::v1::Trend trend = TrendOf(chronological, cfg.trend_p);
  if (enough && ratio >= cfg.pager_watch_ratio)
    trend = teamload::v1::TREND_RISING;
  const bool recovering =
      level == teamload::v1::LEVEL_UNSPECIFIED && peak >= cfg.pager_min_pages &&
      peak >= 1.5 * std::max(now.pages, 1) && now.pages <= median;
  if (recovering) {
    level = teamload::v1::LEVEL_INFO;
    trend = teamload::v1::TREND_FALLING;
  }
  if (level == teamload::v1::LEVEL_UNSPECIFIED) return;

  std::string summary;
  if (recovering) {
    summary = absl::StrFormat(
        "Pages are falling back: %s in the last 7 days, after a peak of %d in "
        "the week "
        "ending %s and a median of %s a week over the previous 8 weeks.",
        Count(now.pages, "page", "pages"), peak,
        Day(in.as_of - peak_week * kWeek, in.team.zone), Number(median));
  } else {
    summary = absl::StrFormat(
        "%s in the last 7 days against a median of %s a week over the previous "
        "8 weeks",
        Count(now.pages, "page", "pages"), Number(median));
    if (median > 0) absl::StrAppend(&summary, " (", Number(ratio), "x)");
    absl::StrAppendFormat(&summary,
                          "; %d during sleep hours (%s %s), %d high urgency, "
                          "%s pages per on-call person",
                          now.sleep, SleepHours(), in.team.zone.name(),
                          now.high, Number(per_person));
    if (shift_heavy) {
      absl::StrAppendFormat(
          &summary, "; %d pages in one 12-hour shift (guideline: at most %d)",
          busiest_shift, cfg.shift_pages_watch);
    }
    summary += ".";
  }
  std::string gist;
  if (recovering) {
    gist = absl::StrFormat("pages fell back to %d a week from a peak of %d",
                           now.pages, peak);
  } else if (enough && ratio >= cfg.pager_watch_ratio && median > 0) {
    gist = absl::StrFormat("pages rose to %d this week, %sx the usual %s",
                           now.pages, Number(ratio), Number(median));
  } else {
    gist = absl::StrFormat("%s this week", Count(now.pages, "page", "pages"));
  }
  if (!recovering && now.sleep > 0) {
    absl::StrAppendFormat(&gist, ", %d of them during sleep hours", now.sleep);
  }
  teamload::v1::Finding finding =
      MakeFinding("pager_load", teamload::v1::BOUNDARY_WORKLOAD, level, trend,
                  std::move(summary), std::move(gist));
  // Cite sleep-hour pages first, then the rest, oldest first, at most 10.
  std::sort(this_week.begin(), this_week.end(),
            [&](const ThisWeek& a, const ThisWeek& b) {
              if (a.sleep != b.sleep) return a.sleep;
              return std::tuple(a.page->occurred_s,
                                in.history.PageId(*a.page)) <
                     std::tuple(b.page->occurred_s, in.history.PageId(*b.page));
            });
  for (std::size_t i = 0; i < this_week.size() && i < 10; ++i) {
    finding.mutable_evidence()->add_signal_ids(
        std::string(in.history.PageId(*this_week[i].page)));
  }
  AddFigure(finding, "pages_last_7_days", now.pages, "pages");
  AddFigure(finding, "median_pages_per_week_previous_8", median, "pages");
  if (median > 0) AddFigure(finding, "ratio_to_median", ratio, "ratio");
  AddFigure(finding, "sleep_hour_pages_last_7_days", now.sleep, "pages");
  AddFigure(finding, "off_hour_pages_last_7_days", now.off_hours, "pages");
  AddFigure(finding, "high_urgency_pages_last_7_days", now.high, "pages");
  AddFigure(finding, "pages_per_oncall_person", per_person, "pages");
  AddFigure(finding, "most_pages_in_one_shift", busiest_shift, "pages");
  out.push_back(std::move(finding));
}

}  // namespace teamload::analysis
