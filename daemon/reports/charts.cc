// PLACEHOLDER: replaced by the render branch
#include "daemon/reports/charts.h"

#include "absl/strings/str_cat.h"

namespace teamload::reports {

std::string TeamChartsSvg(absl::string_view team,
                          const std::vector<WeekPoint>& weeks) {
  return absl::StrCat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
      "height=\"10\" aria-label=\"",
      weeks.size(), " weeks of ", team.size(), "\"></svg>\n");
}

}  // namespace teamload::reports
