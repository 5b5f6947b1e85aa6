#include "daemon/analysis/delivery_context.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/analysis/detector.h"

namespace teamload::analysis {
namespace {

constexpr int kSpanWeeks = 4;

// A change counts when it is at least 2 and at least a quarter of the
// larger count.
enum class Move { kRose, kFell, kHeld };
Move MoveOf(int before, int now) {
  const int change = now - before;
  if (std::abs(change) < 2 || 4 * std::abs(change) < std::max(before, now)) {
    return Move::kHeld;
  }
  return change > 0 ? Move::kRose : Move::kFell;
}

std::string PagesClause(int before, int now) {
  switch (MoveOf(before, now)) {
    case Move::kRose:
      return absl::StrFormat("Pages rose from %d to %d", before, now);
    case Move::kFell:
      return absl::StrFormat("Pages fell from %d to %d", before, now);
    case Move::kHeld:
      break;
  }
  return absl::StrFormat("Pages held steady (%d, against %d before)", now,
                         before);
}

std::string DeploysClause(int before, int now) {
  if (before > 0 && now >= 2 * before && now - before >= 2) {
    return absl::StrFormat("deploys doubled (%d to %d)", before, now);
  }
  switch (MoveOf(before, now)) {
    case Move::kRose:
      return absl::StrFormat("deploys rose (%d to %d)", before, now);
    case Move::kFell:
      return absl::StrFormat("deploys fell (%d to %d)", before, now);
    case Move::kHeld:
      break;
  }
  return absl::StrFormat("no change in deploys (%d to %d)", before, now);
}

}  // namespace

std::optional<DeliveryContext> DescribeDelivery(
    const model::TeamHistory& history, absl::Time as_of) {
  const int64_t to = absl::ToUnixSeconds(as_of);
  const int64_t mid = absl::ToUnixSeconds(as_of - kSpanWeeks * kWeek);
  const int64_t from = absl::ToUnixSeconds(as_of - 2 * kSpanWeeks * kWeek);
  DeliveryContext c;
  std::vector<uint32_t> lead_times;
  for (const model::DeployFact& d : history.deploys) {
    if (d.occurred_s <= from || d.occurred_s > to) continue;
    if (d.occurred_s <= mid) {
      ++c.deploys_before;
      continue;
    }
    ++c.deploys;
    c.change_failures += d.ChangeFailure();
    if (d.lead_time_s != model::DeployFact::kNoLeadTime)
      lead_times.push_back(d.lead_time_s);
  }
  if (c.deploys == 0 && c.deploys_before == 0) return std::nullopt;
  for (const model::PageFact& p : history.pages) {
    if (p.occurred_s <= from || p.occurred_s > to) continue;
    (p.occurred_s <= mid ? c.pages_before : c.pages) += 1;
  }
  if (!lead_times.empty()) {
    std::nth_element(lead_times.begin(),
                     lead_times.begin() + lead_times.size() / 2,
                     lead_times.end());
    c.median_lead_time = absl::Seconds(lead_times[lead_times.size() / 2]);
  }
  const Move pages = MoveOf(c.pages_before, c.pages);
  const Move deploys = MoveOf(c.deploys_before, c.deploys);
  std::string tail;
  if (pages == Move::kRose) {
    tail = deploys == Move::kRose ? ": ask what changed with them"
                                  : ": look elsewhere";
  }
  c.sentence = absl::StrCat(
      PagesClause(c.pages_before, c.pages), " over the last 4 weeks ",
      deploys == Move::kHeld ? "with " : "while ",
      DeploysClause(c.deploys_before, c.deploys), tail, ".");
  absl::StrAppendFormat(
      &c.sentence, " %s a week, change failure rate %d%% (%d of %d)",
      Number(c.DeploysPerWeek()) + (c.deploys == 4 ? " deploy" : " deploys"),
      static_cast<int>(100 * c.ChangeFailureRate() + 0.5), c.change_failures,
      c.deploys);
  if (c.median_lead_time) {
    absl::StrAppendFormat(&c.sentence, ", median lead time %s",
                          absl::FormatDuration(*c.median_lead_time));
  }
  c.sentence += ".";
  return c;
}

}  // namespace teamload::analysis
