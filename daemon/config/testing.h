// What the config's tests share: a two-team `teams:` section, and the table
// rows and check of the table-driven tests of bad input. Test-only; reports
// through gtest assertions. Stateless.
#ifndef TEAMLOAD_DAEMON_CONFIG_TESTING_H_
#define TEAMLOAD_DAEMON_CONFIG_TESTING_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::config::testing {

// Two teams: payments in Berlin, five on call, expecting PagerDuty and Jira;
// search with every default; served on loopback without TLS or tokens
// (insecure_local). Append it to the keys before `teams`.
inline constexpr char kPaymentsAndSearch[] = R"yaml(insecure_local: true
teams:
  - name: payments
    timezone: Europe/Berlin
    oncall_size: 5
    expected_sources: [pagerduty, jira]
  - name: search
)yaml";

// A row of a bad-input table: the text given, and a fragment of the message
// that must refuse it.
struct BadInput {
  const char* text;
  const char* message;
};

inline void PrintTo(const BadInput& bad, std::ostream* os) {
  *os << bad.message;
}

// Expects `status` to be InvalidArgument with `fragment` in its message.
inline void ExpectRefused(const absl::Status& status,
                          absl::string_view fragment) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              ::testing::HasSubstr(std::string(fragment)));
}

}  // namespace teamload::config::testing

#endif  // TEAMLOAD_DAEMON_CONFIG_TESTING_H_
