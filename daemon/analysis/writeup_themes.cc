#include "daemon/analysis/writeup_themes.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "daemon/themes/reader.h"

namespace teamload::analysis {
namespace {

constexpr int kWindowWeeks = 16;
constexpr int kRecurs = 2;  // write-ups raising a theme before it recurs

// The write-ups' titles quoted, each once, oldest first; a title several
// write-ups share says how many ("cache flushed" (3 write-ups)).
std::vector<std::string> DistinctTitles(const std::vector<WriteupRef>& refs) {
  std::vector<std::pair<absl::string_view, int>> seen;
  for (const WriteupRef& ref : refs) {
    auto it = std::find_if(seen.begin(), seen.end(),
                           [&](const auto& s) { return s.first == ref.title; });
    if (it == seen.end()) {
      seen.emplace_back(ref.title, 1);
    } else {
      ++it->second;
    }
  }
  std::vector<std::string> titles;
  for (const auto& [title, n] : seen) {
    titles.push_back(n == 1
                         ? absl::StrCat("\"", title, "\"")
                         : absl::StrFormat("\"%s\" (%d write-ups)", title, n));
  }
  return titles;
}

}  // namespace

std::vector<std::vector<WriteupRef>> DetectWriteupThemes(
    const DetectorInput& in, Findings& out) {
  const config::ThemeCatalog& catalog = *in.team.themes;
  std::vector<std::vector<WriteupRef>> raised(catalog.size());
  const absl::Time from = in.as_of - kWindowWeeks * kWeek;
  for (const model::OopsFact& oops : in.history.oopses) {
    if (oops.occurred_at > in.as_of || oops.occurred_at <= from) continue;
    for (std::size_t t = 0; t < catalog.size(); ++t) {
      if (themes::Raises(oops.themes, t))
        raised[t].push_back({oops.id, oops.title, oops.occurred_at});
    }
  }
  for (std::size_t t = 0; t < catalog.size(); ++t) {
    std::vector<WriteupRef>& refs = raised[t];
    std::sort(refs.begin(), refs.end(), [](const auto& a, const auto& b) {
      return std::tie(a.occurred_at, a.id) < std::tie(b.occurred_at, b.id);
    });
    if (static_cast<int>(refs.size()) < kRecurs) continue;
    const std::vector<std::string> titles = DistinctTitles(refs);
    const config::ThemeConfig& theme = catalog[t];
    teamload::v1::Finding finding = MakeFinding(
        "writeup_themes", BoundaryOf(theme), teamload::v1::LEVEL_INFO,
        teamload::v1::TREND_STEADY,
        absl::StrFormat("%s in the last %d weeks show %s: %s.",
                        Count(refs.size(), "write-up", "write-ups"),
                        kWindowWeeks, theme.name, absl::StrJoin(titles, ", ")),
        absl::StrFormat("%d write-ups show %s", refs.size(), theme.name));
    for (const WriteupRef& ref : refs)
      finding.mutable_evidence()->add_signal_ids(ref.id);
    AddFigure(finding, "writeups_raising_theme", refs.size(), "write-ups");
    out.push_back(std::move(finding));
  }
  return raised;
}

}  // namespace teamload::analysis
