// OopsReader: gathers what teamload-oops reads, file by file: the write-ups,
// the mentions of the Slack export's days (one per channel and ts: a day
// read twice, e.g. from two overlapping exports, does not mention twice;
// the last read wins) and the channel lists. Pure: text in, no I/O.
//
// Thread-compatible: one reader per run.
#ifndef TEAMLOAD_COLLECTORS_OOPS_READER_H_
#define TEAMLOAD_COLLECTORS_OOPS_READER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/record_error.h"
#include "collectors/oops/inputs.h"
#include "collectors/oops/slack_export.h"
#include "collectors/oops/writeup.h"

namespace teamload::collectors::oops {

class OopsReader {
 public:
  // Front matter dates without a zone are read in `zone`.
  explicit OopsReader(absl::TimeZone zone) : zone_(zone) {}

  // Reads the text of `input`; returns the records it had to skip.
  std::vector<RecordError> Read(const InputFile& input, absl::string_view text);

  // The mentions read, sorted by channel and ts.
  std::vector<Mention> mentions() const;
  const std::vector<WriteUp>& writeups() const { return writeups_; }
  const std::vector<Channel>& channels() const { return channels_; }
  // Mentions and write-ups read (a mention read twice counts twice).
  int64_t records() const { return records_; }
  // Messages that were not mentions: joins, bots, thread replies, ...
  int64_t not_mentions() const { return not_mentions_; }
  // The newest mention posted or write-up written; InfinitePast when none.
  absl::Time newest() const { return newest_; }

 private:
  const absl::TimeZone zone_;
  SlackParser parser_;
  std::map<std::string, Mention> mentions_;  // by "<channel>:<ts>"
  std::vector<WriteUp> writeups_;
  std::vector<Channel> channels_;
  int64_t records_ = 0;
  int64_t not_mentions_ = 0;
  absl::Time newest_ = absl::InfinitePast();
};

}  // namespace teamload::collectors::oops

#endif  // TEAMLOAD_COLLECTORS_OOPS_READER_H_
