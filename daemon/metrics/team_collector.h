// TeamCollector: each team's state as Prometheus series, computed at scrape
// time from the model and the detectors (analysis::Analyze), never folded
// into one score:
//
//   teamload_team_recent_signals{team,kind}       current signals that
//                                                 occurred in the last 7 days
//   teamload_team_recent_interruptions{team,band} the last 7 days' pages
//                                                 merged into interruptions
//                                                 (analysis/interruptions.h),
//                                                 by the band of each one's
//                                                 first page
//   teamload_team_recent_disrupted_clockhours{team,band}  disrupted hours:
//                                                 local clock hours with a
//                                                 page in the last 7 days (a
//                                                 count, not a duration, so
//                                                 not named _hours, which
//                                                 promtool reads as a unit)
//   teamload_team_unwritten_oopses{team}          past oops_writeup_days and
//                                                 not written up
//   teamload_team_open_deferrals{team}
//   teamload_team_coverage_age_seconds{team,source}  since each expected
//                                                 source's coverage mark
//   teamload_team_blind_spot{team,source}         1 per blind spot
//   teamload_team_finding{team,detector,boundary,level}  1 while the
//                                                 detector has such a finding
//
// Running every detector over 1,000 teams takes longer than a scrape should,
// so each team's analysis is kept and reused while its history is unchanged
// (TeamHistory::changes) and for a while as time passes: between
// kRefreshAfter and 2 * kRefreshAfter, spread over the teams so that no one
// scrape pays for all of them. Time alone moves findings slowly (an oops
// turns 14 days old, a page leaves the 7-day window), so a few minutes late
// is fine for alerts that wait hours or days. New signals show at the next
// scrape; coverage ages are always computed afresh.
//
// Thread-safe: scrapes are served one at a time. Does not own the model or
// the clock; they must outlive it.
#ifndef TEAMLOAD_DAEMON_METRICS_TEAM_COLLECTOR_H_
#define TEAMLOAD_DAEMON_METRICS_TEAM_COLLECTOR_H_

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "daemon/model/model.h"
#include "daemon/util/clock.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace teamload::metrics {

class TeamCollector final : public prometheus::Collectable {
 public:
  // A team's analysis is reused for at least this long while its history is
  // unchanged.
  static constexpr absl::Duration kRefreshAfter = absl::Minutes(5);

  TeamCollector(const model::Model* model, const util::Clock* clock)
      : model_(model), clock_(clock) {}

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  // What one team's analysis said, as of `as_of`.
  struct TeamSnapshot {
    bool computed = false;
    uint64_t changes = 0;  // TeamHistory::changes it was computed from
    absl::Time as_of;
    std::array<int64_t, model::kAllKinds.size()>
        recent_signals{};  // by model::Kind
    // The last 7 days' pages, by analysis::TimeBand.
    std::array<int, 3> recent_interruptions{};
    std::array<int, 3> recent_disrupted_hours{};
    int unwritten_oopses = 0;
    int open_deferrals = 0;
    // Expected sources with a coverage mark, and the mark.
    std::vector<std::pair<std::string, absl::Time>> coverage;
    std::vector<std::string> blind_spots;  // sources
    struct Finding {
      std::string detector, boundary, level;
      auto operator<=>(const Finding&) const = default;
    };
    std::vector<Finding> findings;
    // The narrative's context (analysis::RecentAnnotations).
    std::vector<model::AnnotationFact> annotations;
  };

  static TeamSnapshot Snapshot(const config::TeamConfig& team,
                               const model::TeamHistory& history,
                               absl::Time as_of);

  // Constant after construction.
  const model::Model* const model_;
  const util::Clock* const clock_;

  // State below is protected by mu_.
  mutable absl::Mutex mu_;
  mutable std::vector<TeamSnapshot> snapshots_
      ABSL_GUARDED_BY(mu_);  // by
                             // team, in visit order
};

}  // namespace teamload::metrics

#endif  // TEAMLOAD_DAEMON_METRICS_TEAM_COLLECTOR_H_
