// The HTML side of a report: Markdown fragments rendered with cmark-gfm, and
// the self-contained document around them.
//
// Pure functions, thread-safe (cmark-gfm's extensions are registered once,
// under std::call_once), deterministic.
#ifndef TEAMLOAD_DAEMON_REPORTS_HTML_H_
#define TEAMLOAD_DAEMON_REPORTS_HTML_H_

#include <string>

#include "absl/strings/string_view.h"

namespace teamload::reports {

// GitHub-flavoured Markdown (tables, strikethrough, autolinks) to an HTML
// fragment, with cmark-gfm. Raw HTML in the input is shown as text: inline
// HTML is escaped and an HTML block becomes a code block, so nothing a
// collector copied from a ticket title can add markup or scripts (and,
// unlike cmark's own safe mode, nothing silently disappears). Links with
// javascript:, vbscript:, file: or data: URLs lose their target (cmark-gfm's
// safe mode). Table cells and level-3 headings that name a finding level
// (ATTENTION, WATCH, INFO, OK) get the class "level-attention" etc., which
// HtmlDocument's style shows as a badge.
std::string MarkdownToHtml(absl::string_view markdown);

// A complete self-contained HTML document (inline CSS, no external
// resources, no scripts) around `body_html`, titled `title` (escaped). A
// Content-Security-Policy forbids scripts and any fetch, so even an image
// URL in a narrative cannot reach out when the report is opened. The style
// is readable on screen and in print (tables, headings, level badges,
// charts kept on one page).
// REQUIRES: `body_html` is trusted markup (MarkdownToHtml's output, SVG
// from TeamChartsSvg).
std::string HtmlDocument(absl::string_view title, absl::string_view body_html);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_HTML_H_
