#include "collectors/common/csv_reader.h"

#include "collectors/common/timestamps.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

MATCHER_P2(Error, where, reason, "") {
  return arg.where == where && arg.reason == reason;
}

TEST(CsvReaderTest, ReadsQuotingEmbeddedNewlinesCrlfAndABom) {
  CsvFile file = ReadCsv(
      "\xEF\xBB\xBF"
      "Key,Summary,Note\r\n"
      "A-1,\"comma, inside\",\"say \"\"hi\"\"\"\r\n"
      "A-2,\"two\r\nlines\",plain\r\n"
      "\r\n"
      "A-3,,last\r\n",
      "x.csv");
  EXPECT_THAT(file.errors, IsEmpty());
  EXPECT_THAT(file.header, ElementsAre("Key", "Summary", "Note"));
  ASSERT_EQ(file.records.size(), 3u);
  EXPECT_EQ(file.records[0].line, 2);
  EXPECT_THAT(file.records[0].fields,
              ElementsAre("A-1", "comma, inside", "say \"hi\""));
  EXPECT_EQ(file.records[1].line, 3);
  EXPECT_THAT(file.records[1].fields,
              ElementsAre("A-2", "two\r\nlines", "plain"));
  EXPECT_EQ(file.records[2].line, 6) << "after a two-line record and a blank";
  EXPECT_THAT(file.records[2].fields, ElementsAre("A-3", "", "last"));
}

TEST(CsvReaderTest, KeepsRepeatedHeaderNames) {
  CsvFile file = ReadCsv(
      "Issue key,Sprint,Labels,Sprint,Sprint\nPAY-1,S1,x,S2,\n", "j.csv");
  ASSERT_THAT(file.errors, IsEmpty());
  EXPECT_THAT(file.Columns("Sprint"), ElementsAre(1u, 3u, 4u));
  EXPECT_EQ(file.Column("Sprint"), 1u);
  EXPECT_EQ(file.Column("Nope"), std::nullopt);
  EXPECT_EQ(file.AnyColumn({"Fix versions", "Labels"}), 2u);
  EXPECT_EQ(file.records[0].fields[3], "S2");
}

TEST(CsvReaderTest, ReportsBadRecordsByLineAndKeepsTheRest) {
  CsvFile file = ReadCsv(
      "a,b\n"
      "1,2\n"
      "3\n"               // short: values would land in the wrong columns
      "4,x\"y\n"          // a quote inside an unquoted field
      "5,\"\xff\xfe\"\n"  // not UTF-8
      "6,7\n",
      "f.csv");
  EXPECT_THAT(
      file.errors,
      ElementsAre(Error("f.csv:3", "has 1 fields where the header has 2"),
                  Error("f.csv:4",
                        "broken quoting (a quote inside an unquoted field, "
                        "or text after a closing quote)"),
                  Error("f.csv:5: column \"b\"",
                        "is not UTF-8 text (export the file as CSV UTF-8)")));
  ASSERT_EQ(file.records.size(), 2u);
  EXPECT_EQ(file.records[0].line, 2);
  EXPECT_EQ(file.records[1].line, 6);
  EXPECT_THAT(file.records[1].fields, ElementsAre("6", "7"));
}

TEST(CsvReaderTest, AQuoteNeverClosedCostsOnlyItsLine) {
  CsvFile file = ReadCsv("a,b\n1,\"open\n2,3\n4,5\n", "f.csv");
  EXPECT_THAT(file.errors, ElementsAre(Error("f.csv:2",
                                             "a quoted field opened on this "
                                             "line is never closed")));
  ASSERT_EQ(file.records.size(), 2u);
  EXPECT_EQ(file.records[0].line, 3);
  EXPECT_THAT(file.records[0].fields, ElementsAre("2", "3"));
  EXPECT_EQ(file.records[1].line, 4);
}

TEST(CsvReaderTest, AnEmptyFileHasNoHeader) {
  EXPECT_THAT(ReadCsv("", "e.csv").errors,
              ElementsAre(Error("e.csv", "no header row")));
  EXPECT_THAT(ReadCsv("\xEF\xBB\xBF\n\n", "e.csv").errors,
              ElementsAre(Error("e.csv", "no header row")));
  CsvFile header_only = ReadCsv("a,b", "h.csv");
  EXPECT_THAT(header_only.errors, IsEmpty());
  EXPECT_THAT(header_only.header, ElementsAre("a", "b"));
  EXPECT_THAT(header_only.records, IsEmpty());
}

TEST(TimestampsTest, ReadsAnInstanceFormatAndStillIso) {
  const std::string jira = "%d/%b/%y %I:%M %p";
  absl::TimeZone berlin;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &berlin));
  // 2022-04-24 16:41 in Berlin (CEST, +02:00) is 14:41 UTC.
  EXPECT_EQ(*ParseTimestampAs("24/Apr/22 4:41 PM", jira, berlin),
            absl::FromUnixSeconds(1'650'811'260));
  EXPECT_EQ(*ParseTimestampAs("2022-04-24T14:41:00Z", jira, berlin),
            absl::FromUnixSeconds(1'650'811'260));
  EXPECT_EQ(ParseTimestampAs("someday", jira, berlin).status().message(),
            "\"someday\" is not a timestamp (%d/%b/%y %I:%M %p, RFC 3339, or "
            "epoch milliseconds or nanoseconds)");
}

}  // namespace
}  // namespace teamload::collectors
