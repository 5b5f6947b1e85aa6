#include "text/abbreviate.h"

#include <string>

#include "gtest/gtest.h"

namespace teamload::text {
namespace {

TEST(AbbreviatedTest, KeepsShortTextAndCutsLongTextSayingHowLong) {
  EXPECT_EQ(Abbreviated("payments"), "payments");
  EXPECT_EQ(Abbreviated(std::string(128, 't')), std::string(128, 't'));
  EXPECT_EQ(Abbreviated(std::string(65536, 't')),
            std::string(128, 't') + "... (65536 bytes)");
}

TEST(AbbreviatedTest, NeverCutsACharacterInTwo) {
  // "é" is two bytes: a cut at 3 would split the second one.
  EXPECT_EQ(Abbreviated("\xc3\xa9\xc3\xa9\xc3\xa9", 3),
            "\xc3\xa9... (6 bytes)");
}

TEST(ShortenedTest, KeepsTextThatFitsAndCutsByCharactersNotBytes) {
  EXPECT_EQ(Shortened("reorg", 5), "reorg");
  EXPECT_EQ(Shortened("", 1), "");
  EXPECT_EQ(Shortened("reorgs", 5), "reor…");
  // Five characters, ten bytes: they fit.
  EXPECT_EQ(Shortened("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5),
            "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
  // Four-byte characters are kept whole.
  EXPECT_EQ(Shortened("\xf0\x9f\x9a\x80\xf0\x9f\x9a\x80\xf0\x9f\x9a\x80", 2),
            "\xf0\x9f\x9a\x80…");
  EXPECT_EQ(Shortened("abc", 1), "…");
}

TEST(CharactersTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(Characters(""), 0u);
  EXPECT_EQ(Characters("3–5"), 3u);  // the dash is three bytes
  EXPECT_EQ(Characters("\xf0\x9f\x9a\x80!"), 2u);
}

TEST(FirstCharactersTest, CutsBetweenCharacters) {
  EXPECT_EQ(FirstCharacters("3–5 notes", 3), "3–5");
  EXPECT_EQ(FirstCharacters("abc", 0), "");
  EXPECT_EQ(FirstCharacters("abc", 5), "abc");
}

TEST(ShortenedTest, DropsTheSpacesBeforeTheEllipsis) {
  EXPECT_EQ(Shortened("two words", 5), "two…");
}

}  // namespace
}  // namespace teamload::text
