#include "daemon/analysis/detector.h"

#include <cmath>

#include "absl/strings/str_format.h"

namespace teamload::analysis {

teamload::v1::Finding MakeFinding(absl::string_view detector,
                                  teamload::v1::Boundary boundary,
                                  teamload::v1::Level level,
                                  teamload::v1::Trend trend,
                                  std::string summary, std::string gist) {
  teamload::v1::Finding finding;
  finding.set_detector(std::string(detector));
  finding.set_boundary(boundary);
  finding.set_level(level);
  finding.set_trend(trend);
  finding.set_summary(std::move(summary));
  finding.set_gist(std::move(gist));
  return finding;
}

teamload::v1::Boundary BoundaryOf(const config::ThemeConfig& theme) {
  if (theme.boundary == "workload") return teamload::v1::BOUNDARY_WORKLOAD;
  if (theme.boundary == "economic") return teamload::v1::BOUNDARY_ECONOMIC;
  return teamload::v1::BOUNDARY_SAFETY;
}

void AddFigure(teamload::v1::Finding& finding, absl::string_view name,
               double value, absl::string_view unit) {
  teamload::v1::Figure* figure = finding.mutable_evidence()->add_figures();
  figure->set_name(std::string(name));
  figure->set_value(value);
  figure->set_unit(std::string(unit));
}

std::string Day(absl::Time t, const absl::TimeZone& zone) {
  return absl::FormatTime("%Y-%m-%d", t, zone);
}

std::string Count(int64_t n, absl::string_view singular,
                  absl::string_view plural) {
  return absl::StrFormat("%d %s", n, n == 1 ? singular : plural);
}

std::string Number(double value) {
  const double rounded = std::round(value * 10) / 10;
  if (rounded == std::floor(rounded)) return absl::StrFormat("%.0f", rounded);
  return absl::StrFormat("%.1f", rounded);
}

}  // namespace teamload::analysis
