#include "daemon/themes/features.h"

#include "gtest/gtest.h"

namespace teamload::themes {
namespace {

TEST(FeaturesTest, LowerCasesAndMarksWordsInsideANegationUpToPunctuation) {
  EXPECT_EQ(Features("I'm NOT tired, just busy."),
            "i'm not not_tired just busy");
}

TEST(FeaturesTest, OpensContractionsWithAndWithoutTheirApostrophe) {
  EXPECT_EQ(Features("I don't dread it"), "i do not not_dread not_it");
  EXPECT_EQ(Features("i dont dread it"), "i do not not_dread not_it");
  EXPECT_EQ(Features("I can't speak up"), "i can not not_speak not_up");
  EXPECT_EQ(Features("I cannot speak up"), "i can not not_speak not_up");
  EXPECT_EQ(Features("it won\u2019t stop"), "it will not not_stop");
}

TEST(FeaturesTest, AContrastEndsTheScope) {
  EXPECT_EQ(Features("not tired but the docs are gone"),
            "not not_tired but the docs are gone");
  EXPECT_EQ(Features("never blamed, though scared"),
            "never not_blamed though scared");
}

TEST(FeaturesTest, HedgesThatSaySomethingIsOverOpenAScope) {
  EXPECT_EQ(Features("no longer scared of deploys"),
            "no longer not_scared not_of not_deploys");
  EXPECT_EQ(Features("I used to dread the pager"),
            "i used to not_dread not_the not_pager");
}

TEST(FeaturesTest, KeepsUtf8InsideWordsAndDropsStrayQuotes) {
  EXPECT_EQ(Features("'Müde' ist nicht gut"), "müde ist nicht gut");
  EXPECT_EQ(Features(""), "");
  EXPECT_EQ(Features("!!! ..."), "");
}

}  // namespace
}  // namespace teamload::themes
