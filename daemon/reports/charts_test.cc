#include "daemon/reports/charts.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::reports {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// One parsed element: tag without namespace, attributes, own text.
struct Element {
  std::string tag;
  std::map<std::string, std::string> attributes;
  std::string text;
};

// Python's expat-based parser (python3 is a test dependency already) prints
// every element, in document order, as "tag<TAB>k=v<TAB>...<TAB>#text".
constexpr char kDumpXml[] = R"py(
import sys, xml.etree.ElementTree as ET
for e in ET.parse(sys.argv[1]).getroot().iter():
    clean = lambda s: s.replace("\t", " ").replace("\n", " ")
    fields = [e.tag.split("}")[-1]]
    fields += [k + "=" + clean(v) for k, v in e.attrib.items()]
    fields.append("#" + clean(e.text or ""))
    print("\t".join(fields))
)py";

// Parses `xml` with a real XML parser: an error when it is not well-formed.
absl::StatusOr<std::vector<Element>> ParseXml(const std::string& xml) {
  static int serial = 0;
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      absl::StrCat("charts_test_", getpid(), "_", serial++, ".svg");
  std::ofstream(path) << xml;
  const std::filesystem::path script = path.string() + ".py";
  std::ofstream(script) << kDumpXml;
  FILE* pipe = popen(
      absl::StrCat("python3 ", script.string(), " ", path.string(), " 2>&1")
          .c_str(),
      "r");
  std::string out;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    out.append(buffer, n);
  }
  const int status = pclose(pipe);
  std::filesystem::remove(path);
  std::filesystem::remove(script);
  if (status != 0) return absl::InvalidArgumentError(out);
  std::vector<Element> elements;
  for (absl::string_view line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    Element& e = elements.emplace_back();
    e.tag = fields.front();
    e.text = fields.back().substr(1);
    for (size_t i = 1; i + 1 < fields.size(); ++i) {
      std::pair<std::string, std::string> kv =
          absl::StrSplit(fields[i], absl::MaxSplits('=', 1));
      e.attributes.insert(std::move(kv));
    }
  }
  return elements;
}

// "x y width height" of every rect filled with `fill`, in document order.
std::vector<std::string> Rects(const std::vector<Element>& elements,
                               absl::string_view fill) {
  std::vector<std::string> rects;
  for (const Element& e : elements) {
    if (e.tag != "rect" || e.attributes.at("fill") != fill ||
        !e.attributes.contains("x")) {
      continue;
    }
    rects.push_back(
        absl::StrJoin({e.attributes.at("x"), e.attributes.at("y"),
                       e.attributes.at("width"), e.attributes.at("height")},
                      " "));
  }
  return rects;
}

// Text of every <text> element, in document order.
std::vector<std::string> Texts(const std::vector<Element>& elements) {
  std::vector<std::string> texts;
  for (const Element& e : elements) {
    if (e.tag == "text") texts.push_back(e.text);
  }
  return texts;
}

