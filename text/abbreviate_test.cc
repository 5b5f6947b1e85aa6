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

}  // namespace
}  // namespace teamload::text
