// Mentions and write-ups to oops signals, one per near miss. Pure.
//
//   - A mention is the oops "slack:<channel>:<ts>", at the time it was
//     posted, of the team its channel maps to (mapping oops.channels).
//   - A write-up of a mention (see matching.h) revises that same signal
//     with its title, summary, url and written_up_at, under the write-up's
//     team: the near miss is counted once, written up or not.
//   - A write-up without a mention is its own oops, "oops:<key>", at its
//     date, already written up.
//   - A write-up's team must be one the mapping's oops.teams lists; a
//     write-up naming another is unmapped and changes nothing.
// Whether an oops is *unwritten* is teamloadd's call (its
// oops_writeup_days); the tallies here say how it looks as of `as_of`.
//
// Thread-safe: a free function.
#ifndef TEAMLOAD_COLLECTORS_OOPS_SIGNALS_H_
#define TEAMLOAD_COLLECTORS_OOPS_SIGNALS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "collectors/common/record_error.h"
#include "collectors/common/team_mapping.h"
#include "collectors/oops/slack_export.h"
#include "collectors/oops/writeup.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors::oops {

struct OopsSignals {
  std::vector<teamload::v1::Signal> signals;  // sorted by id
  // One line per unmapped write-up, and per channel of unmapped mentions.
  std::vector<std::string> unmapped;
  int64_t unmapped_records = 0;
  std::vector<RecordError> errors;  // `slack:` references that cannot be read
  std::vector<std::string> notes;   // extra write-ups of one mention
  // Tallies for the summary line.
  int64_t by_reference = 0;  // mentions written up, matched by `slack:`
  int64_t by_team_date_and_title = 0;
  int64_t writeups_alone = 0;        // write-ups without a mention
  int64_t unwritten = 0;             // mentions without a write-up
  int64_t unwritten_past_grace = 0;  // of those, posted `grace` before as_of
};

// REQUIRES: no two mentions share channel and ts.
OopsSignals BuildSignals(const std::vector<Mention>& mentions,
                         const std::vector<WriteUp>& writeups,
                         const std::vector<Channel>& channels,
                         const TeamMapping& mapping, absl::Duration grace,
                         absl::Time as_of);

}  // namespace teamload::collectors::oops

#endif  // TEAMLOAD_COLLECTORS_OOPS_SIGNALS_H_
