#include "tests/hostile/inert.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <regex>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "text/controls.h"

namespace teamload::hostile {

bool HasRawControls(absl::string_view text) {
  return text::ShowControls(text, text::Newlines::kKeep) != text;
}

std::string RenderCommonMark(absl::string_view markdown, bool autolinks) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_UNSAFE);
  std::vector<const char*> extensions = {"table", "strikethrough"};
  if (autolinks) extensions.push_back("autolink");
  for (const char* name : extensions) {
    cmark_parser_attach_syntax_extension(parser,
                                         cmark_find_syntax_extension(name));
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* document = cmark_parser_finish(parser);
  char* rendered = cmark_render_html(
      document, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser));
  std::string html = rendered;
  cmark_get_default_mem_allocator()->free(rendered);
  cmark_node_free(document);
  cmark_parser_free(parser);
  return html;
}

std::string ShownAsHtml(absl::string_view text) {
  const std::string shown = text::ShowControls(
      absl::StrReplaceAll(text, {{"\r\n", " "}, {"\n", " "}}));
  return absl::StrReplaceAll(
      absl::StripAsciiWhitespace(shown),
      {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

std::string TextOf(absl::string_view html) {
  std::string text;
  for (size_t at = 0; at < html.size();) {
    const size_t tag = html.find('<', at);
    absl::StrAppend(&text, html.substr(at, tag - at));
    if (tag == absl::string_view::npos) break;
    const size_t end = html.find('>', tag);
    if (end == absl::string_view::npos) break;
    at = end + 1;
  }
  return text;
}

std::vector<std::string> LiveMarkup(absl::string_view html,
                                    const std::set<std::string>& allowed) {
  // An event handler attribute, or a link whose scheme runs code or embeds
  // a document (only http, https, mailto and in-page links are inert).
  static const std::regex* const kHandler =
      new std::regex(R"([\s/"']on[a-z]+\s*=)");
  static const std::regex* const kLink = new std::regex(
      R"((href|src|action|formaction)\s*=\s*)"
      R"(("(?!https?://|mailto:|#)|'(?!https?://|mailto:|#)|(?!["']|https?://|mailto:|#)))");
  std::vector<std::string> live;
  for (size_t at = html.find('<'); at != absl::string_view::npos;
       at = html.find('<', at + 1)) {
    const size_t end = html.find('>', at);
    const absl::string_view tag =
        html.substr(at, end == absl::string_view::npos ? end : end - at + 1);
    const std::string lower = absl::AsciiStrToLower(tag);
    if (lower == "<!doctype html>") continue;
    size_t name_end = lower.size() > 1 && lower[1] == '/' ? 2 : 1;
    const size_t name_start = name_end;
    while (name_end < lower.size() &&
           absl::ascii_isalnum(static_cast<unsigned char>(lower[name_end]))) {
      ++name_end;
    }
    const std::string name = lower.substr(name_start, name_end - name_start);
    if (!allowed.contains(name) || std::regex_search(lower, *kHandler) ||
        std::regex_search(lower, *kLink)) {
      live.emplace_back(tag);
    }
    if (name == "style" && name_start == 1) {
      at = html.find("</style>", at);
      if (at == absl::string_view::npos) break;
    }
  }
  return live;
}

const std::set<std::string>& NarrativeTags() {
  static const auto* const kTags = new std::set<std::string>{
      "h1", "h2", "h3", "p", "strong", "em", "ul", "ol", "li", "code",
      "blockquote",
      // GitHub's extended autolinks make links of bare http(s) and mail
      // addresses; LiveMarkup refuses any other link.
      "a"};
  return *kTags;
}

}  // namespace teamload::hostile
