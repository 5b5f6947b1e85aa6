// PLACEHOLDER: replaced by the render branch
#include "daemon/reports/html.h"

#include "absl/strings/str_cat.h"

namespace teamload::reports {

std::string MarkdownToHtml(absl::string_view markdown) {
  return absl::StrCat("<pre>", markdown.size(), " bytes</pre>\n");
}

std::string HtmlDocument(absl::string_view title, absl::string_view body_html) {
  return absl::StrCat("<!DOCTYPE html>\n<html><head><title>", title,
                      "</title></head><body>\n", body_html, "</body></html>\n");
}

}  // namespace teamload::reports
