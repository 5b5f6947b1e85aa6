#include "daemon/analysis/deferral_drift.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/analysis/trend.h"

namespace teamload::analysis {
namespace {

constexpr int kPoints = 8;  // open items at the end of each of the last 8 weeks

std::string Label(const model::DeferralFact& d) {
  return d.title.empty() ? d.item : absl::StrCat(d.item, " \"", d.title, "\"");
}

}  // namespace

void DetectDeferralDrift(const DetectorInput& in, Findings& out) {
  const config::AnalysisConfig& cfg = in.team.analysis;
  std::vector<double> open_per_week;
  for (int k = kPoints - 1; k >= 0; --k) {
    const absl::Time at = in.as_of - k * kWeek;
    int open = 0;
    for (const auto& d : in.history.deferrals) open += d.OpenAt(at);
    open_per_week.push_back(open);
  }
  const MannKendall mk = MannKendallTest(open_per_week);
  const double slope = TheilSenSlope(open_per_week);
  const bool rising = mk.p < cfg.trend_p && mk.s > 0 && slope > 0;
  const bool falling = mk.p < cfg.trend_p && mk.s < 0;

  std::vector<const model::DeferralFact*> repeated;
  const model::DeferralFact* oldest = nullptr;
  for (const auto& d : in.history.deferrals) {
    if (!d.OpenAt(in.as_of)) continue;
    if (d.times_deferred >= cfg.deferral_repeat) repeated.push_back(&d);
    if (oldest == nullptr || std::tie(d.occurred_at, d.id) <
                                 std::tie(oldest->occurred_at, oldest->id)) {
      oldest = &d;
    }
  }
  std::sort(repeated.begin(), repeated.end(), [](auto* a, auto* b) {
    return std::tie(b->times_deferred, a->id) <
           std::tie(a->times_deferred, b->id);
  });

  teamload::v1::Level level = teamload::v1::LEVEL_UNSPECIFIED;
  if (rising && !repeated.empty()) {
    level = teamload::v1::LEVEL_ATTENTION;
  } else if (rising || !repeated.empty()) {
    level = teamload::v1::LEVEL_WATCH;
  }
  if (level == teamload::v1::LEVEL_UNSPECIFIED) return;

  // "rose from 0 to 1 item", "from 2 to 9 items".
  const char* const items = open_per_week.back() == 1 ? "item" : "items";
  std::string summary;
  if (rising) {
    summary = absl::StrFormat(
        "Open deferred work rose from %s to %s %s over 8 weeks (+%s a week, "
        "Mann-Kendall p = %.3f)",
        Number(open_per_week.front()), Number(open_per_week.back()), items,
        Number(slope), mk.p);
  } else {
    summary =
        absl::StrFormat("%s, no significant trend over 8 weeks",
                        Count(static_cast<int64_t>(open_per_week.back()),
                              "open deferred item", "open deferred items"));
  }
  if (!repeated.empty()) {
    absl::StrAppendFormat(
        &summary, "; %s deferred %d or more times (most: %s, %d times)",
        Count(static_cast<int64_t>(repeated.size()), "item was", "items were"),
        cfg.deferral_repeat, Label(*repeated.front()),
        repeated.front()->times_deferred);
  }
  if (oldest != nullptr) {
    absl::StrAppendFormat(
        &summary, "; oldest open: %s, open %d days", oldest->item,
        static_cast<int>((in.as_of - oldest->occurred_at) / absl::Hours(24)));
  }
  summary += ".";
  const std::string gist =
      rising ? absl::StrFormat("open deferred work rose from %s to %s %s",
                               Number(open_per_week.front()),
                               Number(open_per_week.back()), items)
             : absl::StrFormat("%s deferred %d or more times",
                               Count(static_cast<int64_t>(repeated.size()),
                                     "item", "items"),
                               cfg.deferral_repeat);
  teamload::v1::Finding finding =
      MakeFinding("deferral_drift", teamload::v1::BOUNDARY_ECONOMIC, level,
                  rising    ? teamload::v1::TREND_RISING
                  : falling ? teamload::v1::TREND_FALLING
                            : teamload::v1::TREND_STEADY,
                  std::move(summary), gist);
  for (std::size_t i = 0; i < repeated.size() && i < 10; ++i) {
    finding.mutable_evidence()->add_signal_ids(repeated[i]->id);
  }
  if (oldest != nullptr &&
      std::find(repeated.begin(), repeated.end(), oldest) == repeated.end()) {
    finding.mutable_evidence()->add_signal_ids(oldest->id);
  }
  AddFigure(finding, "open_deferred_items", open_per_week.back(), "items");
  AddFigure(finding, "open_deferred_items_8_weeks_ago", open_per_week.front(),
            "items");
  AddFigure(finding, "theil_sen_slope_per_week", slope, "items");
  AddFigure(finding, "mann_kendall_p", mk.p, "p");
  AddFigure(finding, "items_deferred_repeatedly",
            static_cast<double>(repeated.size()), "items");
  out.push_back(std::move(finding));
}

}  // namespace teamload::analysis
