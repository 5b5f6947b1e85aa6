#include "collectors/synthetic/generator.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "daemon/analysis/time_bands.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace teamload::synthetic {
namespace {

using teamload::v1::Signal;

const absl::Time kEnd =
    absl::FromCivil(absl::CivilDay(2026, 11, 27), absl::UTCTimeZone());
constexpr int kWeeks = 12;
constexpr int kSeeds = 25;  // every shape must hold for each of these seeds

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

// Week k is the 7 days ending k weeks before the end.
int WeekOf(const Signal& signal) {
  absl::Duration remainder;
  return static_cast<int>(absl::IDivDuration(
      kEnd - TimeOf(signal.occurred_at()), absl::Hours(24 * 7), &remainder));
}

bool InSleepHours(const Signal& signal, const std::string& timezone) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(timezone, &zone));
  return analysis::BandOf(TimeOf(signal.occurred_at()), zone) ==
         analysis::TimeBand::kSleep;
}

TeamSpec Team(Archetype archetype, std::string timezone = "Europe/Berlin") {
  return {absl::StrCat(ArchetypeName(archetype), "-1"), archetype,
          std::move(timezone), 5};
}

History GenerateFor(Archetype archetype, uint64_t seed = 1,
                    const std::string& timezone = "Europe/Berlin") {
  return Generate(Team(archetype, timezone),
                  {.weeks = kWeeks, .end = kEnd, .seed = seed});
}

// The history as teamload-synth prints it.
std::string Json(const History& history) {
  std::string all;
  const auto append = [&](const google::protobuf::Message& message) {
    std::string line;
    EXPECT_TRUE(
        google::protobuf::util::MessageToJsonString(message, &line).ok());
    absl::StrAppend(&all, line, "\n");
  };
  for (const Signal& signal : history.signals) append(signal);
  for (const auto& coverage : history.coverage) append(coverage);
  return all;
}

std::vector<int> PagesPerWeek(const History& history) {
  std::vector<int> pages(kWeeks, 0);
  for (const Signal& signal : history.signals) {
    if (signal.has_page()) ++pages[WeekOf(signal)];
  }
  return pages;
}

