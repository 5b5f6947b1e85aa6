#include "collectors/oops/signals.h"

#include "absl/strings/str_cat.h"
#include "collectors/common/inputs.h"
#include "collectors/common/testing.h"
#include "collectors/oops/inputs.h"
#include "collectors/oops/reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::oops {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr absl::Duration kGrace = absl::Hours(24 * 14);

// Everything in tests/fixtures/oops, read the way teamload-oops reads it.
OopsReader ReadFixtures() {
  OopsReader reader(absl::UTCTimeZone());
  std::vector<RecordError> errors;
  for (const InputFile& input :
       ListInputs({std::string(TEAMLOAD_FIXTURES) + "/writeups",
                   std::string(TEAMLOAD_FIXTURES) + "/slack"},
                  errors)) {
    std::string text;
    EXPECT_TRUE(ReadFile(input.path, text));
    EXPECT_THAT(reader.Read(input, text), IsEmpty()) << input.path;
  }
  EXPECT_THAT(errors, IsEmpty());
  return reader;
}

int64_t Seconds(const google::protobuf::Timestamp& t) { return t.seconds(); }

TEST(OopsSignalsTest, TheFixturesGiveOneSignalPerNearMiss) {
  const OopsReader read = ReadFixtures();
  ASSERT_EQ(read.mentions().size(), 4u);  // 2 payments, 1 search, 1 random
  ASSERT_EQ(read.writeups().size(), 3u);
  EXPECT_EQ(read.records(), 7);
  EXPECT_EQ(read.not_mentions(), 4);
  EXPECT_EQ(read.newest(), absl::FromUnixSeconds(1'794'268'800));
  EXPECT_EQ(read.writeups()[0].key, "payments/2026-11-refund-ran-twice.md");
  const OopsSignals out = BuildSignals(
      read.mentions(), read.writeups(), read.channels(), testing::Mapping(),
      kGrace, absl::FromUnixSeconds(1'794'268'800));  // 11-10
  EXPECT_THAT(out.errors, IsEmpty());
  EXPECT_THAT(out.notes, IsEmpty());
  EXPECT_THAT(out.unmapped,
              ElementsAre("1 mention in #random (the channel is not in the "
                          "mapping's oops.channels)"));
  EXPECT_EQ(out.unmapped_records, 1);
  EXPECT_EQ(out.by_reference, 1);
  EXPECT_EQ(out.by_team_date_and_title, 1);
  EXPECT_EQ(out.writeups_alone, 1);
  EXPECT_EQ(out.unwritten, 1);
  EXPECT_EQ(out.unwritten_past_grace, 0) << "7 days old on 11-10";
  ASSERT_EQ(out.signals.size(), 4u);

  const v1::Signal& alone = out.signals[0];
  EXPECT_EQ(alone.id(), "oops:payments/expired-cert-staging.md");
  EXPECT_EQ(alone.team(), "payments");
  EXPECT_EQ(alone.source(), "oops");
  EXPECT_EQ(Seconds(alone.occurred_at()), 1'792'454'400);  // 2026-10-20
  EXPECT_EQ(alone.oops().title(), "Staging certificate expired unnoticed");
  EXPECT_EQ(alone.oops().summary(),
            "Nobody was alerted when the staging certificate expired.");
  EXPECT_EQ(Seconds(alone.oops().written_up_at()), 1'792'454'400);
  EXPECT_EQ(alone.oops().writeup_url(), "payments/expired-cert-staging.md");

  const v1::Signal& refund = out.signals[1];
  EXPECT_EQ(refund.id(), "slack:oops-payments:1793610900.000100");
  EXPECT_EQ(refund.team(), "payments");
  EXPECT_EQ(refund.source(), "oops");
  EXPECT_EQ(Seconds(refund.occurred_at()), 1'793'610'900);
  EXPECT_EQ(refund.occurred_at().nanos(), 100'000);
  EXPECT_EQ(refund.oops().title(), "Refund job ran twice against the ledger");
  EXPECT_EQ(refund.oops().summary(),
            "The nightly refund job started twice after a scheduler "
            "failover; the second run was stopped by the ledger's "
            "idempotency check before any money moved.");
  EXPECT_EQ(Seconds(refund.oops().written_up_at()), 1'793'980'800);
  EXPECT_EQ(refund.oops().writeup_url(),
            "https://wiki.example.com/oops/refund-ran-twice");

  const v1::Signal& unwritten = out.signals[2];
  EXPECT_EQ(unwritten.id(), "slack:oops-payments:1793714520.000200");
  EXPECT_EQ(unwritten.team(), "payments");
  EXPECT_EQ(Seconds(unwritten.occurred_at()), 1'793'714'520);
  EXPECT_EQ(unwritten.oops().title(),
            "near miss: the deploy pipeline almost pushed the staging config "
            "to prod, caught at the diff step");
  EXPECT_EQ(unwritten.oops().summary(), unwritten.oops().title());
  EXPECT_FALSE(unwritten.oops().has_written_up_at());
  EXPECT_EQ(unwritten.oops().writeup_url(), "");

  const v1::Signal& reindex = out.signals[3];
  EXPECT_EQ(reindex.id(), "slack:oops-search:1793788200.000600");
  EXPECT_EQ(reindex.team(), "search");
  EXPECT_EQ(Seconds(reindex.occurred_at()), 1'793'788'200);
  EXPECT_EQ(reindex.oops().title(),
            "Reindex almost dropped the products index");
  EXPECT_EQ(Seconds(reindex.oops().written_up_at()), 1'794'268'800);
  EXPECT_EQ(reindex.oops().writeup_url(), "search/reindex-alias.md");

  // Three weeks on, the unwritten mention is past the grace period.
  EXPECT_EQ(BuildSignals(read.mentions(), read.writeups(), read.channels(),
                         testing::Mapping(), kGrace,
                         absl::FromUnixSeconds(1'793'714'521) + kGrace)
                .unwritten_past_grace,
            1);
}

TEST(OopsSignalsTest, AMentionNobodyWroteUpHasItsFirstLineAsTitle) {
  const std::vector<Mention> mentions = {
      {"oops-payments", "1793610900.000100",
       absl::FromUnixSeconds(1'793'610'900),
       "oops: refund ran twice &amp; <https://x|the runbook> was wrong\nmore"}};
  const OopsSignals out = BuildSignals(mentions, {}, {}, testing::Mapping(),
                                       kGrace, absl::InfinitePast());
  ASSERT_EQ(out.signals.size(), 1u);
  EXPECT_EQ(out.signals[0].oops().title(),
            "oops: refund ran twice & the runbook was wrong");
  EXPECT_EQ(out.signals[0].oops().summary(),
            "oops: refund ran twice & the runbook was wrong\nmore");
}

WriteUp Refers(const std::string& key, const std::string& team,
               const std::string& slack, absl::Time written_up) {
  WriteUp w;
  w.key = key;
  w.file = "w/" + key;
  w.title = "Refund ran twice";
  w.team = team;
  w.date = absl::FromUnixSeconds(1'793'610'900);
  w.written_up = written_up;
  w.slack = slack;
  w.slack_line = 4;
  return w;
}

TEST(OopsSignalsTest, AnUnknownTeamChangesNothingAndIsNamed) {
  const absl::Time t = absl::FromUnixSeconds(1'793'610'900);
  const std::vector<Mention> mentions = {
      {"oops-payments", "1793610900.000100", t, "refund ran twice"}};
  const OopsSignals out = BuildSignals(
      mentions,
      {Refers("a.md", "paymnets", "oops-payments/1793610900.000100", t)}, {},
      testing::Mapping(), kGrace, t);
  EXPECT_THAT(out.unmapped,
              ElementsAre("write-up w/a.md (team \"paymnets\" is not in the "
                          "mapping's oops.teams)"));
  EXPECT_EQ(out.unmapped_records, 1);
  ASSERT_EQ(out.signals.size(), 1u);
  EXPECT_FALSE(out.signals[0].oops().has_written_up_at())
      << "the mention stays unwritten";
}

TEST(OopsSignalsTest, TwoWriteUpsOfOneMentionCountOnce) {
  const absl::Time t = absl::FromUnixSeconds(1'793'610'900);
  const std::vector<Mention> mentions = {
      {"oops-payments", "1793610900.000100", t, "refund ran twice"}};
  const std::string ref = "oops-payments/1793610900.000100";
  const OopsSignals out =
      BuildSignals(mentions,
                   {Refers("b.md", "payments", ref, t + absl::Hours(50)),
                    Refers("a.md", "pay", ref, t + absl::Hours(30))},
                   {}, testing::Mapping(), kGrace, t);
  ASSERT_EQ(out.signals.size(), 1u);
  EXPECT_EQ(out.signals[0].id(), "slack:oops-payments:1793610900.000100");
  EXPECT_EQ(Seconds(out.signals[0].oops().written_up_at()),
            1'793'610'900 + 30 * 3600);
  EXPECT_THAT(out.notes,
              ElementsAre("w/b.md writes up slack:oops-payments:1793610900."
                          "000100, already written up by w/a.md: not counted "
                          "again"));
  EXPECT_EQ(out.by_reference, 1);
}

TEST(OopsSignalsTest, AReferenceToAMentionNotReadKeepsItsId) {
  // The write-up names a mention in a channel no team maps and that the
  // export read lacks: the same id the export would give, the write-up's
  // team, the time the ts says.
  const absl::Time t = absl::FromUnixSeconds(1'793'610'900);
  const OopsSignals out = BuildSignals(
      {}, {Refers("a.md", "search", "#general/1790000000.000001", t)}, {},
      testing::Mapping(), kGrace, t);
  ASSERT_EQ(out.signals.size(), 1u);
  EXPECT_EQ(out.signals[0].id(), "slack:general:1790000000.000001");
  EXPECT_EQ(out.signals[0].team(), "search");
  EXPECT_EQ(Seconds(out.signals[0].occurred_at()), 1'790'000'000);
  EXPECT_EQ(out.signals[0].occurred_at().nanos(), 1000);
  EXPECT_EQ(Seconds(out.signals[0].oops().written_up_at()), 1'793'610'900);
  EXPECT_THAT(out.unmapped, IsEmpty());

  const OopsSignals bad =
      BuildSignals({}, {Refers("a.md", "search", "general", t)}, {},
                   testing::Mapping(), kGrace, t);
  EXPECT_THAT(bad.signals, IsEmpty());
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].where, "w/a.md:4");
}

}  // namespace
}  // namespace teamload::collectors::oops
