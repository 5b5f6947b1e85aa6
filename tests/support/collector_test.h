// CollectorE2eTest: the fixture every collector end-to-end test shares. Each
// test gets a teamloadd of its own in a fresh folder (its config: `teams`,
// the YAML after listen and store) and the collectors' team mapping
// (`mapping`) written next to it as teams.yaml once the daemon serves.
// Collect runs a collector binary against both; Ctl and CtlJson read back
// through teamloadctl, as an operator would.
//
// Not thread-safe: one per test, as gtest makes them.
#ifndef TEAMLOAD_TESTS_SUPPORT_COLLECTOR_TEST_H_
#define TEAMLOAD_TESTS_SUPPORT_COLLECTOR_TEST_H_

#include <string>
#include <vector>

#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "teamload/v1/team.pb.h"
#include "tests/support/process.h"

namespace teamload::testing {

class CollectorE2eTest : public ::testing::Test {
 protected:
  CollectorE2eTest(std::string teams, std::string mapping);

  // Starts the daemon (aborting the test if it cannot) and writes the mapping.
  void SetUp() override;

  // The mapping file's path.
  std::string Mapping() const;

  // Runs the collector at `path` with --addr and --mapping, then `args`.
  ProcessResult Collect(const std::string& path,
                        const std::vector<std::string>& args);

  // Runs teamloadctl with --addr, then `args`.
  ProcessResult Ctl(const std::vector<std::string>& args);

  // Ctl's standard output read as JSON into a Message; a test failure (with
  // teamloadctl's standard error) when it is not.
  template <typename Message>
  Message CtlJson(const std::vector<std::string>& args) {
    ProcessResult out = Ctl(args);
    Message message;
    EXPECT_TRUE(
        google::protobuf::util::JsonStringToMessage(out.out, &message).ok())
        << out.err;
    return message;
  }

  // The team's state (`teamloadctl team NAME --json`).
  v1::Team Team(const std::string& name);

  TempDir dir_;
  Daemon daemon_;

 private:
  const std::string mapping_;
};

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_COLLECTOR_TEST_H_
