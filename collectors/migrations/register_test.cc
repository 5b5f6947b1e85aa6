#include "collectors/migrations/register.h"

#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::migrations {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

absl::Time Day(int y, int m, int d) {
  return absl::FromCivil(absl::CivilDay(y, m, d), absl::UTCTimeZone());
}

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(TEAMLOAD_FIXTURES) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> Errors(const ParseResult& parsed) {
  std::vector<std::string> errors;
  for (const auto& e : parsed.errors)
    errors.push_back(e.where + ": " + e.reason);
  return errors;
}

TEST(RegisterTest, ReadsEveryEntryOfARegister) {
  const ParseResult parsed = ParseRegister(
      Fixture("payments.yaml"), "payments.yaml", absl::UTCTimeZone());
  EXPECT_THAT(Errors(parsed), IsEmpty());
  ASSERT_EQ(parsed.migrations.size(), 4u);
  const Migration& pg = parsed.migrations[0];
  EXPECT_EQ(pg.where, "payments.yaml:4:5");
  EXPECT_EQ(pg.team, "payments");
  EXPECT_EQ(pg.record.name, "postgres-16");
  EXPECT_EQ(pg.record.title, "Move the ledger to PostgreSQL 16");
  EXPECT_EQ(pg.started, Day(2026, 3, 2));
  EXPECT_EQ(pg.record.planned_end, Day(2026, 9, 30));
  EXPECT_EQ(pg.record.finished, Day(2026, 10, 1));
  EXPECT_EQ(pg.record.retrospective, absl::InfiniteFuture());
  const Migration& kafka = parsed.migrations[1];
  EXPECT_EQ(kafka.record.retrospective, Day(2026, 9, 2));
  EXPECT_EQ(kafka.record.retrospective_url,
            "https://wiki.example.com/payments/kafka-3-retro");
  EXPECT_EQ(parsed.migrations[2].record.finished, absl::InfiniteFuture());
  EXPECT_EQ(parsed.migrations[3].started,
            absl::FromCivil(absl::CivilSecond(2026, 11, 2, 8, 0, 0),
                            absl::UTCTimeZone()));
}

TEST(RegisterTest, DatesAreReadInTheRegistersZone) {
  absl::TimeZone berlin;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &berlin));
  const ParseResult parsed = ParseRegister(
      "team: t\nmigrations:\n  - {name: a, started: 2026-03-02}\n", "r.yaml",
      berlin);
  ASSERT_EQ(parsed.migrations.size(), 1u);
  EXPECT_EQ(parsed.migrations[0].started, Day(2026, 3, 2) - absl::Hours(1));
}

TEST(RegisterTest, AnEntryInErrorNamesFileLineAndFieldAndTheRestAreRead) {
  const ParseResult parsed = ParseRegister(
      "team: payments\n"
      "migrations:\n"
      "  - name: good\n"
      "    started: 2026-03-02\n"
      "  - name: bad-date\n"
      "    started: 2026-13-02\n"
      "  - title: no name\n"
      "    started: 2026-03-02\n"
      "  - name: no-start\n"
      "  - name: backwards\n"
      "    started: 2026-03-02\n"
      "    finished: 2026-03-01\n"
      "  - name: good\n"
      "    started: 2026-04-01\n"
      "  - name: [a, list]\n"
      "    started: 2026-04-01\n"
      "  - just text\n",
      "register.yaml", absl::UTCTimeZone());
  ASSERT_EQ(parsed.migrations.size(), 1u);
  EXPECT_EQ(parsed.migrations[0].record.name, "good");
  EXPECT_THAT(
      Errors(parsed),
      ElementsAre(
          "register.yaml:6:14: migrations[1].started: \"2026-13-02\" is not a "
          "date (YYYY-MM-DD) or an RFC 3339 time",
          "register.yaml:7:5: migrations[2].name: is required",
          "register.yaml:9:5: migrations[3].started: is required",
          "register.yaml:12:15: migrations[4].finished: is before the "
          "migration started",
          "register.yaml:13:11: migrations[5].name: \"good\" is listed twice",
          "register.yaml:15:11: migrations[6].name: must be text",
          "register.yaml:17:5: migrations[7]: must be a map of keys (name, "
          "started, ...)"));
}

TEST(RegisterTest, AWholeFileInErrorSaysWhere) {
  EXPECT_THAT(
      Errors(ParseRegister("migrations: []\n", "r.yaml", absl::UTCTimeZone())),
      ElementsAre("r.yaml:1: team: is required (the register's team, "
                  "as text)"));
  EXPECT_THAT(
      Errors(ParseRegister("team: t\nmigrations: {a: 1}\n", "r.yaml",
                           absl::UTCTimeZone())),
      ElementsAre("r.yaml:2: migrations: must be a list of migrations"));
  EXPECT_THAT(
      Errors(ParseRegister("team: t\nmigrations: [\n", "r.yaml",
                           absl::UTCTimeZone())),
      ElementsAre(::testing::StartsWith("r.yaml:3:1: not valid YAML: ")));
  EXPECT_THAT(Errors(ParseRegister("team: t\n", "r.yaml", absl::UTCTimeZone())),
              IsEmpty());
}

TEST(RegisterTest, ToSignalMapsTheRegistersTeam) {
  absl::StatusOr<TeamMapping> mapping = TeamMapping::Parse(
      "teams:\n  payments-core:\n    migrations: {teams: [payments]}\n",
      "teams.yaml");
  ASSERT_TRUE(mapping.ok()) << mapping.status();
  const ParseResult parsed = ParseRegister(
      Fixture("payments.yaml"), "payments.yaml", absl::UTCTimeZone());
  std::string why;
  std::optional<teamload::v1::Signal> signal =
      ToSignal(parsed.migrations[1], *mapping, &why);
  ASSERT_TRUE(signal.has_value()) << why;
  EXPECT_EQ(signal->id(), "migrations:payments/kafka-3");
  EXPECT_EQ(signal->team(), "payments-core");
  EXPECT_EQ(signal->source(), "migrations");
  EXPECT_EQ(signal->occurred_at().seconds(),
            absl::ToUnixSeconds(Day(2026, 5, 4)));
  EXPECT_EQ(signal->migration().name(), "kafka-3");
  EXPECT_EQ(signal->migration().title(), "Upgrade the event bus to Kafka 3");
  EXPECT_EQ(signal->migration().planned_end().seconds(),
            absl::ToUnixSeconds(Day(2026, 8, 31)));
  EXPECT_EQ(signal->migration().finished_at().seconds(),
            absl::ToUnixSeconds(Day(2026, 8, 20)));
  EXPECT_EQ(signal->migration().retro_written_at().seconds(),
            absl::ToUnixSeconds(Day(2026, 9, 2)));
  EXPECT_EQ(signal->migration().retro_url(),
            "https://wiki.example.com/payments/kafka-3-retro");
  // In flight: no finished_at, no retrospective.
  signal = ToSignal(parsed.migrations[2], *mapping, &why);
  ASSERT_TRUE(signal.has_value());
  EXPECT_FALSE(signal->migration().has_finished_at());
  EXPECT_FALSE(signal->migration().has_retro_written_at());

  absl::StatusOr<TeamMapping> other = TeamMapping::Parse(
      "teams:\n  search:\n    migrations: {teams: [search]}\n", "teams.yaml");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(ToSignal(parsed.migrations[0], *other, &why).has_value());
  EXPECT_EQ(why,
            "migration postgres-16 of register team payments "
            "(payments.yaml:4:5)");
}

}  // namespace
}  // namespace teamload::collectors::migrations
