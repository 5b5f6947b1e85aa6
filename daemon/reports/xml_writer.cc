#include "daemon/reports/xml_writer.h"

#include <cassert>

#include "absl/strings/str_cat.h"
#include "text/controls.h"

namespace teamload::reports {

std::string EscapeXml(absl::string_view text) {
  const std::string shown = text::ShowControls(text);
  std::string out;
  out.reserve(shown.size());
  for (const char c : shown) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void XmlWriter::StartTag(absl::string_view name,
                         const std::vector<XmlAttribute>& attributes) {
  absl::StrAppend(&out_, "<", name);
  for (const auto& [attribute, value] : attributes) {
    absl::StrAppend(&out_, " ", attribute, "=\"", EscapeXml(value), "\"");
  }
}

void XmlWriter::Open(absl::string_view name,
                     const std::vector<XmlAttribute>& attributes) {
  StartTag(name, attributes);
  out_ += ">";
  open_.emplace_back(name);
}

void XmlWriter::Close() {
  assert(!open_.empty());
  absl::StrAppend(&out_, "</", open_.back(), ">");
  open_.pop_back();
}

void XmlWriter::Empty(absl::string_view name,
                      const std::vector<XmlAttribute>& attributes) {
  StartTag(name, attributes);
  out_ += "/>";
}

void XmlWriter::Text(absl::string_view name,
                     const std::vector<XmlAttribute>& attributes,
                     absl::string_view text) {
  StartTag(name, attributes);
  absl::StrAppend(&out_, ">", EscapeXml(text), "</", name, ">");
}

std::string XmlWriter::Finish() && {
  assert(open_.empty());
  return std::move(out_);
}

}  // namespace teamload::reports
