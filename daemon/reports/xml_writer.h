// XmlWriter: builds XML text (the report's SVG charts) element by element,
// escaping every attribute value and text, so a team called `a<b & "c"`
// cannot break the markup. EscapeXml is the same escaping for callers that
// assemble HTML around it.
//
// A value type: each writer owns its buffer; not thread-safe (use one per
// thread). Output is deterministic: attributes appear in the order given.
#ifndef TEAMLOAD_DAEMON_REPORTS_XML_WRITER_H_
#define TEAMLOAD_DAEMON_REPORTS_XML_WRITER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace teamload::reports {

// `&<>"'` become entities; control characters (which XML 1.0 mostly
// forbids) and bidi overrides are shown escaped, as text::ShowControls does.
std::string EscapeXml(absl::string_view text);

// Name and (unescaped) value of one attribute.
using XmlAttribute = std::pair<absl::string_view, std::string>;

class XmlWriter {
 public:
  // <name a="v" ...>; the element stays open until the matching Close().
  void Open(absl::string_view name,
            const std::vector<XmlAttribute>& attributes);
  // </name> of the innermost open element.
  // REQUIRES: an element is open.
  void Close();
  // <name a="v" .../> without content.
  void Empty(absl::string_view name,
             const std::vector<XmlAttribute>& attributes);
  // <name a="v" ...>text</name>.
  void Text(absl::string_view name, const std::vector<XmlAttribute>& attributes,
            absl::string_view text);

  // The markup written so far.
  // REQUIRES: every opened element is closed.
  std::string Finish() &&;

 private:
  void StartTag(absl::string_view name,
                const std::vector<XmlAttribute>& attributes);

  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_XML_WRITER_H_
