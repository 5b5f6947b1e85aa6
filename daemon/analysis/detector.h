// What every detector reads and the helpers they share. A detector is a pure
// function of (team config, team history, as_of): no I/O, no clock, so the
// same inputs always give the same findings.
//
// History replay: a detector only counts signals that occurred at or before
// as_of, and judges write-ups and resolutions by whether they happened by
// as_of.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_DETECTOR_H_
#define TEAMLOAD_DAEMON_ANALYSIS_DETECTOR_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/model/team_history.h"
#include "teamload/v1/narrative.pb.h"

namespace teamload::analysis {

struct DetectorInput {
  const config::TeamConfig& team;
  const model::TeamHistory& history;
  absl::Time as_of;  // local times are in team.zone
};

using Findings = std::vector<teamload::v1::Finding>;

inline constexpr absl::Duration kWeek = absl::Hours(24 * 7);

teamload::v1::Finding MakeFinding(absl::string_view detector,
                                  teamload::v1::Boundary boundary,
                                  teamload::v1::Level level,
                                  teamload::v1::Trend trend,
                                  std::string summary, std::string gist);

// A theme's boundary (config::ThemeConfig::boundary) as the API says it.
teamload::v1::Boundary BoundaryOf(const config::ThemeConfig& theme);

void AddFigure(teamload::v1::Finding& finding, absl::string_view name,
               double value, absl::string_view unit);

// "2026-10-30" in the team's zone.
std::string Day(absl::Time t, const absl::TimeZone& zone);

// "1 page", "3 pages".
std::string Count(int64_t n, absl::string_view singular,
                  absl::string_view plural);

// Numbers for people: "2.3", "6", "0.5".
std::string Number(double value);

}  // namespace teamload::analysis

#endif  // TEAMLOAD_DAEMON_ANALYSIS_DETECTOR_H_