// Monday 2026-09-07 00:00 in Berlin (22:00 UTC the day before): ISO week 37.
const absl::Time kFirstWeek = absl::FromUnixSeconds(1'788'732'000);

std::vector<WeekPoint> Weeks(int count) {
  std::vector<WeekPoint> weeks(count);
  for (int i = 0; i < count; ++i) {
    weeks[i].week_start = kFirstWeek + absl::Hours(24 * 7 * i);
  }
  return weeks;
}

// 12 weeks, all zero but the first and the last.
std::vector<WeekPoint> Known() {
  std::vector<WeekPoint> weeks = Weeks(12);
  weeks[0].pages = 5;
  weeks[0].interruptions_business = 3;
  weeks[0].interruptions_sleep = 1;
  weeks[0].disrupted_hours_business = 3;
  weeks[0].disrupted_hours_sleep = 1;
  weeks[0].open_deferrals = 3;
  weeks[0].unwritten_oopses = 1;
  weeks[11].pages = 15;
  // 12 interruptions: the interruptions panel's maximum.
  weeks[11].interruptions_business = 6;
  weeks[11].interruptions_off_hours = 4;
  weeks[11].interruptions_sleep = 2;
  weeks[11].disrupted_hours_business = 5;
  weeks[11].disrupted_hours_off_hours = 4;
  weeks[11].disrupted_hours_sleep = 2;
  weeks[11].open_deferrals = 6;
  weeks[11].unwritten_oopses = 4;
  return weeks;
}

TEST(TeamChartsSvg, IsWellFormedXmlWithATitleForScreenReaders) {
  const auto elements = ParseXml(TeamChartsSvg("payments", Known()));
  ASSERT_TRUE(elements.ok()) << elements.status();
  const Element& svg = elements->front();
  EXPECT_EQ(svg.tag, "svg");
  EXPECT_EQ(svg.attributes.at("role"), "img");
  EXPECT_EQ(svg.attributes.at("width"), "640");
  EXPECT_EQ(svg.attributes.at("height"), "300");
  const std::string title =
      "payments: interruptions a week by time band, open deferred items "
      "and unwritten oopses, W37 to W48";
  EXPECT_EQ(svg.attributes.at("aria-label"), title);
  EXPECT_EQ((*elements)[1].tag, "title");
  EXPECT_EQ((*elements)[1].text, title);
  EXPECT_EQ((*elements)[2].tag, "desc");
  EXPECT_EQ((*elements)[2].text,
            "Latest week W48: 12 interruptions (6 in business hours, 4 in "
            "off hours, 2 in sleep hours); from 15 pages across 11 disrupted "
            "hours (2 of them sleep hours), 6 open deferred items, 4 "
            "unwritten oopses.");
}

TEST(TeamChartsSvg, BarHeightsAreExact) {
  const auto elements = ParseXml(TeamChartsSvg("payments", Known()));
  ASSERT_TRUE(elements.ok()) << elements.status();
  // Interruptions: 600 px for 12 weeks (50 a slot, bars 32 wide), 120 px for
  // the maximum of 12 (10 px each) above the baseline at y=150; the
  // parts stack business, off hours, sleep from the baseline up. The
  // legend's swatches (x=300 and on, y=2, 10 high) come first.
  const std::string off = "url(#tl";
  EXPECT_THAT(Rects(*elements, "#56B4E9"),
              ElementsAre("300 2 10 10", "43 120 32 30", "593 90 32 60"));
  std::vector<std::string> patterned;
  for (const Element& e : *elements) {
    if (e.tag == "rect" && e.attributes.contains("x") &&
        e.attributes.at("fill").starts_with(off)) {
      patterned.push_back(absl::StrCat(e.attributes.at("fill").substr(15), " ",
                                       e.attributes.at("y"), " ",
                                       e.attributes.at("height")));
    }
  }
  EXPECT_THAT(patterned,
              ElementsAre("-off) 2 10", "-sleep) 2 10", "-sleep) 110 10",
                          "-off) 50 40", "-sleep) 30 20"));
  // Deferrals: 272 px for 12 weeks (bars 14.5 wide), 60 px for 6 items.
  EXPECT_THAT(Rects(*elements, "#009E73"),
              ElementsAre("38.1 244 14.5 30", "287.4 214 14.5 60"));
  // Unwritten oopses: 60 px for 4 (15 px each), panel starting at x=328.
  EXPECT_THAT(Rects(*elements, "#D55E00"),
              ElementsAre("366.1 259 14.5 15", "615.4 214 14.5 60"));
  // Each panel's axis shows 0 and its maximum; the latest week's total sits
  // over its bar.
  const std::vector<std::string> texts = Texts(*elements);
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "12"), 2);  // axis, bar
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "6"), 2);
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "4"), 2);
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "0"), 3);
}

TEST(TeamChartsSvg, EachBarSaysWhatItShows) {
  const auto elements = ParseXml(TeamChartsSvg("payments", Known()));
  ASSERT_TRUE(elements.ok()) << elements.status();
  std::vector<std::string> titles;
  for (const Element& e : *elements) {
    if (e.tag == "title") titles.push_back(e.text);
  }
  EXPECT_THAT(
      titles,
      ElementsAre(
          ::testing::StartsWith("payments:"),
          "W37: 4 interruptions (3 in business hours, 0 in off hours, 1 in "
          "sleep hours); from 5 pages across 4 disrupted hours (1 of them a "
          "sleep hour)",
          "W48: 12 interruptions (6 in business hours, 4 in off hours, 2 in "
          "sleep hours); from 15 pages across 11 disrupted hours (2 of them "
          "sleep hours)",
          "W37: 3 open deferred items", "W48: 6 open deferred items",
          "W37: 1 unwritten oops", "W48: 4 unwritten oopses"));
}

