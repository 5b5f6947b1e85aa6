#include "daemon/reports/html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "daemon/reports/xml_writer.h"

namespace teamload::reports {
namespace {

struct ParserFree {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};

void RegisterExtensionsOnce() {
  // cmark-gfm guards its registry with a plain static flag.
  static std::once_flag once;
  std::call_once(once, cmark_gfm_core_extensions_ensure_registered);
}

// Replaces every raw HTML node by the same text shown literally: inline HTML
// by a text node (escaped when rendered), an HTML block by a code block.
void ShowRawHtmlAsText(cmark_node* document) {
  std::vector<cmark_node*> raw;
  cmark_iter* iter = cmark_iter_new(document);
  for (cmark_event_type event = cmark_iter_next(iter);
       event != CMARK_EVENT_DONE; event = cmark_iter_next(iter)) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_ENTER &&
        (type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK)) {
      raw.push_back(node);
    }
  }
  cmark_iter_free(iter);
  for (cmark_node* node : raw) {
    cmark_node* shown =
        cmark_node_new(cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE
                           ? CMARK_NODE_TEXT
                           : CMARK_NODE_CODE_BLOCK);
    cmark_node_set_literal(shown, cmark_node_get_literal(node));
    if (cmark_node_replace(node, shown)) {
      cmark_node_free(node);
    } else {
      // A parent that cannot hold the replacement: the node stays, and
      // cmark's safe mode renders it as a comment, never as markup.
      cmark_node_free(shown);
    }
  }
}

bool ContainsWord(absl::string_view text, absl::string_view word) {
  for (size_t at = text.find(word); at != absl::string_view::npos;
       at = text.find(word, at + 1)) {
    const size_t end = at + word.size();
    if ((at == 0 || !absl::ascii_isalnum(text[at - 1])) &&
        (end == text.size() || !absl::ascii_isalnum(text[end]))) {
      return true;
    }
  }
  return false;
}

// The class for the highest finding level named in `content`, or "".
absl::string_view LevelClass(absl::string_view content) {
  static constexpr std::pair<absl::string_view, absl::string_view> kLevels[] = {
      {"ATTENTION", "level-attention"},
      {"WATCH", "level-watch"},
      {"INFO", "level-info"},
      {"OK", "level-ok"}};
  for (const auto& [word, level_class] : kLevels) {
    if (ContainsWord(content, word)) return level_class;
  }
  return "";
}

// Adds the level class to <td> and <h3> elements naming a level. This works
// on cmark-gfm's output because its HTML renderer cannot add attributes to
// a node, and table cells accept no custom nodes; the output's shape is
// fixed (`<td>`, `<td align="...">`, `<h3>`, content escaped), so finding
// the tags is exact.
std::string MarkLevels(absl::string_view html) {
  std::string out;
  out.reserve(html.size() + 256);
  size_t copied = 0;
  for (size_t from = 0;;) {
    const size_t cell = html.find("<td", from);
    const size_t heading = html.find("<h3", from);
    const size_t open = std::min(cell, heading);
    if (open == absl::string_view::npos) break;
    const size_t tag_end = html.find('>', open);
    const size_t close = html.find(open == cell ? "</td>" : "</h3>", tag_end);
    if (tag_end == absl::string_view::npos ||
        close == absl::string_view::npos) {
      break;
    }
    const absl::string_view level_class =
        LevelClass(html.substr(tag_end + 1, close - tag_end - 1));
    if (!level_class.empty()) {
      absl::StrAppend(&out, html.substr(copied, tag_end - copied), " class=\"",
                      level_class, "\"");
      copied = tag_end;
    }
    from = close;
  }
  absl::StrAppend(&out, html.substr(copied));
  return out;
}

constexpr absl::string_view kStyle = R"css(
:root { color-scheme: light; }
body { margin: 0; background: #f4f5f7; color: #1f2328;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 760px; margin: 0 auto; padding: 20px 32px 40px; background: #fff; }
h1 { font-size: 1.55em; margin: 1.4em 0 .4em; padding-bottom: .2em; border-bottom: 2px solid #1f2328; }
main > h1:first-child { margin-top: .4em; }
h2 { font-size: 1.2em; margin: 1.3em 0 .4em; }
h3 { font-size: 1.02em; margin: 1.1em 0 .3em; padding-left: .5em; border-left: 4px solid #d0d7de; }
p, ul, ol { margin: .45em 0; }
code { font: .85em ui-monospace, "DejaVu Sans Mono", monospace; background: #eff1f3;
  padding: .1em .3em; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: #eff1f3; padding: .6em .8em; border-radius: 4px; overflow-x: auto; }
pre code { padding: 0; background: none; }
table { border-collapse: collapse; margin: .8em 0; font-size: .92em; }
th, td { border: 1px solid #d0d7de; padding: .3em .75em; text-align: left; }
th { background: #eff1f3; }
td.level-attention, td.level-watch, td.level-info, td.level-ok { font-weight: 600; text-align: center; }
td.level-attention { background: #fbd5d0; color: #7d1a0c; }
td.level-watch { background: #fdebc8; color: #6b4400; }
td.level-info { background: #dbe9f6; color: #0b4a7d; }
td.level-ok { background: #e3f1e6; color: #1d5e2c; font-weight: 400; }
h3.level-attention { border-left-color: #c0392b; }
h3.level-watch { border-left-color: #d69500; }
h3.level-info { border-left-color: #2f7bbf; }
svg { display: block; width: 100%; height: auto; margin: .6em 0 1.4em; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  main > h1 ~ h1 { break-before: page; }
  h2, h3 { break-after: avoid; }
  table, svg { break-inside: avoid; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
)css";

}  // namespace

std::string MarkdownToHtml(absl::string_view markdown) {
  RegisterExtensionsOnce();
  std::unique_ptr<cmark_parser, ParserFree> parser(
      cmark_parser_new(CMARK_OPT_DEFAULT));
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    // Registered by the core extensions above, so never null.
    cmark_parser_attach_syntax_extension(parser.get(),
                                         cmark_find_syntax_extension(name));
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeFree> document(
      cmark_parser_finish(parser.get()));
  ShowRawHtmlAsText(document.get());
  // CMARK_OPT_DEFAULT is cmark-gfm's safe mode: no raw HTML, no dangerous
  // link targets.
  char* rendered =
      cmark_render_html(document.get(), CMARK_OPT_DEFAULT,
                        cmark_parser_get_syntax_extensions(parser.get()));
  std::string html = MarkLevels(rendered);
  cmark_get_default_mem_allocator()->free(rendered);
  return html;
}

std::string HtmlDocument(absl::string_view title, absl::string_view body_html) {
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; style-src 'unsafe-inline'; img-src data:\">\n"
      "<title>",
      EscapeXml(title), "</title>\n<style>", kStyle,
      "</style>\n</head>\n<body>\n<main>\n", body_html,
      "</main>\n</body>\n</html>\n");
}

}  // namespace teamload::reports
