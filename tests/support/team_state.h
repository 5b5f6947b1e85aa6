// What teamloadd knows of a team, read the way an operator would: through
// `teamloadctl team NAME --json`. For end-to-end tests of the collectors.
#ifndef TEAMLOAD_TESTS_SUPPORT_TEAM_STATE_H_
#define TEAMLOAD_TESTS_SUPPORT_TEAM_STATE_H_

#include <cstdint>
#include <string>

#include "teamload/v1/team.pb.h"

namespace teamload::testing {

// The team `name` from the teamloadd at `address`; adds a test failure (and
// returns an empty Team) when teamloadctl or its JSON fails.
v1::Team TeamState(const std::string& address, const std::string& name);

// How many signals of `kind` ("page", "survey_note") the team holds; 0 when
// the count is absent.
int64_t SignalCount(const v1::Team& team, const std::string& kind);

// Expects `team` to hold `count` signals of `kind` and coverage from `source`
// alone. A fatal failure when the coverage is not exactly one source, so a
// caller may read team.coverage(0) after ASSERT_NO_FATAL_FAILURE.
void ExpectSignalsAndCoverage(const v1::Team& team, const std::string& kind,
                              int64_t count, const std::string& source);

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_TEAM_STATE_H_
