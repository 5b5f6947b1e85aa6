// Interruptions as people feel them: a team's pages merged the way PagerDuty
// counts interruptions, and the local clock hours they disrupted, the way
// Multitudes counts disrupted hours. Ten pages in one minute are one
// interruption in one disrupted hour; ten pages spread across a night are
// ten interruptions in as many hours as they touched.
//
// Merging. PagerDuty's Interruptions metric: "notifications that arrive
// within 60 seconds of each other are counted as a single interruption"
// (Responder Insights, support.pagerduty.com). Read as a chain: with the
// team's pages in time order, a page that starts at most `merge` after the
// previous page (interruption_merge_seconds, default 60) joins that page's
// interruption; a later one begins a new interruption. So a page every 50 s
// for ten minutes is one interruption, however long the chain gets. In whole
// seconds: pages exactly 60 s apart merge, 61 s apart do not. Pages of one
// team merge whoever was paged: teamloadd does not know who on the rotation
// each page reached.
//
// Disrupted hours (Multitudes' "number of distinct calendar hours disrupted
// by pages"): the distinct local clock hours, in the team's zone
// (LocalClock::HourOf), with at least one page, so at least one interruption
// began or went on in them: an interruption from 10:59:30 to 11:00:20 is one
// interruption in two disrupted hours. Whatever the merge window, the hours
// are the same.
//
// Bands: an interruption is in the band of its first page; a disrupted hour
// in its own band (TimeBand, the same for the whole hour).
//
// Windows: each window (a week, the last 7 days) counts from its own pages
// alone, so a window with a page has at least one interruption and one
// disrupted hour; an interruption or a clock hour that straddles a window's
// edge counts in both windows.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_INTERRUPTIONS_H_
#define TEAMLOAD_DAEMON_ANALYSIS_INTERRUPTIONS_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "daemon/analysis/time_bands.h"
#include "daemon/config/config.h"
#include "daemon/model/team_history.h"

namespace teamload::analysis {

// A count in each time band.
struct BandCounts {
  std::array<int, kTimeBands> by_band{};

  int& operator[](TimeBand band) { return by_band[static_cast<int>(band)]; }
  int operator[](TimeBand band) const {
    return by_band[static_cast<int>(band)];
  }
  int Total() const { return by_band[0] + by_band[1] + by_band[2]; }
};

// What a window's pages amount to.
struct PageLoad {
  int pages = 0;
  BandCounts interruptions;
  BandCounts disrupted_hours;
};

// The team's merge window (AnalysisConfig::interruption_merge_seconds).
absl::Duration InterruptionMerge(const config::AnalysisConfig& analysis);

// "pages within 60 s of the one before count as one": how sentences state
// the merge rule.
std::string MergeRule(const config::AnalysisConfig& analysis);

// Counts one window's pages, fed in time order.
class InterruptionCounter {
 public:
  // `clock` must cover the window (it stays right outside it, only slower)
  // and outlive the counter.
  InterruptionCounter(const LocalClock& clock, absl::Duration merge);

  // Adds the window's next page. Returns whether it begins an interruption.
  // REQUIRES: `unix_seconds` is not before the previous page's.
  bool Add(int64_t unix_seconds) {
    return Add(unix_seconds, clock_.HourOf(unix_seconds));
  }
  // The same, with the page's hour already read from the clock
  // (`clock.HourOf(unix_seconds)`), for callers that count one page in
  // several windows.
  bool Add(int64_t unix_seconds, const LocalClock::Hour& hour);

  const PageLoad& load() const { return load_; }

 private:
  const LocalClock& clock_;
  int64_t merge_s_;
  PageLoad load_;
  int64_t last_page_s_ = 0;
  int64_t last_hour_ = 0;
};

// The team's pages that occurred in (from, to], by time and, within a
// second, by id: the order that decides which page begins an interruption,
// whatever order the model holds them in (arrival order, or id order after
// a restart).
std::vector<const model::PageFact*> PagesBetween(
    const model::TeamHistory& history, absl::Time from, absl::Time to);

// The load of the team's pages that occurred in (from, to].
PageLoad LoadBetween(const config::TeamConfig& team,
                     const model::TeamHistory& history, absl::Time from,
                     absl::Time to);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_INTERRUPTIONS_H_
