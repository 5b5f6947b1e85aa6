#include "cli/jsonl.h"

#include <cstdint>
#include <limits>
#include <string>

#include "absl/strings/match.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"
#include "simdjson.h"

namespace teamload::cli {
namespace {

template <typename Message>
absl::StatusOr<IngestLine> Parse(absl::string_view line) {
  Message message;
  const auto status = google::protobuf::util::JsonStringToMessage(
      std::string(line), &message, google::protobuf::util::JsonParseOptions());
  if (!status.ok()) {
    return absl::InvalidArgumentError(std::string(status.message()));
  }
  return message;
}

// The fast path: the canonical shape of each field (strings, RFC 3339
// timestamps, "90s" durations, enum names, integers, booleans), read with
// simdjson. It takes a line only when it can fill the message exactly as
// JsonStringToMessage would; anything else (an unknown or repeated field, a
// null, an enum given as a number, a timestamp with a leap second, a line
// that is not JSON) returns false and the line goes through
// JsonStringToMessage, which decides and names the problem.
// cli_test checks both paths agree on every shape the fast one takes.
using simdjson::dom::element;
using simdjson::dom::object;

bool Digits(absl::string_view s, size_t at, size_t n, int* out) {
  int value = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  *out = value;
  return true;
}

// Fractional seconds: 1 to 9 digits after the '.', as nanoseconds.
bool Nanos(absl::string_view s, size_t* at, int32_t* nanos) {
  *nanos = 0;
  if (*at >= s.size() || s[*at] != '.') return true;
  ++*at;
  int digits = 0;
  int32_t value = 0;
  while (*at < s.size() && s[*at] >= '0' && s[*at] <= '9') {
    if (++digits > 9) return false;
    value = value * 10 + (s[(*at)++] - '0');
  }
  if (digits == 0) return false;
  for (int i = digits; i < 9; ++i) value *= 10;
  *nanos = value;
  return true;
}

// "2026-11-20T03:12:00Z", "2026-11-20T03:12:00.5+01:00".
bool ReadTimestamp(element value, google::protobuf::Timestamp* out) {
  std::string_view text;
  if (value.get(text) != simdjson::SUCCESS) return false;
  const absl::string_view s(text.data(), text.size());
  int year, month, day, hour, minute, second;
  if (s.size() < 20 || !Digits(s, 0, 4, &year) || s[4] != '-' ||
      !Digits(s, 5, 2, &month) || s[7] != '-' || !Digits(s, 8, 2, &day) ||
      s[10] != 'T' || !Digits(s, 11, 2, &hour) || s[13] != ':' ||
      !Digits(s, 14, 2, &minute) || s[16] != ':' ||
      !Digits(s, 17, 2, &second)) {
    return false;
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 ||
      minute > 59 || second > 59) {
    return false;
  }
  const absl::CivilDay civil_day(year, month, day);
  if (civil_day.year() != year || civil_day.month() != month ||
      civil_day.day() != day) {
    return false;  // 2026-02-30
  }
  size_t at = 19;
  int32_t nanos;
  if (!Nanos(s, &at, &nanos)) return false;
  int64_t offset_seconds = 0;
  if (at + 1 == s.size() && s[at] == 'Z') {
    // UTC
  } else if (at + 6 == s.size() && (s[at] == '+' || s[at] == '-') &&
             s[at + 3] == ':') {
    int offset_hours, offset_minutes;
    if (!Digits(s, at + 1, 2, &offset_hours) ||
        !Digits(s, at + 4, 2, &offset_minutes) || offset_hours > 23 ||
        offset_minutes > 59) {
      return false;
    }
    offset_seconds = (offset_hours * 60 + offset_minutes) * 60;
    if (s[at] == '+') offset_seconds = -offset_seconds;
  } else {
    return false;
  }
  const absl::Time t =
      absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, second),
                      absl::UTCTimeZone());
  const int64_t seconds = absl::ToUnixSeconds(t) + offset_seconds;
  // The Timestamp's range: 0001-01-01 to 9999-12-31.
  if (seconds < -62'135'596'800 || seconds > 253'402'300'799) return false;
  out->set_seconds(seconds);
  out->set_nanos(nanos);
  return true;
}

