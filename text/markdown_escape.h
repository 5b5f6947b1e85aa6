// Markdown escaping: text from outside (titles, quotes, ids, team and source
// names) placed in Markdown so that every CommonMark renderer, GitHub's
// extensions included, shows exactly that text: no tag, link, emphasis,
// heading, list or quote can come out of it, and a code span cannot be
// broken out of. Control characters are shown escaped first (ShowControls).
// (GitHub's extended autolinks still make a link of a bare "https://..." or
// "www..." address, showing the same text; teamloadd's HTML renderer drops
// javascript: and similar targets.)
//
// Pure functions, thread-safe, deterministic. Plain text that needs no
// escaping (letters, digits, spaces, most punctuation) comes out unchanged,
// so the Markdown stays readable as text.
#ifndef TEAMLOAD_TEXT_MARKDOWN_ESCAPE_H_
#define TEAMLOAD_TEXT_MARKDOWN_ESCAPE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace teamload::text {

// `text` as inline Markdown on one line: a paragraph, a list item, a quote,
// a heading, bold text or a table cell. Line breaks become spaces and
// leading and trailing spaces go (a renderer would drop them anyway); ASCII
// punctuation with a meaning to CommonMark or GitHub (\ ` * _ [ ] < > & # ~ |)
// is backslash-escaped, as is anything at the start that would open a block
// ("-", "+", "=", "1." or "1)").
std::string MarkdownText(absl::string_view text);

// `text` as one Markdown code span: fenced by more backticks than the longest
// run of backticks inside, padded with a space where a backtick or a space
// at either end would otherwise be lost. Line breaks are shown as \n.
std::string MarkdownCode(absl::string_view text);

}  // namespace teamload::text

#endif  // TEAMLOAD_TEXT_MARKDOWN_ESCAPE_H_
