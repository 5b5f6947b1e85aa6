#include "daemon/themes/reader.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::themes {
namespace {

using config::ThemeSource;
using ::testing::HasSubstr;

int IndexOf(const config::ThemeCatalog& themes, absl::string_view name,
            ThemeSource source = ThemeSource::kSurvey) {
  for (std::size_t i = 0; i < themes.size(); ++i)
    if (themes[i].name == name && themes[i].source == source) return i;
  return -1;
}

TEST(ReaderTest, ReadsTheBuiltInThemesOfEachSource) {
  const Reader& reader = Reader::Builtin();
  EXPECT_EQ(reader.Read(ThemeSource::kSurvey, "lunch options are great"), 0u);
}

TEST(ReaderTest, AnOrganisationsOwnThemeIsLearntFromItsExamples) {
  config::ThemeCatalog themes = *config::DefaultThemes();
  config::ThemeConfig release{.label = "org_release_anxiety",
                              .name = "release anxiety",
                              .boundary = "safety"};
  for (const char* text :
       {"every release feels like it could blow up", "I dread release days",
        "shipping makes me nervous", "we hold our breath on each release",
        "releases are terrifying", "release day is scary",
        "I get anxious before we ship", "nobody wants to press release",
        "release nights make me nervous", "we fear every release"})
    release.examples.push_back(text);
  themes.push_back(release);
  auto reader = Reader::Train(
      std::make_shared<const config::ThemeCatalog>(std::move(themes)));
  ASSERT_TRUE(reader.ok()) << reader.status();
  const int t = IndexOf((*reader)->themes(), "release anxiety");
  EXPECT_TRUE(Raises(
      (*reader)->Read(ThemeSource::kSurvey, "release days make me so nervous"),
      t));
}

TEST(ReaderTest, AThemeWithoutExamplesIsRefused) {
  config::ThemeCatalog themes = *config::DefaultThemes();
  themes.push_back({.label = "org_x", .name = "x", .boundary = "safety"});
  EXPECT_THAT(Reader::Train(std::make_shared<const config::ThemeCatalog>(
                                std::move(themes)))
                  .status()
                  .message(),
              HasSubstr("no examples to learn theme \"org_x\" from"));
}

}  // namespace
}  // namespace teamload::themes
