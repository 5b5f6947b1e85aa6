#include "collectors/oops/writeup.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "collectors/common/timestamps.h"
#include "yaml-cpp/yaml.h"

namespace teamload::collectors::oops {
namespace {

constexpr std::size_t kMaxSummaryBytes = 1000;

bool IsFence(absl::string_view line, bool closing) {
  line = absl::StripTrailingAsciiWhitespace(line);
  return line == "---" || (closing && line == "...");
}

// A front matter key's text (nullopt when absent) and where it is.
struct Field {
  std::optional<std::string> text;
  int line = 2;  // the front matter's first line until the key is found
  int column = 0;
};

}  // namespace

std::string Shorten(absl::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  const absl::string_view ellipsis = "…";
  std::size_t cut =
      max_bytes > ellipsis.size() ? max_bytes - ellipsis.size() : 0;
  // Back off continuation bytes (10xxxxxx) so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return absl::StrCat(absl::StripTrailingAsciiWhitespace(text.substr(0, cut)),
                      ellipsis);
}

std::optional<RecordError> ParseWriteUp(absl::string_view text,
                                        absl::string_view file,
                                        const absl::TimeZone& zone,
                                        WriteUp& out) {
  const auto error = [&](int line, int column, std::string why) {
    return RecordError{column > 0
                           ? absl::StrFormat("%s:%d:%d", file, line, column)
                           : absl::StrFormat("%s:%d", file, line),
                       std::move(why)};
  };
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");  // a UTF-8 byte order mark
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  for (absl::string_view& line : lines) absl::ConsumeSuffix(&line, "\r");
  if (lines.empty() || !IsFence(lines[0], /*closing=*/false)) {
    return error(1, 0,
                 "no front matter: a write-up starts with a `---` line, then "
                 "title, team and date, then `---`");
  }
  std::size_t end = 1;
  while (end < lines.size() && !IsFence(lines[end], /*closing=*/true)) ++end;
  if (end == lines.size()) {
    return error(1, 0,
                 "the front matter opened here is never closed with a `---` "
                 "line");
  }
  // Line numbers below are the file's: the front matter starts on line 2.
  YAML::Node root;
  try {
    root = YAML::Load(std::string(
        absl::StrJoin(lines.begin() + 1, lines.begin() + end, "\n")));
  } catch (const YAML::Exception& e) {
    return error(e.mark.line + 2, e.mark.column + 1,
                 absl::StrCat("front matter is not valid YAML: ", e.msg));
  }
  if (!root.IsMap()) {
    return error(2, 0,
                 "front matter must be a map of keys (title, team, date, ...)");
  }
  std::optional<RecordError> bad;
  const auto field = [&](const char* key) -> Field {
    Field f;
    try {
      const YAML::Node node = root[key];
      if (!node || node.IsNull()) return f;
      f.line = node.Mark().line + 2;
      f.column = node.Mark().column + 1;
      if (node.IsScalar()) {
        f.text = node.Scalar();
        return f;
      }
    } catch (const YAML::Exception&) {
      // yaml-cpp throws on some odd documents (aliases as keys, ...).
    }
    if (!bad)
      bad = error(f.line, f.column, absl::StrCat(key, ": must be text"));
    return f;
  };
  const Field title = field("title"), team = field("team"),
              date = field("date"), written_up = field("written_up"),
              slack = field("slack"), url = field("url");
  if (bad) return bad;
  for (const auto& [key, f] :
       {std::pair{"title", &title}, {"team", &team}, {"date", &date}}) {
    if (!f->text || f->text->empty())
      return error(2, 0, absl::StrCat(key, ": is required"));
  }
  out.file = std::string(file);
  out.title = *title.text;
  out.team = *team.text;
  absl::StatusOr<absl::Time> when = ParseDateOrTime(*date.text, zone);
  if (!when.ok())
    return error(date.line, date.column,
                 absl::StrCat("date: ", when.status().message()));
  out.date = *when;
  out.written_up = out.date;
  if (written_up.text) {
    absl::StatusOr<absl::Time> t = ParseDateOrTime(*written_up.text, zone);
    if (!t.ok())
      return error(written_up.line, written_up.column,
                   absl::StrCat("written_up: ", t.status().message()));
    if (*t < out.date)
      return error(written_up.line, written_up.column,
                   absl::StrFormat("written_up: %s is before the date %s",
                                   *written_up.text, *date.text));
    out.written_up = *t;
  }
  out.slack = slack.text.value_or("");
  out.slack_line = slack.line;
  out.url = url.text.value_or("");

  // The summary: the first paragraph of the body that is not a heading.
  std::vector<absl::string_view> paragraph;
  for (std::size_t i = end + 1; i < lines.size(); ++i) {
    const absl::string_view line = absl::StripAsciiWhitespace(lines[i]);
    if (line.empty() || absl::StartsWith(line, "#")) {
      if (!paragraph.empty()) break;
      continue;
    }
    paragraph.push_back(line);
  }
  out.summary = Shorten(absl::StrJoin(paragraph, " "), kMaxSummaryBytes);
  return std::nullopt;
}

}  // namespace teamload::collectors::oops
