#include "daemon/config/themes_section.h"

#include "absl/strings/str_cat.h"
#include "daemon/config/config.h"
#include "daemon/config/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::config {
namespace {

using ::teamload::config::testing::BadInput;
using ::teamload::config::testing::ExpectRefused;

absl::StatusOr<Config> Parse(absl::string_view themes) {
  return ParseConfig(absl::StrCat("store: sqlite:x.db\n", themes, "\n",
                                  testing::kPaymentsAndSearch),
                     "t.yaml");
}

constexpr char kTenExamples[] =
    "[one, two, three, four, five, six, seven, eight, nine, ten]";

TEST(ThemesSectionTest, WithoutThemesEveryTeamReadsTheBuiltInOnes) {
  absl::StatusOr<Config> config = Parse("");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->themes, DefaultThemes());
  EXPECT_EQ(config->teams[0].themes, DefaultThemes());
  EXPECT_EQ(DefaultThemes()->size(), 11u);
}

TEST(ThemesSectionTest, RenamesExtendsAndAddsThemesSharedByEveryTeam) {
  absl::StatusOr<Config> config =
      Parse(absl::StrCat("themes:\n"
                         "  - builtin: on-call fatigue\n"
                         "    name: pager load\n"
                         "    examples: [\"the beeper again\"]\n"
                         "  - name: release anxiety\n"
                         "    boundary: safety\n"
                         "    examples: ",
                         kTenExamples,
                         "\n"
                         "  - name: vendor lock-in\n"
                         "    source: writeups\n"
                         "    boundary: economic\n"
                         "    examples: ",
                         kTenExamples));
  ASSERT_TRUE(config.ok()) << config.status();
  const ThemeCatalog& themes = *config->themes;
  ASSERT_EQ(themes.size(), 13u);
  EXPECT_EQ(themes[3].label, "oncall_fatigue");
  EXPECT_EQ(themes[3].name, "pager load");
  EXPECT_THAT(themes[3].examples, ::testing::ElementsAre("the beeper again"));
  EXPECT_EQ(themes[11].label, "org_release_anxiety");
  EXPECT_EQ(themes[11].source, ThemeSource::kSurvey);
  EXPECT_EQ(themes[12].label, "org_vendor_lock_in");
  EXPECT_EQ(themes[12].source, ThemeSource::kWriteup);
  EXPECT_EQ(themes[12].boundary, "economic");
  EXPECT_EQ(config->teams[1].themes, config->themes);
}

class BadThemesTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadThemesTest, NamesTheFieldAndTheRule) {
  ExpectRefused(Parse(GetParam().text).status(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadThemesTest,
    ::testing::Values(
        BadInput{"themes:\n  - name: release anxiety\n    boundary: safety\n"
                 "    examples: [a, b, c, a]\n",
                 "t.yaml:5:15: themes[0].examples: a theme of its own needs "
                 "at least 10 different example sentences to be learnt from "
                 "(has 3)"},
        BadInput{"themes:\n  - name: x\n    examples: [a]\n",
                 "themes[0].boundary: is required for a theme of its own"},
        BadInput{"themes:\n  - builtin: burnout\n",
                 "t.yaml:3:14: themes[0].builtin: no built-in survey theme "
                 "\"burnout\" (there are \"time pressure\""},
        BadInput{"themes:\n  - builtin: time pressure\n    source: writeups\n",
                 "no built-in writeups theme \"time pressure\""},
        BadInput{"themes:\n  - builtin: time pressure\n    boundary: safety\n",
                 "themes[0].boundary: a built-in theme keeps its boundary"},
        BadInput{"themes:\n  - name: y\n    boundary: morale\n",
                 "themes[0].boundary: \"morale\" is not workload, economic or "
                 "safety"},
        BadInput{"themes:\n  - builtin: intent to leave\n"
                 "    name: time pressure\n",
                 "themes: two survey themes are called \"time pressure\""},
        BadInput{"themes:\n  - name: z\n    source: slack\n",
                 "themes[0].source: \"slack\" is not survey or writeups"},
        BadInput{"themes: {name: z}\n", "themes: must be a list of themes"}));

}  // namespace
}  // namespace teamload::config
