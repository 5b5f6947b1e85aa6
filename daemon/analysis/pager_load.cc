#include "daemon/analysis/pager_load.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/analysis/interruptions.h"
#include "daemon/analysis/time_bands.h"
#include "daemon/analysis/trend.h"

namespace teamload::analysis {
namespace {

constexpr int kWeeks = 9;  // this week and the 8 before it

// This week's pages by band of the page, and high urgency.
struct PageCounts {
  int sleep = 0;
  int off_hours = 0;
  int high = 0;
};

// The page that began one of this week's interruptions.
struct Begun {
  const model::PageFact* page;
  bool sleep;
};

// "5 interruptions", "4.5 interruptions", "1 interruption".
std::string Interruptions(double n) {
  return absl::StrCat(Number(n), n == 1 ? " interruption" : " interruptions");
}

// How many of `hours` disrupted hours were sleep hours, after a comma; empty
// for none.
std::string SleepHoursPart(int sleep, int hours) {
  if (sleep == 0) return "";
  if (hours == 1) return ", in sleep hours";
  if (sleep == hours) return ", all of them sleep hours";
  if (sleep == 1) return ", 1 of them a sleep hour";
  return absl::StrFormat(", %d of them sleep hours", sleep);
}

}  // namespace

PagerLoadRead DetectPagerLoad(const DetectorInput& in, Findings& out) {
  const config::AnalysisConfig& cfg = in.team.analysis;
  const LocalClock clock(in.team.zone, in.as_of - kWeeks * kWeek, in.as_of);
  const int64_t as_of = absl::ToUnixSeconds(in.as_of);
  constexpr int64_t kWeekSeconds = 7 * 24 * 3600;
  // In time order: which page begins an interruption depends on it.
  const std::vector<const model::PageFact*> pages =
      PagesBetween(in.history, in.as_of - kWeeks * kWeek, in.as_of);

  const absl::Duration merge = InterruptionMerge(cfg);
  InterruptionCounter all(clock, merge);
  std::vector<InterruptionCounter> week_counters(
      kWeeks, InterruptionCounter(clock, merge));
  PageCounts now_pages;
  std::vector<Begun> this_week;
  std::map<int64_t, int> shifts;  // interruptions begun in each shift
  for (const model::PageFact* page : pages) {
    const int week =
        static_cast<int>((as_of - page->occurred_s) / kWeekSeconds);
    // The clock is read once a page: it is most of what this loop costs.
    const LocalClock::Hour hour = clock.HourOf(page->occurred_s);
    all.Add(page->occurred_s, hour);
    const bool begins = week_counters[week].Add(page->occurred_s, hour);
    if (week != 0) continue;
    const absl::Time at = page->occurred_at();
    const TimeBand band = hour.band;
    now_pages.sleep += band == TimeBand::kSleep;
    now_pages.off_hours += band == TimeBand::kOffHours;
    now_pages.high += page->high_urgency;
    if (begins) {
      this_week.push_back({page, band == TimeBand::kSleep});
      ++shifts[clock.ShiftOf(at)];
    }
  }
  const PagerLoadRead read{
      .pages = all.load().pages,
      .interruptions = all.load().interruptions.Total(),
      .disrupted_hours = all.load().disrupted_hours.Total(),
      .last_7_days = week_counters[0].load()};
  std::array<int, kWeeks> interruptions{};
  for (int k = 0; k < kWeeks; ++k)
    interruptions[k] = week_counters[k].load().interruptions.Total();
  const PageLoad& now = week_counters[0].load();
  const int now_i = interruptions[0];
  const int now_hours = now.disrupted_hours.Total();

  std::vector<double> prior(interruptions.begin() + 1, interruptions.end());
  const double median = Median(prior);
  const double ratio = median > 0  ? now_i / median
                       : now_i > 0 ? std::numeric_limits<double>::infinity()
                                   : 0;
  const double per_person = static_cast<double>(now_i) / in.team.oncall_size;
  const int sleep_i = now.interruptions[TimeBand::kSleep];
  const double sleep_per_person =
      static_cast<double>(sleep_i) / in.team.oncall_size;
  int busiest_shift = 0;
  for (const auto& [shift, n] : shifts)
    busiest_shift = std::max(busiest_shift, n);
  int peak = 0, peak_week = 0;
  for (int k = 1; k < kWeeks; ++k) {
    if (interruptions[k] > peak) peak = interruptions[k], peak_week = k;
  }

  const bool enough = now_i >= cfg.pager_min_pages;
  const bool sleep_heavy =
      sleep_per_person >= cfg.sleep_pages_per_person_attention;
  const bool shift_heavy = busiest_shift > cfg.shift_pages_watch;
  teamload::v1::Level level = teamload::v1::LEVEL_UNSPECIFIED;
  if ((enough && ratio >= cfg.pager_attention_ratio) || sleep_heavy) {
    level = teamload::v1::LEVEL_ATTENTION;
  } else if ((enough && ratio >= cfg.pager_watch_ratio) || shift_heavy) {
    level = teamload::v1::LEVEL_WATCH;
  }
  std::vector<double> chronological(interruptions.rbegin(),
                                    interruptions.rend());
  teamload::v1::Trend trend = TrendOf(chronological, cfg.trend_p);
  if (enough && ratio >= cfg.pager_watch_ratio)
    trend = teamload::v1::TREND_RISING;
  const bool recovering = level == teamload::v1::LEVEL_UNSPECIFIED &&
                          peak >= cfg.pager_min_pages &&
                          peak >= 1.5 * std::max(now_i, 1) && now_i <= median;
  if (recovering) {
    level = teamload::v1::LEVEL_INFO;
    trend = teamload::v1::TREND_FALLING;
  }
  if (level == teamload::v1::LEVEL_UNSPECIFIED) return read;

  const std::string pages_merged = absl::StrFormat(
      "%s; %s", Count(now.pages, "page", "pages"), MergeRule(cfg));
  std::string summary;
  if (recovering) {
    summary = absl::StrFormat(
        "Interruptions are falling back: %s in the last 7 days (%s), after a "
        "peak of %d in the week ending %s and a median of %s a week over the "
        "previous 8 weeks.",
        Interruptions(now_i), pages_merged, peak,
        Day(in.as_of - peak_week * kWeek, in.team.zone), Number(median));
  } else {
    summary = absl::StrFormat(
        "%s in the last 7 days (%s) across %s, against a median of %s a week "
        "over the previous 8 weeks",
        Interruptions(now_i), pages_merged,
        Count(now_hours, "disrupted hour", "disrupted hours"),
        Interruptions(median));
    if (median > 0) absl::StrAppend(&summary, " (", Number(ratio), "x)");
    absl::StrAppendFormat(
        &summary,
        "; %s in %s during sleep hours (%s %s), %s, %s per on-call person",
        Interruptions(sleep_i),
        Count(now.disrupted_hours[TimeBand::kSleep], "disrupted hour",
              "disrupted hours"),
        SleepHours(), in.team.zone.name(),
        Count(now_pages.high, "high-urgency page", "high-urgency pages"),
        Interruptions(per_person));
    if (shift_heavy) {
      absl::StrAppendFormat(
          &summary, "; %s in one 12-hour shift (guideline: at most %d)",
          Interruptions(busiest_shift), cfg.shift_pages_watch);
    }
    summary += ".";
  }
  const std::string hours = absl::StrCat(
      Count(now_hours, "disrupted hour", "disrupted hours"),
      SleepHoursPart(now.disrupted_hours[TimeBand::kSleep], now_hours));
  std::string gist;
  if (recovering) {
    gist = absl::StrFormat(
        "interruptions fell back to %d a week from a peak of %d", now_i, peak);
  } else if (enough && ratio >= cfg.pager_watch_ratio && median > 0) {
    gist = absl::StrFormat(
        "interruptions rose to %d this week, %sx the usual %s (%s across %s)",
        now_i, Number(ratio), Number(median), Count(now.pages, "page", "pages"),
        hours);
  } else {
    gist = absl::StrFormat("%s this week, %s across %s",
                           Count(now.pages, "page", "pages"),
                           Interruptions(now_i), hours);
  }
  teamload::v1::Finding finding =
      MakeFinding("pager_load", teamload::v1::BOUNDARY_WORKLOAD, level, trend,
                  std::move(summary), std::move(gist));
  // Cite the page that began each interruption: sleep-hour ones first, then
  // the rest, oldest first, at most 10.
  std::stable_sort(
      this_week.begin(), this_week.end(),
      [](const Begun& a, const Begun& b) { return a.sleep && !b.sleep; });
  for (std::size_t i = 0; i < this_week.size() && i < 10; ++i) {
    finding.mutable_evidence()->add_signal_ids(
        std::string(in.history.PageId(*this_week[i].page)));
  }
  AddFigure(finding, "interruptions_last_7_days", now_i, "interruptions");
  AddFigure(finding, "disrupted_hours_last_7_days", now_hours, "hours");
  AddFigure(finding, "pages_last_7_days", now.pages, "pages");
  AddFigure(finding, "interruption_merge_seconds",
            cfg.interruption_merge_seconds, "seconds");
  AddFigure(finding, "median_interruptions_per_week_previous_8", median,
            "interruptions");
  if (median > 0) AddFigure(finding, "ratio_to_median", ratio, "ratio");
  AddFigure(finding, "sleep_hour_interruptions_last_7_days", sleep_i,
            "interruptions");
  AddFigure(finding, "off_hour_interruptions_last_7_days",
            now.interruptions[TimeBand::kOffHours], "interruptions");
  AddFigure(finding, "sleep_disrupted_hours_last_7_days",
            now.disrupted_hours[TimeBand::kSleep], "hours");
  AddFigure(finding, "off_hour_disrupted_hours_last_7_days",
            now.disrupted_hours[TimeBand::kOffHours], "hours");
  AddFigure(finding, "sleep_hour_pages_last_7_days", now_pages.sleep, "pages");
  AddFigure(finding, "off_hour_pages_last_7_days", now_pages.off_hours,
            "pages");
  AddFigure(finding, "high_urgency_pages_last_7_days", now_pages.high, "pages");
  AddFigure(finding, "interruptions_per_oncall_person", per_person,
            "interruptions");
  AddFigure(finding, "most_interruptions_in_one_shift", busiest_shift,
            "interruptions");
  out.push_back(std::move(finding));
  return read;
}

}  // namespace teamload::analysis
