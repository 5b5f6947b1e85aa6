// What the report's charts share in how they look: sizes, the palette and
// how a length is written. charts.cc draws the panels, chart_flags.cc the
// annotations over and beneath them.
#ifndef TEAMLOAD_DAEMON_REPORTS_CHART_STYLE_H_
#define TEAMLOAD_DAEMON_REPORTS_CHART_STYLE_H_

#include <cmath>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace teamload::reports::chart_style {

inline constexpr double kWidth = 640;
inline constexpr double kHeight = 300;  // the panels; notes add a caption
inline constexpr double kFontSize = 11;
inline constexpr double kNoteFontSize = 10;
inline constexpr double kCaptionLineHeight = 16;

// Okabe-Ito colours, which stay apart for the common colour-vision
// deficiencies; the time bands also differ by pattern (solid, hatched,
// dotted) and by lightness, so they survive greyscale printing.
inline constexpr char kBusinessColour[] = "#56B4E9";
inline constexpr char kOffHoursColour[] = "#E69F00";
inline constexpr char kSleepColour[] = "#3D2C8D";
inline constexpr char kDeferralColour[] = "#009E73";
inline constexpr char kOopsColour[] = "#D55E00";
inline constexpr char kAxisColour[] = "#555";
inline constexpr char kGridColour[] = "#ddd";
inline constexpr char kNoteColour[] = "#222";

// A number of px with at most one decimal, without a trailing ".0".
inline std::string Px(double value) {
  const int64_t tenths = std::llround(value * 10);
  if (tenths % 10 == 0) return absl::StrCat(tenths / 10);
  return absl::StrFormat("%.1f", static_cast<double>(tenths) / 10);
}

}  // namespace teamload::reports::chart_style

#endif  // TEAMLOAD_DAEMON_REPORTS_CHART_STYLE_H_
