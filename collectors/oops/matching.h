// Which Slack mention each oops write-up writes up. Pure and deterministic:
// the same inputs in any order give the same pairs.
//
// 1. A write-up with `slack:` writes up the mention it names (whether or not
//    the export read holds it). When several name one mention, the first
//    written up (then the smallest key) is its write-up; the others are
//    extra write-ups of an oops already counted.
// 2. A write-up without `slack:` writes up the mention, among those no
//    write-up has claimed yet, that
//      - belongs to the same team,
//      - was posted from 2 days after the write-up's date back to `grace`
//        before it (the date is when the near miss happened, or when it
//        was written up: either sits in that window around its mention),
//      - shares the most words with its title (words of 3 or more letters,
//        case-folded, without a few common ones); at least one,
//    and on a tie the one posted closest to the date, then the earliest,
//    then the smallest channel and ts. Write-ups choose in the order of
//    their dates (then keys).
// A write-up whose team is not mapped (empty team) is not matched.
//
// Thread-safe: a free function.
#ifndef TEAMLOAD_COLLECTORS_OOPS_MATCHING_H_
#define TEAMLOAD_COLLECTORS_OOPS_MATCHING_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "collectors/common/record_error.h"
#include "collectors/oops/slack_export.h"
#include "collectors/oops/writeup.h"

namespace teamload::collectors::oops {

// How far before a mention a write-up's date may lie: a near miss at night
// is often mentioned the next morning, and a date without a time is the
// day's start.
inline constexpr absl::Duration kDateBeforeMention = absl::Hours(48);

enum class MatchedBy { kNothing, kSlackReference, kTeamDateAndTitle };

struct WriteUpMatch {
  MatchedBy by = MatchedBy::kNothing;
  std::string mention_key;  // "<channel name>:<ts>" of the mention
  int mention = -1;  // its index in `mentions`; -1 when the export lacks it
  int first_writeup = -1;  // the write-up that came first for that mention
  std::optional<RecordError> error;  // a `slack:` that cannot be read
};

// One result per write-up, in the same order. `mention_teams` and
// `writeup_teams` give each item's mapped team ("" when unmapped);
// `channels` resolves the channel ids of permalinks to names.
// REQUIRES: mention_teams.size() == mentions.size(),
//           writeup_teams.size() == writeups.size().
std::vector<WriteUpMatch> MatchWriteUps(
    const std::vector<Mention>& mentions,
    const std::vector<std::string>& mention_teams,
    const std::vector<WriteUp>& writeups,
    const std::vector<std::string>& writeup_teams,
    const std::vector<Channel>& channels, absl::Duration grace);

// The words two texts share, as MatchWriteUps counts them.
int SharedWords(absl::string_view a, absl::string_view b);

}  // namespace teamload::collectors::oops

#endif  // TEAMLOAD_COLLECTORS_OOPS_MATCHING_H_
