// PLACEHOLDER: replaced by the render branch
// Markdown to HTML with cmark-gfm, and the page around it.
#ifndef TEAMLOAD_DAEMON_REPORTS_HTML_H_
#define TEAMLOAD_DAEMON_REPORTS_HTML_H_

#include <string>

#include "absl/strings/string_view.h"

namespace teamload::reports {

std::string MarkdownToHtml(absl::string_view markdown);

std::string HtmlDocument(absl::string_view title, absl::string_view body_html);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_HTML_H_
