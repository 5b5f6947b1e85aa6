#include "collectors/oops/reader.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::oops {
namespace {

TEST(OopsReaderTest, AMentionReadTwiceIsOneMentionWithTheLastText) {
  OopsReader reader(absl::UTCTimeZone());
  const InputFile day{InputFile::Kind::kSlackDay, "a/oops/2026-11-02.json",
                      "oops"};
  const std::string first =
      R"([{"type":"message","user":"U1","ts":"1793610900.000100","text":"v1"}])";
  const std::string edited =
      R"([{"type":"message","user":"U1","ts":"1793610900.000100","text":"v2",)"
      R"("edited":{"user":"U1","ts":"1793611000.000000"}}])";
  EXPECT_THAT(reader.Read(day, first), ::testing::IsEmpty());
  EXPECT_THAT(reader.Read(day, edited), ::testing::IsEmpty());
  ASSERT_EQ(reader.mentions().size(), 1u);
  EXPECT_EQ(reader.mentions()[0].text, "v2");
  EXPECT_EQ(reader.records(), 2);
  EXPECT_EQ(reader.newest(),
            absl::FromUnixSeconds(1'793'610'900) + absl::Microseconds(100));
}

TEST(OopsReaderTest, AWriteUpGetsItsKeyAndABadOneItsError) {
  OopsReader reader(absl::UTCTimeZone());
  const InputFile good{InputFile::Kind::kWriteUp, "/w/payments/a.md",
                       "payments/a.md"};
  EXPECT_THAT(
      reader.Read(good,
                  "---\ntitle: t\nteam: payments\ndate: 2026-11-02\n---\n"),
      ::testing::IsEmpty());
  const InputFile bad{InputFile::Kind::kWriteUp, "/w/b.md", "b.md"};
  const std::vector<RecordError> errors = reader.Read(bad, "no front matter");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where, "/w/b.md:1");
  ASSERT_EQ(reader.writeups().size(), 1u);
  EXPECT_EQ(reader.writeups()[0].key, "payments/a.md");
  EXPECT_EQ(reader.writeups()[0].file, "/w/payments/a.md");
  EXPECT_EQ(reader.records(), 1);
}

}  // namespace
}  // namespace teamload::collectors::oops
