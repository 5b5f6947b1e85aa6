#include "text/markdown_escape.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "text/controls.h"

namespace teamload::text {
namespace {

// Characters that mean something to CommonMark or GitHub wherever they are
// in a line. Others ("!", "(", ")", quotes, ...) only matter after one of
// these, or at a line's start (see BlockStart).
bool AlwaysEscaped(char c) {
  switch (c) {
    case '`':  // code span
    case '*':  // emphasis, list item, thematic break
    case '[':  // link, image
    case ']':
    case '<':  // raw HTML, autolink
    case '>':  // block quote
    case '&':  // entity
    case '#':  // heading, a heading's closing sequence
    case '~':  // strikethrough, code fence
    case '|':  // table cell
      return true;
    default:
      return false;
  }
}

// An underscore run between two letters or digits can neither open nor close
// emphasis (CommonMark's flanking rules), so "deferral_drift-team" stays as
// it is; anywhere else it is escaped.
bool IntrawordUnderscores(absl::string_view text, std::size_t run_start,
                          std::size_t run_end) {
  return run_start > 0 && run_end < text.size() &&
         absl::ascii_isalnum(text[run_start - 1]) &&
         absl::ascii_isalnum(text[run_end]);
}

// The index of the character to escape so that `text`, at the start of a
// line, opens no block; npos when nothing there would. Lines starting with
// an always-escaped character are safe already.
std::size_t BlockStart(absl::string_view text) {
  if (text.empty()) return absl::string_view::npos;
  if (text[0] == '-' || text[0] == '+' || text[0] == '=') return 0;
  std::size_t digits = 0;
  while (digits < text.size() && absl::ascii_isdigit(text[digits])) ++digits;
  if (digits > 0 && digits < text.size() &&
      (text[digits] == '.' || text[digits] == ')')) {
    return digits;
  }
  return absl::string_view::npos;
}

}  // namespace

std::string MarkdownText(absl::string_view text) {
  const std::string one_line =
      ShowControls(absl::StrReplaceAll(text, {{"\r\n", " "}, {"\n", " "}}));
  const absl::string_view shown = absl::StripAsciiWhitespace(one_line);
  const std::size_t block_start = BlockStart(shown);
  std::string out;
  out.reserve(shown.size() + 8);
  for (std::size_t at = 0; at < shown.size(); ++at) {
    const char c = shown[at];
    if (c == '_') {
      std::size_t end = at;
      while (end < shown.size() && shown[end] == '_') ++end;
      const bool escape = !IntrawordUnderscores(shown, at, end);
      for (; at < end; ++at) absl::StrAppend(&out, escape ? "\\_" : "_");
      --at;
      continue;
    }
    // A backslash is literal unless punctuation follows it; at the end it
    // would meet whatever Markdown comes next.
    const bool escape = AlwaysEscaped(c) || at == block_start ||
                        (c == '\\' && (at + 1 == shown.size() ||
                                       absl::ascii_ispunct(shown[at + 1])));
    if (escape) out += '\\';
    out += c;
  }
  return out;
}

std::string MarkdownCode(absl::string_view text) {
  const std::string shown = ShowControls(text);
  if (shown.empty()) return "` `";  // "``" would be text, not a span
  std::size_t run = 0, longest_run = 0;
  for (const char c : shown) {
    run = c == '`' ? run + 1 : 0;
    longest_run = std::max(longest_run, run);
  }
  const std::string fence(longest_run + 1, '`');
  // CommonMark strips one space from each end when both ends have one (and
  // the span is not all spaces); a backtick at either end would join the
  // fence.
  const bool all_spaces = shown.find_first_not_of(' ') == std::string::npos;
  const bool pad = shown.front() == '`' || shown.back() == '`' ||
                   (!all_spaces && shown.front() == ' ' && shown.back() == ' ');
  const absl::string_view padding = pad ? " " : "";
  return absl::StrCat(fence, padding, shown, padding, fence);
}

}  // namespace teamload::text
