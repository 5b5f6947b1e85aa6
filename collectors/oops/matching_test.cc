#include "collectors/oops/matching.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::oops {
namespace {

using ::testing::HasSubstr;

constexpr absl::Duration kDay = absl::Hours(24);
constexpr absl::Duration kGrace = absl::Hours(24 * 14);
const absl::Time kT0 = absl::FromUnixSeconds(1'793'610'900);  // 2026-11-02

Mention At(absl::Time posted_at, std::string text,
           std::string channel = "oops-payments") {
  return {std::move(channel),
          absl::StrCat(absl::ToUnixSeconds(posted_at), ".000100"), posted_at,
          std::move(text)};
}

WriteUp Titled(std::string key, std::string title, absl::Time date,
               std::string slack = "") {
  WriteUp w;
  w.key = key;
  w.file = "writeups/" + key;
  w.title = std::move(title);
  w.team = "payments";
  w.date = date;
  w.written_up = date + kDay;
  w.slack = std::move(slack);
  w.slack_line = 5;
  return w;
}

// All mentions and write-ups of team payments.
std::vector<WriteUpMatch> Match(const std::vector<Mention>& mentions,
                                const std::vector<WriteUp>& writeups,
                                const std::vector<Channel>& channels = {}) {
  return MatchWriteUps(
      mentions, std::vector<std::string>(mentions.size(), "payments"), writeups,
      std::vector<std::string>(writeups.size(), "payments"), channels, kGrace);
}

TEST(MatchingTest, ASlackReferenceWinsOverABetterTitle) {
  const std::vector<Mention> mentions = {At(kT0, "refund job ran twice"),
                                         At(kT0 + kDay, "cache warmed late")};
  const std::vector<WriteUp> writeups = {
      Titled("a.md", "Refund job ran twice", kT0,
             absl::StrCat("oops-payments/", mentions[1].ts))};
  const std::vector<WriteUpMatch> m = Match(mentions, writeups);
  EXPECT_EQ(m[0].by, MatchedBy::kSlackReference);
  EXPECT_EQ(m[0].mention, 1);
  EXPECT_EQ(m[0].mention_key, absl::StrCat("oops-payments:", mentions[1].ts));
}

TEST(MatchingTest, PermalinksNeedChannelsJson) {
  const std::vector<Mention> mentions = {At(kT0, "refund job ran twice")};
  const std::vector<WriteUp> writeups = {
      Titled("a.md", "x", kT0,
             "https://example.slack.com/archives/C0PAYOOPS/p1793610900000100")};
  std::vector<WriteUpMatch> m =
      Match(mentions, writeups, {{"C0PAYOOPS", "oops-payments"}});
  EXPECT_EQ(m[0].by, MatchedBy::kSlackReference);
  EXPECT_EQ(m[0].mention, 0);

  m = Match(mentions, writeups);
  EXPECT_EQ(m[0].by, MatchedBy::kNothing);
  ASSERT_TRUE(m[0].error.has_value());
  EXPECT_EQ(m[0].error->where, "writeups/a.md:5");
  EXPECT_THAT(m[0].error->reason,
              HasSubstr("the permalink's channel C0PAYOOPS is in no "
                        "channels.json read"));
}

TEST(MatchingTest, AReferenceToAMentionNotReadStillNamesIt) {
  const std::vector<WriteUpMatch> m =
      Match({}, {Titled("a.md", "x", kT0, "#oops-payments/1790000000.000001")});
  EXPECT_EQ(m[0].by, MatchedBy::kSlackReference);
  EXPECT_EQ(m[0].mention, -1);
  EXPECT_EQ(m[0].mention_key, "oops-payments:1790000000.000001");
}

TEST(MatchingTest, TwoWriteUpsNamingOneMentionTheFirstWrittenUpCounts) {
  const std::vector<Mention> mentions = {At(kT0, "refund job ran twice")};
  const std::string ref = absl::StrCat("oops-payments/", mentions[0].ts);
  WriteUp late = Titled("a.md", "Refunds, part 2", kT0, ref);
  late.written_up = kT0 + 9 * kDay;
  WriteUp early = Titled("b.md", "Refund job ran twice", kT0, ref);
  early.written_up = kT0 + 3 * kDay;
  const std::vector<WriteUpMatch> m = Match(mentions, {late, early});
  EXPECT_EQ(m[1].mention, 0);
  EXPECT_EQ(m[1].first_writeup, -1);
  EXPECT_EQ(m[0].mention, 0);
  EXPECT_EQ(m[0].first_writeup, 1);
}

TEST(MatchingTest, WithoutAReferenceTheMostSharedTitleWordsWin) {
  const std::vector<Mention> mentions = {
      At(kT0, "the refund job stalled"),
      At(kT0 + kDay, "refund job ran twice against the ledger"),
  };
  const std::vector<WriteUpMatch> m =
      Match(mentions, {Titled("a.md", "Refund job ran twice", kT0)});
  EXPECT_EQ(m[0].by, MatchedBy::kTeamDateAndTitle);
  EXPECT_EQ(m[0].mention, 1) << "4 shared words against 2";
}

TEST(MatchingTest, OnATieTheMentionClosestToTheDateWins) {
  const std::vector<Mention> mentions = {
      At(kT0 - kDay, "ledger drift"),
      At(kT0 + 3 * kDay, "ledger drift again"),
      At(kT0 + 2 * kDay, "ledger drift once more"),
  };
  const std::vector<WriteUpMatch> m =
      Match(mentions, {Titled("a.md", "Ledger drift", kT0 + 2 * kDay)});
  EXPECT_EQ(m[0].mention, 2);
  // Equally close on both sides: the earlier one.
  const std::vector<WriteUpMatch> tie =
      Match({mentions[1], At(kT0 + kDay, "ledger drift")},
            {Titled("a.md", "Ledger drift", kT0 + 2 * kDay)});
  EXPECT_EQ(tie[0].mention, 1);
}

TEST(MatchingTest, NoSharedWordOrOutsideTheWindowIsNoMatch) {
  const Mention mention = At(kT0, "refund job ran twice");
  const auto matched = [&](const WriteUp& w) {
    return Match({mention}, {w})[0].by == MatchedBy::kTeamDateAndTitle;
  };
  EXPECT_FALSE(matched(Titled("a.md", "Cache warmed late", kT0)));
  EXPECT_FALSE(matched(Titled("a.md", "Oops: near miss", kT0)))
      << "common words do not count";
  EXPECT_TRUE(matched(Titled("a.md", "Refund twice", kT0 + kGrace)));
  EXPECT_FALSE(
      matched(Titled("a.md", "Refund twice", kT0 + kGrace + absl::Seconds(1))));
  EXPECT_TRUE(matched(Titled("a.md", "Refund twice", kT0 - 2 * kDay)));
  EXPECT_FALSE(matched(Titled("a.md", "Refund twice", kT0 - 3 * kDay)));
  // Another team's mention.
  EXPECT_EQ(MatchWriteUps({mention}, {"search"},
                          {Titled("a.md", "Refund twice", kT0)}, {"payments"},
                          {}, kGrace)[0]
                .by,
            MatchedBy::kNothing);
  // A write-up of an unmapped team matches nothing.
  EXPECT_EQ(
      MatchWriteUps({mention}, {""}, {Titled("a.md", "Refund twice", kT0)},
                    {""}, {}, kGrace)[0]
          .by,
      MatchedBy::kNothing);
}

TEST(MatchingTest, AMentionIsWrittenUpOnceTheEarlierDateChoosesFirst) {
  const std::vector<Mention> mentions = {
      At(kT0, "refund job ran twice"),
      At(kT0 + kDay, "refund report late"),
  };
  // The explicit reference claims mention 0 before anyone guesses.
  const std::vector<WriteUp> writeups = {
      Titled("z.md", "Refund job ran twice", kT0 + kDay),
      Titled("y.md", "Refund report", kT0 + 5 * kDay),
      Titled("x.md", "Anything", kT0,
             absl::StrCat("oops-payments/", mentions[0].ts)),
  };
  std::vector<WriteUpMatch> m = Match(mentions, writeups);
  EXPECT_EQ(m[2].mention, 0);
  EXPECT_EQ(m[0].mention, 1) << "dated first, takes the one left";
  EXPECT_EQ(m[1].by, MatchedBy::kNothing) << "nothing left: its own oops";

  // The same inputs in another order give the same pairs.
  std::vector<WriteUp> reversed(writeups.rbegin(), writeups.rend());
  std::vector<WriteUpMatch> r = Match({mentions[1], mentions[0]}, reversed);
  EXPECT_EQ(r[0].mention_key, m[2].mention_key);
  EXPECT_EQ(r[2].mention_key, m[0].mention_key);
  EXPECT_EQ(r[1].by, MatchedBy::kNothing);
}

TEST(MatchingTest, SharedWordsFoldCaseAndSkipShortAndCommonWords) {
  EXPECT_EQ(SharedWords("The DB failover, oops!", "oops the db FAILOVER"), 1);
  EXPECT_EQ(SharedWords("Déploiement raté", "déploiement raté hier"), 2);
}

}  // namespace
}  // namespace teamload::collectors::oops
