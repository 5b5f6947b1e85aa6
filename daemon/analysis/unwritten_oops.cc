#include "daemon/analysis/unwritten_oops.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace teamload::analysis {
namespace {

int CountIn(const std::vector<model::OopsFact>& oopses, absl::Time from,
            absl::Time to) {
  int n = 0;
  for (const auto& f : oopses) n += f.occurred_at > from && f.occurred_at <= to;
  return n;
}

int CountIn(const std::vector<model::PageFact>& pages, absl::Time from,
            absl::Time to) {
  const int64_t from_s = absl::ToUnixSeconds(from),
                to_s = absl::ToUnixSeconds(to);
  int n = 0;
  for (const auto& p : pages)
    n += p.occurred_s > from_s && p.occurred_s <= to_s;
  return n;
}

// Of the oopses that occurred in (from, to], how many were written up within
// the grace period.
std::pair<int, int> OnTime(const model::TeamHistory& history, absl::Time from,
                           absl::Time to, absl::Duration grace) {
  int total = 0, on_time = 0;
  for (const model::OopsFact& oops : history.oopses) {
    if (oops.occurred_at <= from || oops.occurred_at > to) continue;
    ++total;
    on_time += oops.written_up_at <= oops.occurred_at + grace;
  }
  return {on_time, total};
}

}  // namespace

std::vector<const model::OopsFact*> UnwrittenOopses(
    const model::TeamHistory& history, absl::Time at, absl::Duration grace) {
  std::vector<const model::OopsFact*> unwritten;
  for (const model::OopsFact& oops : history.oopses) {
    if (oops.UnwrittenAt(at, grace)) unwritten.push_back(&oops);
  }
  std::sort(unwritten.begin(), unwritten.end(), [](auto* a, auto* b) {
    return std::tie(a->occurred_at, a->id) < std::tie(b->occurred_at, b->id);
  });
  return unwritten;
}

absl::Duration WriteupGrace(const config::AnalysisConfig& config) {
  return absl::Hours(24) * config.oops_writeup_days;
}

void DetectUnwrittenOops(const DetectorInput& in, Findings& out) {
  const config::AnalysisConfig& cfg = in.team.analysis;
  const absl::Duration grace = WriteupGrace(cfg);
  const std::vector<const model::OopsFact*> unwritten =
      UnwrittenOopses(in.history, in.as_of, grace);
  const int unwritten_before = static_cast<int>(
      UnwrittenOopses(in.history, in.as_of - 4 * kWeek, grace).size());
  const int recent = CountIn(in.history.oopses, in.as_of - 4 * kWeek, in.as_of);
  const int earlier =
      CountIn(in.history.oopses, in.as_of - 12 * kWeek, in.as_of - 4 * kWeek);
  // Pages are many; count them only when the oopses alone suggest silence.
  int pages_recent = 0, pages_earlier = 0;
  if (earlier >= 3 && recent == 0) {
    pages_recent = CountIn(in.history.pages, in.as_of - 4 * kWeek, in.as_of);
    pages_earlier =
        CountIn(in.history.pages, in.as_of - 8 * kWeek, in.as_of - 4 * kWeek);
  }
  const bool went_quiet = earlier >= 3 && recent == 0 &&
                          pages_recent >= pages_earlier && pages_recent > 0;
  const int count = static_cast<int>(unwritten.size());

  teamload::v1::Level level = teamload::v1::LEVEL_UNSPECIFIED;
  if (count >= cfg.unwritten_attention || went_quiet) {
    level = teamload::v1::LEVEL_ATTENTION;
  } else if (count >= cfg.unwritten_watch) {
    level = teamload::v1::LEVEL_WATCH;
  }
  if (level == teamload::v1::LEVEL_UNSPECIFIED) return;

  // The write-up rate: oopses old enough to judge, the last 8 weeks against
  // the 8 weeks before.
  const auto [now_on_time, now_total] =
      OnTime(in.history, in.as_of - grace - 8 * kWeek, in.as_of - grace, grace);
  const auto [then_on_time, then_total] =
      OnTime(in.history, in.as_of - grace - 16 * kWeek,
             in.as_of - grace - 8 * kWeek, grace);

  std::vector<std::string> parts;
  if (count > 0) {
    const model::OopsFact& oldest = *unwritten.front();
    parts.push_back(absl::StrFormat(
        "%s reported since %s %s not written up after %d days (oldest: \"%s\", "
        "%s)",
        Count(count, "oops", "oopses"), Day(oldest.occurred_at, in.team.zone),
        count == 1 ? "is" : "are", cfg.oops_writeup_days,
        oldest.title.empty() ? oldest.id : oldest.title,
        Day(oldest.occurred_at, in.team.zone)));
  }
  if (went_quiet) {
    parts.push_back(
        absl::StrFormat("the team reported %d oopses in the 8 weeks before the "
                        "last 4 and none since, "
                        "while pages went from %d to %d: silence here is a "
                        "finding, not an all-clear",
                        earlier, pages_earlier, pages_recent));
  }
  if (now_total > 0 && then_total > 0) {
    parts.push_back(absl::StrFormat(
        "%d of %d recent oopses were written up within %d days, "
        "against %d of %d in the 8 weeks before",
        now_on_time, now_total, cfg.oops_writeup_days, then_on_time,
        then_total));
  }
  std::string summary = absl::StrJoin(parts, "; ");
  summary[0] = absl::ascii_toupper(static_cast<unsigned char>(summary[0]));
  summary += ".";

  const teamload::v1::Trend trend =
      count > unwritten_before   ? teamload::v1::TREND_RISING
      : count < unwritten_before ? teamload::v1::TREND_FALLING
                                 : teamload::v1::TREND_STEADY;
  const std::string gist =
      count > 0 ? absl::StrFormat("%s still unwritten after %d days",
                                  Count(count, "oops is", "oopses are"),
                                  cfg.oops_writeup_days)
                : "near-miss reports went quiet while pages did not";
  teamload::v1::Finding finding = MakeFinding(
      "unwritten_oops", teamload::v1::BOUNDARY_SAFETY, level,
      went_quiet && count == 0 ? teamload::v1::TREND_FALLING : trend,
      std::move(summary), gist);
  for (std::size_t i = 0; i < unwritten.size() && i < 10; ++i) {
    finding.mutable_evidence()->add_signal_ids(unwritten[i]->id);
  }
  AddFigure(finding, "unwritten_oopses", count, "oopses");
  AddFigure(finding, "unwritten_oopses_4_weeks_ago", unwritten_before,
            "oopses");
  AddFigure(finding, "oopses_last_4_weeks", recent, "oopses");
  AddFigure(finding, "oopses_8_weeks_before", earlier, "oopses");
  if (now_total > 0)
    AddFigure(finding, "written_up_on_time_share",
              1.0 * now_on_time / now_total, "ratio");
  if (then_total > 0)
    AddFigure(finding, "written_up_on_time_share_before",
              1.0 * then_on_time / then_total, "ratio");
  out.push_back(std::move(finding));
}

}  // namespace teamload::analysis
