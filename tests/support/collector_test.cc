#include "tests/support/collector_test.h"

#include <fstream>
#include <utility>

#include "tests/support/team_state.h"

namespace teamload::testing {

CollectorE2eTest::CollectorE2eTest(std::string teams, std::string mapping)
    : daemon_(dir_.path(), std::move(teams)), mapping_(std::move(mapping)) {}

void CollectorE2eTest::SetUp() {
  ASSERT_NO_FATAL_FAILURE(daemon_.Start());
  std::ofstream(Mapping()) << mapping_;
}

std::string CollectorE2eTest::Mapping() const {
  return (dir_.path() / "teams.yaml").string();
}

ProcessResult CollectorE2eTest::Collect(const std::string& path,
                                        const std::vector<std::string>& args) {
  std::vector<std::string> argv = {path, "--addr", daemon_.address(),
                                   "--mapping", Mapping()};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::Run(argv);
}

ProcessResult CollectorE2eTest::Ctl(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {TeamloadctlPath(), "--addr",
                                   daemon_.address()};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::Run(argv);
}

v1::Team CollectorE2eTest::Team(const std::string& name) {
  return TeamState(daemon_.address(), name);
}

}  // namespace teamload::testing