TEST(TeamChartsSvg, EscapesTheTeamName) {
  const std::string team = "a<b & \"c\" 'd'";
  const std::string svg = TeamChartsSvg(team, Known());
  EXPECT_THAT(svg, HasSubstr("a&lt;b &amp; &quot;c&quot; &#39;d&#39;: "
                             "interruptions"));
  EXPECT_THAT(svg, ::testing::Not(HasSubstr("a<b")));
  const auto elements = ParseXml(svg);
  ASSERT_TRUE(elements.ok()) << elements.status();
  EXPECT_THAT(elements->front().attributes.at("aria-label"),
              ::testing::StartsWith(team + ": interruptions a week"));
}

TEST(TeamChartsSvg, AllZeroWeeksDrawNoBarsAndSaySo) {
  const auto elements = ParseXml(TeamChartsSvg("calm", Weeks(12)));
  ASSERT_TRUE(elements.ok()) << elements.status();
  // Only the legend's swatch.
  EXPECT_THAT(Rects(*elements, "#56B4E9"), ElementsAre("300 2 10 10"));
  EXPECT_THAT(Rects(*elements, "#009E73"), IsEmpty());
  EXPECT_THAT(Rects(*elements, "#D55E00"), IsEmpty());
  const std::vector<std::string> texts = Texts(*elements);
  EXPECT_THAT(texts, ::testing::IsSupersetOf(
                         {"no interruptions in these 12 weeks",
                          "no open deferred items in these 12 weeks",
                          "no unwritten oopses in these 12 weeks"}));
}

TEST(TeamChartsSvg, LabelsTwelveWeeks) {
  const auto elements = ParseXml(TeamChartsSvg("payments", Known()));
  ASSERT_TRUE(elements.ok()) << elements.status();
  std::vector<std::string> labels;
  for (const std::string& text : Texts(*elements)) {
    if (text.starts_with("W")) labels.push_back(text);
  }
  // Every week under the wide interruptions panel, every other one (ending with
  // the latest) under the two narrow panels.
  const std::vector<std::string> narrow = {"W38", "W40", "W42",
                                           "W44", "W46", "W48"};
  std::vector<std::string> expected = {"W37", "W38", "W39", "W40",
                                       "W41", "W42", "W43", "W44",
                                       "W45", "W46", "W47", "W48"};
  expected.insert(expected.end(), narrow.begin(), narrow.end());
  expected.insert(expected.end(), narrow.begin(), narrow.end());
  EXPECT_EQ(labels, expected);
}

TEST(TeamChartsSvg, NoWeeksStillMakesAValidChart) {
  const auto elements = ParseXml(TeamChartsSvg("new-team", {}));
  ASSERT_TRUE(elements.ok()) << elements.status();
  const std::vector<std::string> texts = Texts(*elements);
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "no weeks to show"), 3);
  EXPECT_EQ((*elements)[2].text, "No weeks to show.");
}

TEST(TeamChartsSvg, NegativeCountsAreDrawnAsZero) {
  std::vector<WeekPoint> weeks = Known();
  weeks[0].interruptions_off_hours = -5;
  EXPECT_EQ(TeamChartsSvg("payments", weeks),
            TeamChartsSvg("payments", Known()));
}

TEST(TeamChartsSvg, IsDeterministicAndIdsAreTeamSpecific) {
  EXPECT_EQ(TeamChartsSvg("payments", Known()),
            TeamChartsSvg("payments", Known()));
  const std::string a = TeamChartsSvg("payments", Known());
  const std::string b = TeamChartsSvg("search", Known());
  const auto id = [](const std::string& svg) {
    const size_t at = svg.find("<pattern id=\"");
    return svg.substr(at + 13, svg.find('"', at + 13) - at - 13);
  };
  EXPECT_THAT(id(a), ::testing::MatchesRegex("tl[0-9a-f]{8}-off"));
  EXPECT_NE(id(a), id(b));
  EXPECT_THAT(a, ::testing::Not(HasSubstr("<script")));
  EXPECT_THAT(a, ::testing::Not(HasSubstr("href")));
}