// "90s", "1.5s": non-negative only; the rest goes the slow way.
bool ReadDuration(element value, google::protobuf::Duration* out) {
  std::string_view text;
  if (value.get(text) != simdjson::SUCCESS) return false;
  const absl::string_view s(text.data(), text.size());
  size_t at = 0;
  int64_t seconds = 0;
  while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
    if (at >= 12) return false;  // far beyond any time to acknowledge
    seconds = seconds * 10 + (s[at++] - '0');
  }
  if (at == 0) return false;
  int32_t nanos;
  if (!Nanos(s, &at, &nanos) || at + 1 != s.size() || s[at] != 's') {
    return false;
  }
  out->set_seconds(seconds);
  out->set_nanos(nanos);
  return true;
}

bool ReadString(element value, std::string* out) {
  std::string_view text;
  if (value.get(text) != simdjson::SUCCESS) return false;
  out->assign(text.data(), text.size());
  return true;
}

// An integer within int32, handed to `set`.
template <typename Set>
bool ReadInt32(element value, Set set) {
  int64_t number;
  if (value.get(number) != simdjson::SUCCESS ||
      number < std::numeric_limits<int32_t>::min() ||
      number > std::numeric_limits<int32_t>::max()) {
    return false;
  }
  set(static_cast<int32_t>(number));
  return true;
}

// Calls `field(index, value)` for each key of `object`, where index is the
// key's position in `names` (each field under its JSON name and its proto
// name); false on an unknown or repeated field or when `field` says so.
template <size_t N, typename Field>
bool ForEachField(object fields, const std::string_view (&names)[N],
                  Field field) {
  uint32_t seen = 0;
  for (const simdjson::dom::key_value_pair member : fields) {
    size_t i = 0;
    while (i < N && names[i] != member.key) ++i;
    if (i == N) return false;
    const size_t which = i / 2;  // names come in pairs
    if ((seen & (1u << which)) != 0) return false;
    seen |= 1u << which;
    if (member.value.is_null() || !field(which, member.value)) return false;
  }
  return true;
}

// The same for a nested message, which must be an object.
template <size_t N, typename Field>
bool ForEachField(element value, const std::string_view (&names)[N],
                  Field field) {
  object fields;
  return value.get(fields) == simdjson::SUCCESS &&
         ForEachField(fields, names, field);
}

bool ReadPage(element value, teamload::v1::Page* page) {
  static constexpr std::string_view kNames[] = {
      "service", "service", "urgency",   "urgency",
      "title",   "title",   "timeToAck", "time_to_ack"};
  return ForEachField(value, kNames, [&](size_t which, element v) {
    switch (which) {
      case 0:
        return ReadString(v, page->mutable_service());
      case 1: {
        std::string_view name;
        teamload::v1::Urgency urgency;
        if (v.get(name) != simdjson::SUCCESS ||
            !teamload::v1::Urgency_Parse(std::string(name), &urgency)) {
          return false;
        }
        page->set_urgency(urgency);
        return true;
      }
      case 2:
        return ReadString(v, page->mutable_title());
      default:
        return ReadDuration(v, page->mutable_time_to_ack());
    }
  });
}

bool ReadOops(element value, teamload::v1::Oops* oops) {
  static constexpr std::string_view kNames[] = {
      "title",       "title",         "summary",    "summary",
      "writtenUpAt", "written_up_at", "writeupUrl", "writeup_url"};
  return ForEachField(value, kNames, [&](size_t which, element v) {
    switch (which) {
      case 0:
        return ReadString(v, oops->mutable_title());
      case 1:
        return ReadString(v, oops->mutable_summary());
      case 2:
        return ReadTimestamp(v, oops->mutable_written_up_at());
      default:
        return ReadString(v, oops->mutable_writeup_url());
    }
  });
}

