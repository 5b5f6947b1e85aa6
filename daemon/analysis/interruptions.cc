#include "daemon/analysis/interruptions.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_format.h"

namespace teamload::analysis {

absl::Duration InterruptionMerge(const config::AnalysisConfig& analysis) {
  return absl::Seconds(analysis.interruption_merge_seconds);
}

std::string MergeRule(const config::AnalysisConfig& analysis) {
  if (analysis.interruption_merge_seconds == 0)
    return "pages in the same second count as one";
  return absl::StrFormat("pages within %d s of the one before count as one",
                         analysis.interruption_merge_seconds);
}

InterruptionCounter::InterruptionCounter(const LocalClock& clock,
                                         absl::Duration merge)
    : clock_(clock), merge_s_(absl::ToInt64Seconds(merge)) {}

bool InterruptionCounter::Add(int64_t unix_seconds,
                              const LocalClock::Hour& hour) {
  const bool first = load_.pages == 0;
  ++load_.pages;
  const bool begins = first || unix_seconds - last_page_s_ > merge_s_;
  last_page_s_ = unix_seconds;
  // Pages in time order meet each clock hour in one run, so a new hour is
  // one unlike the last page's: LocalClock::HourOf never comes back to an
  // hour it left (it would take two UTC offset changes within one hour).
  const bool new_hour = first || hour.start != last_hour_;
  last_hour_ = hour.start;
  if (begins) ++load_.interruptions[hour.band];
  if (new_hour) ++load_.disrupted_hours[hour.band];
  return begins;
}

std::vector<const model::PageFact*> PagesBetween(
    const model::TeamHistory& history, absl::Time from, absl::Time to) {
  // Sorted as 64-bit keys, the second above the page's position in the
  // history: several times faster than comparing through pointers. Integer
  // seconds: this loop runs over every page the team ever had.
  const int64_t from_s = absl::ToUnixSeconds(from),
                to_s = absl::ToUnixSeconds(to);
  const model::PageFact* const base = history.pages.data();
  std::vector<uint64_t> keys;
  bool sorted = true;
  for (std::size_t i = 0; i < history.pages.size(); ++i) {
    const uint32_t at = base[i].occurred_s;
    if (at <= from_s || at > to_s) continue;
    const uint64_t key = uint64_t{at} << 32 | static_cast<uint32_t>(i);
    sorted = sorted && (keys.empty() || keys.back() <= key);
    keys.push_back(key);
  }
  if (!sorted) std::sort(keys.begin(), keys.end());
  std::vector<const model::PageFact*> pages(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i)
    pages[i] = base + (keys[i] & 0xffffffffu);
  // Within a second, by id: the position would depend on arrival order.
  const auto by_id = [&](const model::PageFact* a, const model::PageFact* b) {
    return history.PageId(*a) < history.PageId(*b);
  };
  std::size_t i = 0;
  while (i < pages.size()) {
    std::size_t j = i + 1;
    while (j < pages.size() && pages[j]->occurred_s == pages[i]->occurred_s)
      ++j;
    if (j - i > 1) std::sort(pages.begin() + i, pages.begin() + j, by_id);
    i = j;
  }
  return pages;
}

PageLoad LoadBetween(const config::TeamConfig& team,
                     const model::TeamHistory& history, absl::Time from,
                     absl::Time to) {
  const LocalClock clock(team.zone, from, to);
  InterruptionCounter counter(clock, InterruptionMerge(team.analysis));
  for (const model::PageFact* page : PagesBetween(history, from, to))
    counter.Add(page->occurred_s);
  return counter.load();
}

}  // namespace teamload::analysis
