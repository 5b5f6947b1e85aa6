// What every collector's tests share: reading a fixture file, and the
// two-team mapping (payments and search) the tests map their records
// against. Test-only: fails the running gtest test rather than returning
// errors. Stateless; safe from any test thread.
#ifndef TEAMLOAD_COLLECTORS_COMMON_TESTING_H_
#define TEAMLOAD_COLLECTORS_COMMON_TESTING_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "collectors/common/inputs.h"
#include "collectors/common/team_mapping.h"
#include "gtest/gtest.h"

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

// The mapping "m.yaml" with two teams, each claiming objects of `source` by
// a YAML flow map of rules, e.g.
//   PaymentsAndSearch("pagerduty", "{escalation_policies: [PY82TC6]}",
//                     "{services: [PSEARCH]}")
// Fails the test when the rules do not parse.
inline collectors::TeamMapping PaymentsAndSearch(
    absl::string_view source, absl::string_view payments_rules,
    absl::string_view search_rules) {
  absl::StatusOr<collectors::TeamMapping> mapping =
      collectors::TeamMapping::Parse(
          absl::StrCat("teams:\n  payments:\n    ", source, ": ",
                       payments_rules, "\n  search:\n    ", source, ": ",
                       search_rules, "\n"),
          "m.yaml");
  EXPECT_TRUE(mapping.ok()) << mapping.status();
  return mapping.ok() ? *std::move(mapping) : collectors::TeamMapping();
}

}  // namespace teamload::testing

#endif  // TEAMLOAD_COLLECTORS_COMMON_TESTING_H_
