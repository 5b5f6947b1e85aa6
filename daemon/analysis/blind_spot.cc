#include "daemon/analysis/blind_spot.h"

#include "absl/strings/str_format.h"
#include "google/protobuf/util/time_util.h"

namespace teamload::analysis {

std::vector<teamload::v1::BlindSpot> DetectBlindSpots(const DetectorInput& in) {
  std::vector<teamload::v1::BlindSpot> spots;
  const absl::Duration stale =
      absl::Hours(24) * in.team.analysis.coverage_stale_days;
  for (const std::string& source : in.team.expected_sources) {
    teamload::v1::BlindSpot spot;
    spot.set_source(source);
    auto it = in.history.covered_through.find(source);
    if (it == in.history.covered_through.end()) {
      spot.set_summary(
          absl::StrFormat("We cannot see %s: it has never reported coverage "
                          "for this team, so no data from "
                          "it means nothing either way.",
                          source));
      spots.push_back(std::move(spot));
      continue;
    }
    // Replaying history: coverage reported later than as_of says nothing of
    // what was visible then beyond as_of itself.
    const absl::Time through = std::min(it->second, in.as_of);
    if (in.as_of - through <= stale) continue;
    *spot.mutable_covered_through() =
        google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
            absl::ToUnixNanos(through));
    spot.set_summary(absl::StrFormat(
        "We cannot see %s since %s (%d days): nothing it recorded after that "
        "has reached us.",
        source, Day(through, in.team.zone),
        static_cast<int>((in.as_of - through) / absl::Hours(24))));
    spots.push_back(std::move(spot));
  }
  return spots;
}

}  // namespace teamload::analysis
