#include "daemon/reports/xml_writer.h"

#include "gtest/gtest.h"

namespace teamload::reports {
namespace {

TEST(EscapeXml, EscapesMarkupAndShowsControls) {
  EXPECT_EQ(EscapeXml("a<b & \"c\" 'd' > e"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39; &gt; e");
  EXPECT_EQ(EscapeXml(std::string("x\x01y\tz\n\x1f") + "\xc3\xa9"),
            "x\\x01y\\tz\\n\\x1f\xc3\xa9");
  EXPECT_EQ(EscapeXml("a\x1b]0;t\x07<b>\xe2\x80\xae"),
            "a\\x1b]0;t\\x07&lt;b&gt;\\u202e");
}

TEST(XmlWriter, NestsAndEscapesEveryValue) {
  XmlWriter xml;
  xml.Open("svg", {{"aria-label", "a<b"}});
  xml.Text("title", {}, "R&D");
  xml.Empty("rect", {{"x", "1"}, {"fill", "url(#p)"}});
  xml.Open("g", {});
  xml.Text("text", {{"y", "\"2\""}}, "<3");
  xml.Close();
  xml.Close();
  EXPECT_EQ(std::move(xml).Finish(),
            "<svg aria-label=\"a&lt;b\"><title>R&amp;D</title>"
            "<rect x=\"1\" fill=\"url(#p)\"/><g><text y=\"&quot;2&quot;\">"
            "&lt;3</text></g></svg>");
}

}  // namespace
}  // namespace teamload::reports