// Known() with notes in W46 (week 9): a reorg, and a launch two days on.
std::vector<WeekPoint> Noted() {
  std::vector<WeekPoint> weeks = Known();
  weeks[9].notes.push_back({.at = weeks[9].week_start + absl::Hours(33),
                            .day = absl::CivilDay(2026, 11, 10),
                            .text = "Reorg: two people moved to platform",
                            .author = "Ana"});
  weeks[9].notes.push_back({.at = weeks[9].week_start + absl::Hours(81),
                            .day = absl::CivilDay(2026, 11, 12),
                            .text = "Launch week",
                            .author = "Ben"});
  return weeks;
}

// The elements drawn for notes: each dashed line's x, each flag's title and
// every <text> after the panels (the flags' labels, then the caption).
struct NoteMarks {
  std::vector<std::string> lines;
  std::vector<std::string> titles;
};
NoteMarks MarksOf(const std::vector<Element>& elements) {
  NoteMarks marks;
  for (size_t i = 0; i < elements.size(); ++i) {
    const Element& e = elements[i];
    if (e.tag == "line" && e.attributes.contains("stroke-dasharray")) {
      marks.lines.push_back(absl::StrCat(e.attributes.at("x1"), " ",
                                         e.attributes.at("y1"), " ",
                                         e.attributes.at("y2")));
      // A flag's group: its title, then the line.
      marks.titles.push_back(elements[i - 1].text);
    }
  }
  return marks;
}

TEST(TeamChartsSvg, FlagsTheAnnotatedWeekOverItsInterruptionsBar) {
  const auto elements = ParseXml(TeamChartsSvg("payments", Noted()));
  ASSERT_TRUE(elements.ok()) << elements.status();
  const NoteMarks marks = MarksOf(*elements);
  // Week 9's slot is centred at 34 + 9.5 * 50 px; the line runs from under
  // the flag (plot top 30, less 4) to the baseline at 150.
  EXPECT_THAT(marks.lines, ElementsAre("509 26 150"));
  EXPECT_THAT(marks.titles,
              ElementsAre("W46, notes 1–2 (context, not evidence): 2026-11-10 "
                          "— Reorg: two people moved to platform (Ana); "
                          "2026-11-12 — Launch week (Ben)"));
  const std::vector<std::string> texts = Texts(*elements);
  EXPECT_THAT(texts, ::testing::Contains("1–2"));
  // The caption beneath: a heading, then each note with its number.
  EXPECT_THAT(std::vector<std::string>(texts.end() - 5, texts.end()),
              ElementsAre("Notes on these weeks (context, not evidence)", "1",
                          "2026-11-10 — Reorg: two people moved to platform "
                          "(Ana)",
                          "2", "2026-11-12 — Launch week (Ben)"));
  // Three caption lines of 16 px and a margin under the 300 px of panels.
  EXPECT_EQ(elements->front().attributes.at("height"), "352");
  EXPECT_EQ(elements->front().attributes.at("viewBox"), "0 0 640 352");
  EXPECT_THAT((*elements)[2].text,
              ::testing::EndsWith(
                  "4 unwritten oopses. Notes (context, not evidence): 1, "
                  "2026-11-10 — Reorg: two people moved to platform (Ana); 2, "
                  "2026-11-12 — Launch week (Ben)."));
}

TEST(TeamChartsSvg, NotesChangeNoBar) {
  const auto plain = ParseXml(TeamChartsSvg("payments", Known()));
  const auto noted = ParseXml(TeamChartsSvg("payments", Noted()));
  ASSERT_TRUE(plain.ok() && noted.ok());
  for (const char* fill : {"#56B4E9", "#009E73", "#D55E00"}) {
    EXPECT_EQ(Rects(*plain, fill), Rects(*noted, fill)) << fill;
  }
}

TEST(TeamChartsSvg, WeeksWithoutNotesDrawNoFlagAndNoCaption) {
  const std::string svg = TeamChartsSvg("payments", Known());
  EXPECT_THAT(svg, ::testing::Not(HasSubstr("stroke-dasharray")));
  EXPECT_THAT(svg, ::testing::Not(HasSubstr("Notes")));
  EXPECT_THAT(svg, HasSubstr("height=\"300\" viewBox=\"0 0 640 300\""));
}

