#include "text/controls.h"

#include <string>

#include "gtest/gtest.h"

namespace teamload::text {
namespace {

struct Case {
  std::string name;
  std::string input;
  std::string shown;
};

class ShowControlsTest : public testing::TestWithParam<Case> {};

TEST_P(ShowControlsTest, ShowsEveryControlEscaped) {
  EXPECT_EQ(ShowControls(GetParam().input), GetParam().shown);
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, ShowControlsTest,
    testing::Values(
        Case{"plain", "Checkout latency p99 > 2s", "Checkout latency p99 > 2s"},
        Case{"utf8_kept", "Zürich – 東京 🚀", "Zürich – 東京 🚀"},
        Case{"clear_screen_and_title", "db\x1b[2J\x1b]0;pwned\x07 down",
             "db\\x1b[2J\\x1b]0;pwned\\x07 down"},
        Case{"carriage_return_overwrites", "ok\rFAILED", "ok\\rFAILED"},
        Case{"newline_tab", "a\nb\tc", "a\\nb\\tc"},
        Case{"nul_and_del", std::string("a\0b\x7f", 4), "a\\x00b\\x7f"},
        Case{"c1_csi",
             "a\xc2\x9b"
             "31mb",
             "a\\u009b31mb"},
        Case{"bidi_override", "invoice \xe2\x80\xaegpj.exe",
             "invoice \\u202egpj.exe"},
        Case{"bidi_isolates", "\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069"},
        Case{"lone_8bit_csi",
             "a\x9b"
             "31mb",
             "a\\x9b31mb"},
        Case{"truncated_sequence", "caf\xc3", "caf\\xc3"},
        Case{"overlong_slash", "\xc0\xaf", "\\xc0\\xaf"},
        Case{"surrogate", "\xed\xa0\x80", "\\xed\\xa0\\x80"}),
    [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(ShowControls, KeepsNewlinesInProseWhenAsked) {
  EXPECT_EQ(ShowControls("line one\nline\x1b two\r\n", Newlines::kKeep),
            "line one\nline\\x1b two\\r\n");
}

}  // namespace
}  // namespace teamload::text
