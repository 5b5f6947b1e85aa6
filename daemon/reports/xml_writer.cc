#include "daemon/reports/xml_writer.h"

#include <cassert>

#include "absl/strings/str_cat.h"

namespace teamload::reports {

std::string EscapeXml(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
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
      case '\t':
      case '\n':
      case '\r':
        out += c;
        break;
      default:
        // Bytes >= 0x80 (UTF-8) are char < 0 and pass through.
        if (c >= 0 && c < 0x20) break;
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
