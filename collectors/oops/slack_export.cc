#include "collectors/oops/slack_export.h"

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace teamload::collectors::oops {
namespace {

using simdjson::dom::element;

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// The string at e[key]; nullopt when it is missing or not a string.
std::optional<std::string> Str(element e, const char* key) {
  std::string_view v;
  if (e[key].get(v) != simdjson::SUCCESS) return std::nullopt;
  return std::string(v);
}

// Parses `json` into `array`; on failure, the error for `file`: not JSON,
// or `not_array` when it is JSON of another shape.
std::optional<RecordError> ParseArray(simdjson::dom::parser& parser,
                                      absl::string_view json,
                                      absl::string_view file,
                                      const char* not_array,
                                      simdjson::dom::array& array) {
  element doc;
  if (auto error = ParseJson(parser, json, file, doc)) return error;
  if (doc.get(array) != simdjson::SUCCESS)
    return RecordError{absl::StrCat(file, ": $"), not_array};
  return std::nullopt;
}

absl::StatusOr<SlackRef> NotARef(absl::string_view text) {
  return absl::InvalidArgumentError(
      absl::StrFormat("\"%s\" is not a Slack reference (<channel>/<ts>, e.g. "
                      "oops/1700000000.123456, or a message permalink)",
                      text));
}

}  // namespace

absl::StatusOr<absl::Time> ParseSlackTs(absl::string_view ts) {
  const std::pair<absl::string_view, absl::string_view> parts =
      absl::StrSplit(ts, absl::MaxSplits('.', 1));
  int64_t seconds = 0;
  if (!AllDigits(parts.first) || parts.first.size() > 12 ||
      !AllDigits(parts.second) || parts.second.size() > 9 ||
      !absl::SimpleAtoi(parts.first, &seconds)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "\"%s\" is not a Slack timestamp (seconds.microseconds, e.g. "
        "1700000000.123456)",
        ts));
  }
  // The fraction's digits are a decimal fraction of a second, whatever
  // their count: pad to nanoseconds.
  int64_t nanos = 0;
  (void)absl::SimpleAtoi(
      absl::StrCat(parts.second, std::string(9 - parts.second.size(), '0')),
      &nanos);
  return absl::FromUnixSeconds(seconds) + absl::Nanoseconds(nanos);
}

absl::StatusOr<SlackRef> ParseSlackRef(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  SlackRef ref;
  if (absl::StartsWith(text, "http://") || absl::StartsWith(text, "https://")) {
    const std::size_t archives = text.find("/archives/");
    if (archives == absl::string_view::npos) return NotARef(text);
    absl::string_view rest = text.substr(archives + strlen("/archives/"));
    absl::string_view query;
    if (const std::size_t q = rest.find('?'); q != absl::string_view::npos) {
      query = rest.substr(q + 1);
      rest = rest.substr(0, q);
    }
    const std::vector<absl::string_view> path =
        absl::StrSplit(rest, '/', absl::SkipEmpty());
    absl::string_view digits = path.size() == 2 ? path[1] : "";
    if (!absl::ConsumePrefix(&digits, "p") || !AllDigits(digits) ||
        digits.size() <= 6) {
      return NotARef(text);
    }
    ref.channel = std::string(path[0]);
    ref.channel_is_id = true;
    ref.ts = absl::StrCat(digits.substr(0, digits.size() - 6), ".",
                          digits.substr(digits.size() - 6));
    for (absl::string_view param : absl::StrSplit(query, '&')) {
      if (absl::ConsumePrefix(&param, "thread_ts="))
        ref.ts = std::string(param);
    }
  } else {
    absl::ConsumePrefix(&text, "#");
    const std::pair<absl::string_view, absl::string_view> parts =
        absl::StrSplit(text, absl::MaxSplits('/', 1));
    if (parts.first.empty()) return NotARef(text);
    ref.channel = std::string(parts.first);
    ref.ts = std::string(parts.second);
  }
  if (!ParseSlackTs(ref.ts).ok()) return NotARef(text);
  return ref;
}

std::string PlainText(absl::string_view slack_text) {
  std::string out;
  while (!slack_text.empty()) {
    const std::size_t open = slack_text.find('<');
    const std::size_t close = open == absl::string_view::npos
                                  ? absl::string_view::npos
                                  : slack_text.find('>', open);
    if (close == absl::string_view::npos) break;
    absl::StrAppend(&out, slack_text.substr(0, open));
    absl::string_view inner = slack_text.substr(open + 1, close - open - 1);
    if (const std::size_t bar = inner.find('|'); bar != absl::string_view::npos)
      inner = inner.substr(bar + 1);
    absl::StrAppend(&out, inner);
    slack_text = slack_text.substr(close + 1);
  }
  absl::StrAppend(&out, slack_text);
  return absl::StrReplaceAll(out,
                             {{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}});
}

DayResult SlackParser::ParseDay(absl::string_view json,
                                absl::string_view channel,
                                absl::string_view file) {
  DayResult out;
  simdjson::dom::array messages;
  if (auto error = ParseArray(parser_, json, file,
                              "a day of a Slack export is an array of messages",
                              messages)) {
    out.errors.push_back(*error);
    return out;
  }
  std::size_t i = 0;
  for (element message : messages) {
    const std::string path = absl::StrFormat("%s: $[%d]", file, i++);
    if (!message.is_object()) {
      out.errors.push_back({path, "is not a message object"});
      continue;
    }
    if (Str(message, "type") != "message") {
      ++out.not_mentions;
      continue;
    }
    const std::optional<std::string> ts = Str(message, "ts");
    if (!ts) {
      out.errors.push_back({path + ".ts", "is required"});
      continue;
    }
    absl::StatusOr<absl::Time> posted_at = ParseSlackTs(*ts);
    if (!posted_at.ok()) {
      out.errors.push_back(
          {path + ".ts", std::string(posted_at.status().message())});
      continue;
    }
    const std::optional<std::string> thread_ts = Str(message, "thread_ts");
    if (message["subtype"].error() == simdjson::SUCCESS ||
        message["bot_id"].error() == simdjson::SUCCESS ||
        !Str(message, "user") || (thread_ts && *thread_ts != *ts)) {
      ++out.not_mentions;
      continue;
    }
    out.mentions.push_back({std::string(channel), *ts, *posted_at,
                            Str(message, "text").value_or("")});
  }
  return out;
}

ChannelsResult SlackParser::ParseChannels(absl::string_view json,
                                          absl::string_view file) {
  ChannelsResult out;
  simdjson::dom::array channels;
  if (auto error =
          ParseArray(parser_, json, file,
                     "channels.json is an array of channels", channels)) {
    out.errors.push_back(*error);
    return out;
  }
  std::size_t i = 0;
  for (element channel : channels) {
    const std::string path = absl::StrFormat("%s: $[%d]", file, i++);
    const std::optional<std::string> id = Str(channel, "id"),
                                     name = Str(channel, "name");
    if (!id || id->empty()) {
      out.errors.push_back({path + ".id", "is required"});
    } else if (!name || name->empty()) {
      out.errors.push_back({path + ".name", "is required"});
    } else {
      out.channels.push_back({*id, *name});
    }
  }
  return out;
}

}  // namespace teamload::collectors::oops