int Median(std::vector<int> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// The last revision of every deferral id, in first-seen order.
std::vector<Signal> FinalDeferrals(const History& history) {
  std::vector<Signal> finals;
  std::map<std::string, size_t> index;
  for (const Signal& signal : history.signals) {
    if (!signal.has_deferral()) continue;
    auto [it, added] = index.emplace(signal.id(), finals.size());
    if (added) {
      finals.push_back(signal);
    } else {
      finals[it->second] = signal;
    }
  }
  return finals;
}

// Items first deferred and not yet resolved at the end of each of the last
// eight weeks, oldest first.
std::vector<int> OpenAtEndOfLastEightWeeks(const std::vector<Signal>& finals) {
  std::vector<int> open;
  for (int week = 7; week >= 0; --week) {
    const absl::Time t = kEnd - absl::Hours(24 * 7) * week;
    open.push_back(static_cast<int>(
        std::count_if(finals.begin(), finals.end(), [&](const Signal& item) {
          return TimeOf(item.occurred_at()) <= t &&
                 (!item.deferral().resolved() ||
                  TimeOf(item.deferral().resolved_at()) > t);
        })));
  }
  return open;
}

absl::Time LastCoverage(const History& history, absl::string_view source) {
  absl::Time last = absl::InfinitePast();
  for (const auto& coverage : history.coverage) {
    if (coverage.source() == source) {
      last = std::max(last, TimeOf(coverage.covered_through()));
    }
  }
  return last;
}

TEST(GenerateTest, IsByteIdenticalForTheSameInputsAndDiffersForAnotherSeed) {
  for (const Archetype archetype : AllArchetypes()) {
    SCOPED_TRACE(ArchetypeName(archetype));
    const std::string first = Json(GenerateFor(archetype, 7));
    EXPECT_EQ(first, Json(GenerateFor(archetype, 7)));
    EXPECT_NE(first, Json(GenerateFor(archetype, 8)));
    // Another team of the same archetype is not this one renamed.
    TeamSpec other = Team(archetype);
    other.name = "other-2";
    EXPECT_NE(
        absl::StrReplaceAll(
            Json(Generate(other, {.weeks = kWeeks, .end = kEnd, .seed = 7})),
            {{"other-2", Team(archetype).name}}),
        first);
  }
}

TEST(GenerateTest, EverySignalIsValidSortedAndNotInTheFuture) {
  const absl::Time y2000 =
      absl::FromCivil(absl::CivilDay(2000, 1, 1), absl::UTCTimeZone());
  for (const std::string timezone : {"Europe/Berlin", "America/New_York",
                                     "Asia/Kolkata", "America/Los_Angeles"}) {
    for (const Archetype archetype : AllArchetypes()) {
      SCOPED_TRACE(absl::StrCat(ArchetypeName(archetype), " ", timezone));
      const History history = GenerateFor(archetype, 11, timezone);
      const std::vector<std::string> sources = ExpectedSources(archetype);
      ASSERT_FALSE(history.signals.empty());
      absl::Time previous = absl::InfinitePast();
      for (const Signal& signal : history.signals) {
        SCOPED_TRACE(signal.id());
        EXPECT_FALSE(signal.id().empty());
        EXPECT_EQ(signal.team(), Team(archetype).name);
        EXPECT_THAT(sources, testing::Contains(signal.source()));
        EXPECT_TRUE(absl::StartsWith(signal.id(), signal.source() + ":"));
        const absl::Time at = TimeOf(signal.occurred_at());
        EXPECT_GT(at, y2000);
        EXPECT_LE(at, kEnd);
        EXPECT_GE(at, previous) << "not sorted by occurred_at";
        previous = at;
        EXPECT_NE(signal.kind_case(), Signal::KIND_NOT_SET);
        if (signal.has_survey_note()) {
          EXPECT_GE(signal.survey_note().score(), 0);
          EXPECT_LE(signal.survey_note().score(), 5);
          EXPECT_FALSE(signal.survey_note().text().empty());
        }
        if (signal.has_oops() && signal.oops().has_written_up_at()) {
          EXPECT_GE(TimeOf(signal.oops().written_up_at()), at);
          EXPECT_LE(TimeOf(signal.oops().written_up_at()), kEnd);
        }
        if (signal.has_deferral() && signal.deferral().resolved()) {
          ASSERT_TRUE(signal.deferral().has_resolved_at());
          EXPECT_GT(TimeOf(signal.deferral().resolved_at()), at);
          EXPECT_LE(TimeOf(signal.deferral().resolved_at()), kEnd);
        }
        if (signal.has_migration() && signal.migration().has_finished_at()) {
          EXPECT_GE(TimeOf(signal.migration().finished_at()), at);
          EXPECT_LE(TimeOf(signal.migration().finished_at()), kEnd);
        }
        if (signal.has_deploy()) {
          EXPECT_GT(signal.deploy().lead_time().seconds(), 0);
        }
        if (signal.has_page()) {
          EXPECT_GE(signal.page().time_to_ack().seconds(), 60);
          EXPECT_LE(signal.page().time_to_ack().seconds(), 20 * 60);
        }
      }
      for (const auto& coverage : history.coverage) {
        EXPECT_LE(TimeOf(coverage.covered_through()), kEnd);
        EXPECT_GT(TimeOf(coverage.covered_through()), y2000);
      }
    }
  }
}

TEST(GenerateTest, EverySourceSendsADailyHeartbeatEndingAtTheEnd) {
  const History history = GenerateFor(Archetype::kSteady);
  EXPECT_EQ(history.coverage.size(), 4u * 7 * kWeeks);
  for (const std::string& source : ExpectedSources(Archetype::kSteady)) {
    EXPECT_EQ(LastCoverage(history, source), kEnd) << source;
  }
  EXPECT_EQ(TimeOf(history.coverage.front().covered_through()),
            kEnd - absl::Hours(24) * (7 * kWeeks - 1));
}

TEST(GenerateTest, SteadyPagesLightlyWritesUpEveryOopsAndIsContent) {
  absl::TimeZone zone;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &zone));
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE(seed);
    const History history = GenerateFor(Archetype::kSteady, seed);
    for (const int pages : PagesPerWeek(history)) {
      EXPECT_GE(pages, 4);
      EXPECT_LE(pages, 6);
    }
    std::vector<int> sleep(kWeeks, 0);
    std::map<int64_t, int> per_shift;  // 12-hour shifts from 08:00 local
    int oopses = 0;
    for (const Signal& signal : history.signals) {
      if (signal.has_page()) {
        if (InSleepHours(signal, "Europe/Berlin")) {
          EXPECT_LE(++sleep[WeekOf(signal)], 1);
        }
        EXPECT_LE(
            ++per_shift[analysis::ShiftOf(TimeOf(signal.occurred_at()), zone)],
            2)
            << signal.id();
      }
      if (signal.has_survey_note() && signal.survey_note().score() > 0) {
        EXPECT_GE(signal.survey_note().score(), 3) << signal.id();
      }
      if (!signal.has_oops()) continue;
      ++oopses;
      EXPECT_TRUE(signal.oops().has_written_up_at()) << signal.id();
      EXPECT_FALSE(signal.oops().writeup_url().empty()) << signal.id();
    }
    EXPECT_EQ(oopses, kWeeks / 2);
  }
}

