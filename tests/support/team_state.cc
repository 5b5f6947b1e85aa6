#include "tests/support/team_state.h"

#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload::testing {

v1::Team TeamState(const std::string& address, const std::string& name) {
  ProcessResult out =
      Run({TeamloadctlPath(), "--addr", address, "team", name, "--json"});
  v1::Team team;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(out.out, &team).ok())
      << out.err;
  return team;
}

int64_t SignalCount(const v1::Team& team, const std::string& kind) {
  auto it = team.signal_counts().find(kind);
  return it == team.signal_counts().end() ? 0 : it->second;
}

void ExpectSignalsAndCoverage(const v1::Team& team, const std::string& kind,
                              int64_t count, const std::string& source) {
  EXPECT_TRUE(team.signal_counts().contains(kind))
      << team.name() << ": " << kind;
  EXPECT_EQ(SignalCount(team, kind), count) << team.name() << ": " << kind;
  ASSERT_EQ(team.coverage_size(), 1) << team.name();
  EXPECT_EQ(team.coverage(0).source(), source) << team.name();
}

}  // namespace teamload::testing
