// What "inert" means for text a person reads: no control byte reaches a
// terminal, and HTML (rendered from teamloadd's Markdown by a CommonMark
// renderer that lets raw HTML through, or teamloadd's own HTML report) holds
// only the tags the template itself writes, with no script handler and no
// script link. Test-only; pure functions, thread-safe.
#ifndef TEAMLOAD_TESTS_HOSTILE_INERT_H_
#define TEAMLOAD_TESTS_HOSTILE_INERT_H_

#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace teamload::hostile {

// Whether `text` holds a byte text::ShowControls would escape (newlines
// allowed): a control character, a bidi override, a byte that is not UTF-8.
bool HasRawControls(absl::string_view text);

// `markdown` as HTML, by cmark-gfm with GitHub's table and strikethrough
// extensions (and its extended autolinks, if asked for) and raw HTML let
// through (CMARK_OPT_UNSAFE).
std::string RenderCommonMark(absl::string_view markdown, bool autolinks);

// What a person sees of `text` in HTML on one line: its line breaks as
// spaces, its controls shown escaped, then HTML-escaped.
std::string ShownAsHtml(absl::string_view text);

// `html` without its tags (entities kept): the text a person reads, links
// and all.
std::string TextOf(absl::string_view html);

// The tags of `html` that are not in `allowed`, or that carry an event
// handler (on...=) or a link other than http:, https:, mailto: or #; each
// as it appears. Text inside <style> is skipped.
std::vector<std::string> LiveMarkup(absl::string_view html,
                                    const std::set<std::string>& allowed);

// The tags a rendered narrative may hold: the template's own.
const std::set<std::string>& NarrativeTags();

}  // namespace teamload::hostile

#endif  // TEAMLOAD_TESTS_HOSTILE_INERT_H_