TEST(GenerateTest, SteadyKeepsTwoOrThreeItemsDeferredOnceWithoutATrend) {
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE(seed);
    const std::vector<Signal> finals =
        FinalDeferrals(GenerateFor(Archetype::kSteady, seed));
    int resolved = 0;
    for (const Signal& item : finals) {
      EXPECT_EQ(item.deferral().times_deferred(), 1) << item.id();
      resolved += item.deferral().resolved();
    }
    EXPECT_GE(resolved, 2);
    const std::vector<int> open = OpenAtEndOfLastEightWeeks(finals);
    EXPECT_THAT(open.back(), testing::AllOf(testing::Ge(2), testing::Le(3)));
    EXPECT_THAT(open,
                testing::Each(testing::AllOf(testing::Ge(1), testing::Le(4))));
    EXPECT_FALSE(std::is_sorted(open.begin(), open.end()) &&
                 open.front() < open.back())
        << testing::PrintToString(open);
  }
}

TEST(GenerateTest, PagerSurgeBurstsInTheLastWeekAndAtNight) {
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE(seed);
    const History history =
        GenerateFor(Archetype::kPagerSurge, seed, "Asia/Kolkata");
    std::vector<int> pages = PagesPerWeek(history);
    EXPECT_GE(pages[0], 14);
    const auto night = std::count_if(
        history.signals.begin(), history.signals.end(), [](const Signal& s) {
          return s.has_page() && WeekOf(s) == 0 &&
                 InSleepHours(s, "Asia/Kolkata");
        });
    EXPECT_GE(night, 5);
    EXPECT_LE(Median({pages.begin() + 1, pages.end()}), 6);
  }
}

TEST(GenerateTest, PagerSurgeComesWithAlertStormsInItsLastWeekOnly) {
  int storms = 0;
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE(seed);
    const History history = GenerateFor(Archetype::kPagerSurge, seed);
    std::map<std::string, absl::Time> at;
    for (const Signal& signal : history.signals) {
      if (signal.has_page()) at[signal.id()] = TimeOf(signal.occurred_at());
    }
    for (const Signal& signal : history.signals) {
      if (!signal.has_page()) continue;
      // "pagerduty:pager_surge-1-12-2" follows "pagerduty:pager_surge-1-12"
      // (or "-12-2") by 5 to 50 s, in the last week.
      const std::string& id = signal.id();
      const std::string prefix = "pagerduty:pager_surge-1-";
      const size_t dash = id.rfind('-');
      if (dash < prefix.size()) continue;
      ++storms;
      const int k = std::stoi(id.substr(dash + 1));
      const std::string before =
          k == 2 ? id.substr(0, dash)
                 : absl::StrCat(id.substr(0, dash), "-", k - 1);
      ASSERT_TRUE(at.contains(before)) << id;
      const absl::Duration gap = TimeOf(signal.occurred_at()) - at[before];
      EXPECT_GE(gap, absl::Seconds(5)) << id;
      EXPECT_LE(gap, absl::Seconds(50)) << id;
      EXPECT_EQ(WeekOf(signal), 0) << id;
    }
  }
  EXPECT_GT(storms, 0);
  // No other archetype pages in storms.
  for (const Signal& signal : GenerateFor(Archetype::kRecovering).signals) {
    if (!signal.has_page()) continue;
    EXPECT_EQ(std::count(signal.id().begin(), signal.id().end(), '-'), 2)
        << signal.id();
  }
}