TEST(TeamChartsSvg, NoteTextAndAuthorAreInert) {
  std::vector<WeekPoint> weeks = Known();
  weeks[11].notes.push_back(
      {.at = weeks[11].week_start + absl::Hours(1),
       .day = absl::CivilDay(2026, 11, 23),
       .text = "<script>alert(1)</script> & \"q\" \u202egnp.exe\x1b[2J",
       .author = "<b onclick=x>Ana</b>\r"});
  const std::string svg = TeamChartsSvg("payments", weeks);
  EXPECT_THAT(svg, ::testing::Not(HasSubstr("<script")));
  EXPECT_THAT(svg, ::testing::Not(HasSubstr("<b")));
  EXPECT_THAT(svg, ::testing::Not(HasSubstr("\u202e")));
  EXPECT_THAT(svg, ::testing::Not(HasSubstr("\x1b")));
  EXPECT_THAT(svg, ::testing::Not(HasSubstr("\r")));
  // The flag's title, escaped once; controls and the override shown as
  // escapes, as everywhere in the report.
  EXPECT_THAT(svg,
              HasSubstr("<title>W48, note 1 (context, not evidence): "
                        "2026-11-23 — &lt;script&gt;alert(1)&lt;/script&gt; "
                        "&amp; &quot;q&quot; \\u202egnp.exe\\x1b[2J (&lt;b "
                        "onclick=x&gt;Ana&lt;/b&gt;\\r)</title>"));
  const auto elements = ParseXml(svg);
  ASSERT_TRUE(elements.ok()) << elements.status();
  EXPECT_THAT(MarksOf(*elements).titles,
              ElementsAre("W48, note 1 (context, not evidence): 2026-11-23 — "
                          "<script>alert(1)</script> & \"q\" "
                          "\\u202egnp.exe\\x1b[2J (<b "
                          "onclick=x>Ana</b>\\r)"));
}

TEST(TeamChartsSvg, LongNotesAreShortenedByCharacters) {
  std::vector<WeekPoint> weeks = Known();
  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += "\xc3\xa9";  // é, two bytes
  weeks[11].notes.push_back({.at = weeks[11].week_start + absl::Hours(1),
                             .day = absl::CivilDay(2026, 11, 23),
                             .text = long_text,
                             .author = std::string(40, 'a')});
  const auto elements = ParseXml(TeamChartsSvg("payments", weeks));
  ASSERT_TRUE(elements.ok()) << elements.status();
  const auto e = [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "\xc3\xa9";
    return s;
  };
  const std::string author = std::string(23, 'a') + "…";
  EXPECT_THAT(MarksOf(*elements).titles,
              ElementsAre(absl::StrCat(
                  "W48, note 1 (context, not evidence): 2026-11-23 — ", e(199),
                  "… (", author, ")")));
  EXPECT_EQ(Texts(*elements).back(),
            absl::StrCat("2026-11-23 — ", e(55), "… (", author, ")"));
}

TEST(TeamChartsSvg, ManyNotesNumberOnAndTheOldestStayInTheirFlags) {
  std::vector<WeekPoint> weeks = Known();
  for (int week : {0, 5, 5, 5, 8, 10, 11, 11}) {
    weeks[week].notes.push_back({.at = weeks[week].week_start,
                                 .day = absl::CivilDay(2026, 9, 7),
                                 .text = "n",
                                 .author = "a"});
  }
  const auto elements = ParseXml(TeamChartsSvg("payments", weeks));
  ASSERT_TRUE(elements.ok()) << elements.status();
  std::vector<std::string> labels;
  for (const std::string& title : MarksOf(*elements).titles) {
    labels.push_back(title.substr(0, title.find(" (")));
  }
  EXPECT_THAT(labels,
              ElementsAre("W37, note 1", "W42, notes 2–4", "W45, note 5",
                          "W47, note 6", "W48, notes 7–8"));
  // Six lines quoted (3 to 8), then the older ones named.
  const std::vector<std::string> texts = Texts(*elements);
  EXPECT_EQ(texts[texts.size() - 13], "3");
  EXPECT_EQ(texts.back(), "Notes 1–2, older, are in their flags' titles.");
  EXPECT_EQ(elements->front().attributes.at("height"), "432");
}

}  // namespace
}  // namespace teamload::reports