bool ReadDeferral(element value, teamload::v1::Deferral* deferral) {
  static constexpr std::string_view kNames[] = {
      "item",           "item",     "title",    "title",      "timesDeferred",
      "times_deferred", "resolved", "resolved", "resolvedAt", "resolved_at"};
  return ForEachField(value, kNames, [&](size_t which, element v) {
    switch (which) {
      case 0:
        return ReadString(v, deferral->mutable_item());
      case 1:
        return ReadString(v, deferral->mutable_title());
      case 2:
        return ReadInt32(v,
                         [&](int32_t n) { deferral->set_times_deferred(n); });
      case 3: {
        bool resolved;
        if (v.get(resolved) != simdjson::SUCCESS) return false;
        deferral->set_resolved(resolved);
        return true;
      }
      default:
        return ReadTimestamp(v, deferral->mutable_resolved_at());
    }
  });
}

bool ReadSurveyNote(element value, teamload::v1::SurveyNote* note) {
  static constexpr std::string_view kNames[] = {
      "survey",   "survey", "respondent", "respondent", "question",
      "question", "text",   "text",       "score",      "score"};
  return ForEachField(value, kNames, [&](size_t which, element v) {
    switch (which) {
      case 0:
        return ReadString(v, note->mutable_survey());
      case 1:
        return ReadString(v, note->mutable_respondent());
      case 2:
        return ReadString(v, note->mutable_question());
      case 3:
        return ReadString(v, note->mutable_text());
      default:
        return ReadInt32(v, [&](int32_t n) { note->set_score(n); });
    }
  });
}

bool ReadSignal(object fields, teamload::v1::Signal* signal) {
  static constexpr std::string_view kNames[] = {
      "id",       "id",       "team",       "team",
      "source",   "source",   "occurredAt", "occurred_at",
      "page",     "page",     "oops",       "oops",
      "deferral", "deferral", "surveyNote", "survey_note"};
  bool kind_set = false;
  return ForEachField(fields, kNames, [&](size_t which, element v) {
    if (which >= 4) {
      if (kind_set) return false;  // two of the oneof
      kind_set = true;
    }
    switch (which) {
      case 0:
        return ReadString(v, signal->mutable_id());
      case 1:
        return ReadString(v, signal->mutable_team());
      case 2:
        return ReadString(v, signal->mutable_source());
      case 3:
        return ReadTimestamp(v, signal->mutable_occurred_at());
      case 4:
        return ReadPage(v, signal->mutable_page());
      case 5:
        return ReadOops(v, signal->mutable_oops());
      case 6:
        return ReadDeferral(v, signal->mutable_deferral());
      default:
        return ReadSurveyNote(v, signal->mutable_survey_note());
    }
  });
}

bool ReadCoverage(object fields, teamload::v1::Coverage* coverage) {
  static constexpr std::string_view kNames[] = {
      "source", "source", "team", "team", "coveredThrough", "covered_through"};
  return ForEachField(fields, kNames, [&](size_t which, element v) {
    switch (which) {
      case 0:
        return ReadString(v, coverage->mutable_source());
      case 1:
        return ReadString(v, coverage->mutable_team());
      default:
        return ReadTimestamp(v, coverage->mutable_covered_through());
    }
  });
}

// Each thread parses with its own simdjson parser (it keeps its buffers).
template <typename Message, typename Read>
absl::StatusOr<IngestLine> ParseFast(absl::string_view line, Read read) {
  thread_local simdjson::dom::parser parser;
  object fields;
  if (parser.parse(line.data(), line.size()).get(fields) == simdjson::SUCCESS) {
    Message message;
    if (read(fields, &message)) return message;
  }
  return Parse<Message>(line);
}

bool IsCoverage(absl::string_view line) {
  return absl::StrContains(line, "\"coveredThrough\"") ||
         absl::StrContains(line, "\"covered_through\"");
}

}  // namespace

absl::StatusOr<IngestLine> ParseIngestLine(absl::string_view line) {
  return IsCoverage(line)
             ? ParseFast<teamload::v1::Coverage>(line, ReadCoverage)
             : ParseFast<teamload::v1::Signal>(line, ReadSignal);
}

absl::StatusOr<IngestLine> ParseIngestLineSlowly(absl::string_view line) {
  return IsCoverage(line) ? Parse<teamload::v1::Coverage>(line)
                          : Parse<teamload::v1::Signal>(line);
}

}  // namespace teamload::cli