TEST(GenerateTest, QuietUnderwaterCreepsLeavesOopsesAndGoesSilent) {
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE(seed);
    const History history = GenerateFor(Archetype::kQuietUnderwater, seed);
    std::vector<int> pages = PagesPerWeek(history);
    EXPECT_GE(2 * pages[0], 3 * Median({pages.begin() + 1, pages.end()}));

    int stale_unwritten = 0;
    for (const Signal& signal : history.signals) {
      if (!signal.has_oops()) continue;
      const absl::Time at = TimeOf(signal.occurred_at());
      if (at < kEnd - absl::Hours(24 * 42)) {
        EXPECT_TRUE(signal.oops().has_written_up_at()) << signal.id();
      } else {
        EXPECT_FALSE(signal.oops().has_written_up_at()) << signal.id();
        if (kEnd - at > absl::Hours(24 * 14)) ++stale_unwritten;
      }
    }
    EXPECT_GE(stale_unwritten, 3);

    // Respondents per survey, and the survey answered last.
    std::map<std::string, std::set<std::string>> respondents;
    std::pair<absl::Time, std::string> latest;
    for (const Signal& signal : history.signals) {
      if (!signal.has_survey_note()) continue;
      const auto& note = signal.survey_note();
      respondents[note.survey()].insert(note.respondent());
      latest = std::max(latest, {TimeOf(signal.occurred_at()), note.survey()});
    }
    ASSERT_EQ(respondents.size(), 3u);
    for (const auto& [survey, people] : respondents) {
      EXPECT_EQ(people.size(), survey == latest.second ? 2u : 6u) << survey;
    }
  }
}

TEST(GenerateTest, DeferralDriftPilesUpWorkPushedBackAgainAndAgain) {
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE(seed);
    const History history = GenerateFor(Archetype::kDeferralDrift, seed);
    // Each id's revisions arrive in order of times_deferred.
    std::map<std::string, int> seen;
    for (const Signal& signal : history.signals) {
      if (!signal.has_deferral()) continue;
      EXPECT_GE(signal.deferral().times_deferred(), seen[signal.id()]);
      seen[signal.id()] = signal.deferral().times_deferred();
    }
    const std::vector<Signal> finals = FinalDeferrals(history);
    EXPECT_GE(std::count_if(finals.begin(), finals.end(),
                            [](const Signal& item) {
                              return item.deferral().times_deferred() >= 3;
                            }),
              2);

    // Open items at the end of each of the last eight weeks: one more each
    // week, as nothing is done any more.
    const std::vector<int> open = OpenAtEndOfLastEightWeeks(finals);
    EXPECT_TRUE(std::is_sorted(open.begin(), open.end()))
        << testing::PrintToString(open);
    EXPECT_GE(open.back() - open.front(), 7) << testing::PrintToString(open);
    for (const Signal& item : finals) {
      if (item.deferral().resolved()) {
        EXPECT_LT(TimeOf(item.deferral().resolved_at()),
                  kEnd - absl::Hours(24 * 56))
            << item.id();
      }
    }
  }
}

TEST(GenerateTest, RecoveringPagedHeavilyAMonthAgoAndIsCalmNow) {
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE(seed);
    const History history = GenerateFor(Archetype::kRecovering, seed);
    const std::vector<int> pages = PagesPerWeek(history);
    for (int week = 4; week <= 8; ++week) EXPECT_GE(pages[week], 12) << week;
    for (int week = 0; week <= 2; ++week) EXPECT_LE(pages[week], 6) << week;
    int recent = 0;
    for (const Signal& signal : history.signals) {
      if (!signal.has_oops() || WeekOf(signal) > 3) continue;
      ++recent;
      ASSERT_TRUE(signal.oops().has_written_up_at()) << signal.id();
      EXPECT_LE(
          TimeOf(signal.oops().written_up_at()) - TimeOf(signal.occurred_at()),
          absl::Hours(36));
    }
    EXPECT_GE(recent, 3);
  }
}

