// Slack channel exports: where near misses are first mentioned. Pure: bytes
// in, no I/O.
//
// Slack's export is a folder per channel (named after the channel) holding
// one file per day, YYYY-MM-DD.json, each an array of messages ({"type":
// "message", "user": ..., "text": ..., "ts": "1700000000.123456",
// "thread_ts": ..., "subtype": ..., "edited": {...}}), plus channels.json
// (and groups.json for private channels) at the root, listing each
// channel's id and name.
//
// A mention is a top-level message a person wrote: type "message", no
// subtype (joins, topics, bot messages, replies broadcast to the channel
// all have one), no bot_id, a user, and no thread_ts other than its own ts
// (replies in a thread discuss a mention, they are not new ones). An edited
// message is the same mention with its latest text.
//
// Thread-compatible: use one SlackParser per thread.
#ifndef TEAMLOAD_COLLECTORS_OOPS_SLACK_EXPORT_H_
#define TEAMLOAD_COLLECTORS_OOPS_SLACK_EXPORT_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/record_error.h"
#include "simdjson.h"

namespace teamload::collectors::oops {

struct Mention {
  std::string channel;  // the channel's name: its export folder
  std::string ts;       // "1700000000.123456", unique within the channel
  absl::Time posted_at;
  std::string text;
};

struct DayResult {
  std::vector<Mention> mentions;
  std::vector<RecordError> errors;
  int64_t not_mentions = 0;  // joins, bots, thread replies, ...
};

// A channel's id and name, from channels.json or groups.json.
struct Channel {
  std::string id;  // "C024BE91L"
  std::string name;
};

struct ChannelsResult {
  std::vector<Channel> channels;
  std::vector<RecordError> errors;
};

class SlackParser {
 public:
  // One day file of `channel`; errors name `file` and the JSON path.
  DayResult ParseDay(absl::string_view json, absl::string_view channel,
                     absl::string_view file);
  ChannelsResult ParseChannels(absl::string_view json, absl::string_view file);

 private:
  simdjson::dom::parser parser_;
};

// A Slack message timestamp: "<epoch seconds>.<microseconds>".
absl::StatusOr<absl::Time> ParseSlackTs(absl::string_view ts);

// What a write-up's `slack:` names: a channel (a name, or an id from a
// permalink) and a message ts.
struct SlackRef {
  std::string channel;
  std::string ts;
  bool channel_is_id = false;  // from a permalink: channels.json names it
};

// Reads "<channel>/<ts>" ("#" before the channel allowed) and permalinks
// (https://<workspace>.slack.com/archives/<channel id>/p<ts without the dot>,
// with or without a query). A permalink to a thread reply names the reply;
// the mention is its thread_ts, so the query's thread_ts wins when present.
absl::StatusOr<SlackRef> ParseSlackRef(absl::string_view text);

// Slack's markup made readable: "<https://x|the runbook>" becomes "the
// runbook", "<@U024BE7LH>" becomes "@U024BE7LH", "&amp;" becomes "&".
std::string PlainText(absl::string_view slack_text);

}  // namespace teamload::collectors::oops

#endif  // TEAMLOAD_COLLECTORS_OOPS_SLACK_EXPORT_H_
