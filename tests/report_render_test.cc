// The HTML report in a real browser: a sample report (overview heat table,
// two teams' narratives and charts) rendered by headless Chromium, which
// must lay out the page, paint the charts and keep every SVG element.
//
// TEAMLOAD_REPORT_SCREENSHOT=PATH also copies the screenshot to PATH
// (scripts/report-screenshot makes docs/images/report.png this way).
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"
#include "tests/support/sample_report.h"

namespace teamload {
namespace {

using ::testing::HasSubstr;

constexpr char kChromium[] = "/usr/bin/chromium";
constexpr int kWidth = 1000;
constexpr int kHeight = 2200;

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

uint32_t BigEndian32(const std::string& bytes, size_t at) {
  uint32_t value = 0;
  for (size_t i = at; i < at + 4; ++i) {
    value = value << 8 | static_cast<unsigned char>(bytes[i]);
  }
  return value;
}

// A decoded screenshot: 8-bit RGB or RGBA rows, top to bottom.
struct Image {
  uint32_t width = 0;
  uint32_t height = 0;
  int channels = 0;
  std::vector<uint8_t> pixels;
};

// Just enough PNG decoding (zlib is already a dependency of gRPC) for
// Chromium's screenshots: 8-bit RGB or RGBA, not interlaced, any filter.
absl::StatusOr<Image> DecodePng(const std::string& bytes) {
  Image image;
  std::string compressed;
  for (size_t pos = 8; pos + 12 <= bytes.size();) {
    const uint32_t length = BigEndian32(bytes, pos);
    const std::string kind = bytes.substr(pos + 4, 4);
    if (kind == "IHDR") {
      image.width = BigEndian32(bytes, pos + 8);
      image.height = BigEndian32(bytes, pos + 12);
      const int depth = bytes[pos + 16], colour = bytes[pos + 17];
      if (depth != 8 || (colour != 2 && colour != 6) || bytes[pos + 20] != 0) {
        return absl::UnimplementedError(
            absl::StrCat("PNG depth ", depth, " colour type ", colour));
      }
      image.channels = colour == 6 ? 4 : 3;
    } else if (kind == "IDAT") {
      compressed.append(bytes, pos + 8, length);
    }
    pos += 12 + length;
  }
  const size_t stride = size_t{image.width} * image.channels;
  std::vector<uint8_t> raw(image.height * (stride + 1));
  uLongf size = raw.size();
  if (uncompress(raw.data(), &size,
                 reinterpret_cast<const Bytef*>(compressed.data()),
                 compressed.size()) != Z_OK ||
      size != raw.size()) {
    return absl::DataLossError("PNG image data does not inflate");
  }
  image.pixels.resize(image.height * stride);
  const int bpp = image.channels;
  for (size_t y = 0; y < image.height; ++y) {
    const uint8_t filter = raw[y * (stride + 1)];
    const uint8_t* in = &raw[y * (stride + 1) + 1];
    uint8_t* out = &image.pixels[y * stride];
    const uint8_t* up = y > 0 ? out - stride : nullptr;
    for (size_t i = 0; i < stride; ++i) {
      const int a = i >= size_t(bpp) ? out[i - bpp] : 0;
      const int b = up ? up[i] : 0;
      const int c = up && i >= size_t(bpp) ? up[i - bpp] : 0;
      int predictor = 0;
      switch (filter) {
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) / 2;
          break;
        case 4: {
          const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b),
                    pc = std::abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
      }
      out[i] = static_cast<uint8_t>(in[i] + predictor);
    }
  }
  return image;
}

// Pixels of exactly the colour 0xRRGGBB.
int CountPixels(const Image& image, uint32_t rgb) {
  int n = 0;
  for (size_t at = 0; at < image.pixels.size(); at += image.channels) {
    if ((uint32_t{image.pixels[at]} << 16 |
         uint32_t{image.pixels[at + 1]} << 8 | image.pixels[at + 2]) == rgb) {
      ++n;
    }
  }
  return n;
}

TEST(ReportRender, ChromiumPaintsTheChartsAndKeepsEverySvgElement) {
  if (!std::filesystem::exists(kChromium)) {
    GTEST_SKIP() << kChromium << " is not installed (scripts/setup installs "
                 << "Debian's chromium)";
  }
  testing::TempDir dir;
  const std::vector<testing::SampleTeam> teams = testing::SampleTeams(2);
  const std::string html = testing::SampleReportHtml(teams);
  const std::filesystem::path page = dir.path() / "report.html";
  const std::filesystem::path png = dir.path() / "report.png";
  std::ofstream(page) << html;

  // One run lays the page out, writes the screenshot and prints the DOM.
  const testing::ProcessResult chromium = testing::Run(
      {kChromium, "--headless", "--no-sandbox", "--disable-gpu",
       "--hide-scrollbars", "--force-device-scale-factor=1",
       absl::StrCat("--user-data-dir=", (dir.path() / "profile").string()),
       absl::StrCat("--window-size=", kWidth, ",", kHeight),
       absl::StrCat("--screenshot=", png.string()), "--dump-dom",
       absl::StrCat("file://", page.string())});
  ASSERT_EQ(chromium.exit_code, 0) << chromium.err;

  // The screenshot: a PNG of the window's size, with far more in it than
  // a blank page (about 10 KB at this size).
  const std::string bytes = testing::ReadFile(png);
  ASSERT_GE(bytes.size(), 24u) << chromium.err;
  EXPECT_EQ(bytes.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(bytes.substr(12, 4), "IHDR");
  EXPECT_EQ(BigEndian32(bytes, 16), static_cast<uint32_t>(kWidth));
  EXPECT_EQ(BigEndian32(bytes, 20), static_cast<uint32_t>(kHeight));
  EXPECT_GT(bytes.size(), 60'000u);

  // Painted, not just parsed: the first team's bars in each chart colour
  // and the heat table's ATTENTION cells are on screen.
  const absl::StatusOr<Image> image = DecodePng(bytes);
  ASSERT_TRUE(image.ok()) << image.status();
  EXPECT_GT(CountPixels(*image, 0x56B4E9), 2000)
      << "business-hours interruptions";
  EXPECT_GT(CountPixels(*image, 0x009E73), 500) << "open deferrals";
  EXPECT_GT(CountPixels(*image, 0xD55E00), 500) << "unwritten oopses";
  EXPECT_GT(CountPixels(*image, 0xFBD5D0), 1000) << "ATTENTION cells";

  // The DOM Chromium built keeps both teams' charts whole: every <svg>, bar
  // and title of our markup is an element, none was dropped as invalid.
  const std::string& dom = chromium.out;
  EXPECT_EQ(Count(dom, "<svg "), 2);
  EXPECT_EQ(Count(dom, "<rect "), Count(html, "<rect "));
  EXPECT_EQ(Count(dom, "<pattern "), 4);
  EXPECT_GT(Count(html, "<rect "), 2 * 30);
  for (const testing::SampleTeam& team : teams) {
    EXPECT_THAT(dom, HasSubstr(absl::StrCat("<title>", team.name,
                                            ": interruptions a week by time "
                                            "band")));
    EXPECT_THAT(dom, HasSubstr(absl::StrCat("<h1>", team.name, "</h1>")));
  }
  // The first team's note: its flag and its line beneath.
  EXPECT_THAT(dom,
              HasSubstr("<title>W46, note 1 (context, not evidence): "
                        "2026-11-10 — Roadmap reshuffled: the billing "
                        "migration moved up a quarter (Lee (EM))</title>"));
  EXPECT_EQ(Count(dom, "stroke-dasharray"), 1);
  EXPECT_THAT(dom, HasSubstr("Notes on these weeks (context, not evidence)"));
  EXPECT_THAT(dom, HasSubstr("<table>"));
  EXPECT_THAT(dom, HasSubstr("<td align=\"center\" class=\"level-attention\">"
                             "ATTENTION</td>"));
  EXPECT_THAT(dom, ::testing::Not(HasSubstr("<script")));

  if (const char* copy = std::getenv("TEAMLOAD_REPORT_SCREENSHOT")) {
    std::filesystem::copy_file(
        png, copy, std::filesystem::copy_options::overwrite_existing);
  }
}

}  // namespace
}  // namespace teamload