TEST(GenerateTest, BlindLosesOopsAndSurveyThreeWeeksBeforeTheEnd) {
  const absl::Time dark = kEnd - absl::Hours(24 * 21);
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE(seed);
    const History history = GenerateFor(Archetype::kBlind, seed);
    EXPECT_EQ(LastCoverage(history, "oops"), dark);
    EXPECT_EQ(LastCoverage(history, "survey"), dark);
    EXPECT_EQ(LastCoverage(history, "pagerduty"), kEnd);
    EXPECT_EQ(LastCoverage(history, "jira"), kEnd);
    std::set<std::string> before;
    for (const Signal& signal : history.signals) {
      if (signal.source() == "oops" || signal.source() == "survey") {
        EXPECT_LE(TimeOf(signal.occurred_at()), dark) << signal.id();
        before.insert(signal.source());
      }
    }
    EXPECT_EQ(before, (std::set<std::string>{"oops", "survey"}));
    // Its last near miss came shortly before it went dark, written up: the
    // silence after is blindness, not a team that stopped reporting.
    EXPECT_THAT(
        history.signals,
        testing::Contains(testing::Truly([&](const Signal& signal) {
          return signal.has_oops() && signal.oops().has_written_up_at() &&
                 TimeOf(signal.occurred_at()) > kEnd - absl::Hours(24 * 28);
        })));
    EXPECT_GE(PagesPerWeek(history)[0], 4);
  }
}

TEST(GenerateTest, NamesIdsAndRespondentsTheWayCollectorsDo) {
  const History history = GenerateFor(Archetype::kSteady);
  std::set<std::string> people;
  int page = 0;
  for (const Signal& signal : history.signals) {
    if (signal.has_page()) {
      EXPECT_EQ(signal.id(), absl::StrCat("pagerduty:steady-1-", ++page));
    }
    if (signal.has_deferral()) {
      EXPECT_THAT(signal.id(), testing::MatchesRegex("jira:steady-1-[0-9]+"));
      EXPECT_THAT(signal.deferral().item(),
                  testing::MatchesRegex("STEA1-[0-9]+"));
    }
    if (signal.has_survey_note()) {
      const auto& note = signal.survey_note();
      EXPECT_THAT(note.respondent(), testing::MatchesRegex("r-[0-9a-f]{8}"));
      EXPECT_THAT(note.survey(),
                  testing::MatchesRegex("pulse-20[0-9]{2}-[0-9]{2}b?"));
      EXPECT_TRUE(absl::StartsWith(
          signal.id(), absl::StrCat("survey:steady-1:", note.survey(), ":",
                                    note.respondent(), ":")));
      people.insert(note.respondent());
    }
  }
  // The same six people answer every survey, under the same tokens.
  EXPECT_EQ(people.size(), 6u);
  EXPECT_EQ(ExpectedSources(Archetype::kBlind),
            (std::vector<std::string>{"pagerduty", "jira", "oops", "survey"}));
  EXPECT_EQ(ExpectedSources(Archetype::kMigrationOverload),
            (std::vector<std::string>{"pagerduty", "jira", "oops", "survey",
                                      "migrations"}));
}

TEST(GenerateTest, AMigrationOverloadTeamKeepsARegisterOfSix) {
  const History history = GenerateFor(Archetype::kMigrationOverload);
  int migrations = 0, in_flight = 0, looked_back_on = 0;
  for (const Signal& signal : history.signals) {
    if (!signal.has_migration()) continue;
    ++migrations;
    EXPECT_EQ(signal.source(), "migrations");
    in_flight += !signal.migration().has_finished_at();
    looked_back_on += signal.migration().has_retro_written_at();
  }
  EXPECT_EQ(migrations, 6);
  EXPECT_EQ(in_flight, 4);
  EXPECT_EQ(looked_back_on, 1);
  for (const Archetype other : {Archetype::kSteady, Archetype::kDeploySurge}) {
    for (const Signal& signal : GenerateFor(other).signals)
      EXPECT_FALSE(signal.has_migration()) << ArchetypeName(other);
  }
}

TEST(GenerateTest, ADeploySurgeMoreThanDoublesDeploysInTheLastFourWeeks) {
  const History history = GenerateFor(Archetype::kDeploySurge);
  int recent = 0, before = 0;
  for (const Signal& signal : history.signals) {
    if (!signal.has_deploy()) continue;
    EXPECT_EQ(signal.source(), "github");
    const absl::Time at = TimeOf(signal.occurred_at());
    if (at > kEnd - absl::Hours(24 * 28)) {
      ++recent;
    } else if (at > kEnd - absl::Hours(24 * 56)) {
      ++before;
    }
  }
  EXPECT_GE(recent, 48);
  EXPECT_LE(before, 24);
  EXPECT_GT(recent, 2 * before);
}

}  // namespace
}  // namespace teamload::synthetic
