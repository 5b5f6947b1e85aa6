// What every collector's tests share: reading a fixture file, the two-team
// mapping (payments and search) their records map against, and
// matchers for what a parser reports and the signal a record maps to.
// Test-only: fails the running gtest test rather than returning errors.
// Stateless; safe from any test thread.
#ifndef TEAMLOAD_COLLECTORS_COMMON_TESTING_H_
#define TEAMLOAD_COLLECTORS_COMMON_TESTING_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "collectors/common/inputs.h"
#include "collectors/common/record_error.h"
#include "collectors/common/team_mapping.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::testing {

// The text of `dir`/`name`; fails the test, naming the file, when unreadable.
inline std::string ReadFixture(absl::string_view dir, absl::string_view name) {
  const std::string path = absl::StrCat(dir, "/", name);
  std::string text;
  EXPECT_TRUE(collectors::ReadFile(path, text)) << path;
  return text;
}

#ifdef TEAMLOAD_FIXTURES
// The text of `path` under TEAMLOAD_FIXTURES, the fixture folder a collector's
// CMake (teamload_collector's FIXTURES) gives its test binary.
inline std::string Fixture(absl::string_view path) {
  return ReadFixture(TEAMLOAD_FIXTURES, path);
}
#endif

// The mapping "m.yaml" every collector's tests map their records against:
// two teams, payments and search, claiming objects of every source. Fails
// the test when it does not parse.
inline collectors::TeamMapping Mapping() {
  absl::StatusOr<collectors::TeamMapping> mapping =
      collectors::TeamMapping::Parse(
          R"(teams:
  payments:
    github: {repositories: [acme/payments]}
    jira: {projects: [PAY], components: [PAY/ledger, CORE/ledger]}
    oops: {teams: [payments, pay], channels: [oops-payments]}
    opsgenie: {tags: [vip], integrations: [Integration1]}
    pagerduty: {escalation_policies: [PY82TC6]}
    survey: {teams: [Payments]}
  search:
    github: {labels: [team-search]}
    jira: {labels: [team-search]}
    oops: {teams: [search], channels: [oops-search]}
    opsgenie: {teams: [search-oncall]}
    pagerduty: {teams: [PTEAM01], services: [PSEARCH]}
    survey: {teams: [Search]}
)",
          "m.yaml");
  EXPECT_TRUE(mapping.ok()) << mapping.status();
  return mapping.ok() ? *std::move(mapping) : collectors::TeamMapping();
}

// The one record a parser read into `records` of its `result`, e.g.
//   Incident i = OnlyRecord(parser.Parse(text, name), &ParseResult::incidents);
// Fails the test when the result has errors or not exactly one record (then
// a default record).
template <typename Result, typename Record>
Record OnlyRecord(const Result& result, std::vector<Record> Result::*records) {
  EXPECT_THAT(result.errors, ::testing::IsEmpty());
  const std::vector<Record>& all = result.*records;
  EXPECT_EQ(all.size(), 1u);
  return all.size() == 1 ? all.front() : Record();
}

#ifdef TEAMLOAD_FIXTURES
// The one record a default `Parser` reads from the fixture `path` into
// `records` of its result, e.g. one recorded webhook's:
//   FixtureRecord<Parser>("pagerduty/zulip_resolved_v3.json",
//                         &ParseResult::incidents)
template <typename Parser, typename Result, typename Record>
Record FixtureRecord(absl::string_view path,
                     std::vector<Record> Result::*records) {
  return OnlyRecord(Parser().Parse(Fixture(path), path), records);
}
#endif

// Matches a RecordError whose where and reason match `where` and `reason`
// (each a string, or a matcher such as HasSubstr), e.g.
//   EXPECT_THAT(result.errors,
//               ElementsAre(ErrorAt("x.json: $.data[1].id", "is required")));
inline auto ErrorAt(
    ::testing::Matcher<const std::string&> where,
    ::testing::Matcher<const std::string&> reason = ::testing::_) {
  return ::testing::AllOf(
      ::testing::Field("where", &collectors::RecordError::where, where),
      ::testing::Field("reason", &collectors::RecordError::reason, reason));
}

// Matches a message equal, field for field, to the text-format `expected`
// message of the same type.
MATCHER_P(EqualsTextProto, expected, "") {
  std::unique_ptr<google::protobuf::Message> want(arg.New());
  if (!google::protobuf::TextFormat::ParseFromString(expected, want.get())) {
    *result_listener << "the expected text does not parse";
    return false;
  }
  if (google::protobuf::util::MessageDifferencer::Equals(arg, *want)) {
    return true;
  }
  *result_listener << "is {" << arg.ShortDebugString() << "}";
  return false;
}

// The signal `record` maps to under `mapping`, by its source's
// ToSignal(record, mapping, &unmapped); fails the test, saying what was not
// mapped, when there is none (then an empty signal).
template <typename Record>
teamload::v1::Signal MappedSignal(const Record& record,
                                  const collectors::TeamMapping& mapping) {
  std::string unmapped;
  std::optional<teamload::v1::Signal> signal =
      ToSignal(record, mapping, &unmapped);
  EXPECT_TRUE(signal.has_value()) << "unmapped: " << unmapped;
  return signal.value_or(teamload::v1::Signal());
}

// The team each of `records` maps to under Mapping(), in order, "" for a
// record that makes no signal; `unmapped` says why the last one no team
// claims was not mapped.
template <typename Records>
std::vector<std::string> MappedTeams(const Records& records,
                                     std::string* unmapped) {
  const collectors::TeamMapping mapping = Mapping();
  std::vector<std::string> teams;
  for (const auto& record : records) {
    std::optional<teamload::v1::Signal> signal =
        ToSignal(record, mapping, unmapped);
    teams.push_back(signal.has_value() ? signal->team() : "");
  }
  return teams;
}

}  // namespace teamload::testing

#endif  // TEAMLOAD_COLLECTORS_COMMON_TESTING_H_
